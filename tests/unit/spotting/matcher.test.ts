import { describe, expect, it } from 'vitest';
import type { Account, Contact, Topic } from '../../../utils/graph/model';
import { STORY } from '../../../utils/demo/story';
import { compileDictionary, type DictionarySource } from '../../../utils/spotting/dictionary';
import { Matcher } from '../../../utils/spotting/matcher';
import { foldText, nameKeys } from '../../../utils/text/normalize';
import { foldToken } from '../../../utils/spotting/tokenize';
import { viaMessage } from './helpers';

const acc = (id: string, name: string, extra: Partial<Account> = {}): Account => ({ id, name, ...extra });
const con = (id: string, name: string, extra: Partial<Contact> = {}): Contact => ({ id, name, ...extra });
const top = (id: string, label: string, aliases: string[] = []): Topic => ({ id, label, aliases });

function matcherOf(src: Partial<DictionarySource>): Matcher {
  const d = compileDictionary({ accounts: [], contacts: [], topics: [], people: [], ...src }, 'test');
  return new Matcher(viaMessage(d)); // as it travels in a message
}

/** "text it found → entity id" pairs, in page order. */
function spot(m: Matcher, text: string): string[] {
  return m.matchText(text, []).map((x) => `${text.slice(x.start, x.end)}→${x.ents.map((e) => m.idOf(e)).join('|')}`);
}

const story = matcherOf(STORY);

describe('matcher: the five languages', () => {
  it('en: account with and without legal form, contact, topic alias', () => {
    expect(spot(story, 'Brightwater asked Priya Patel about Single Sign-On; Brightwater Retail plc renews.')).toEqual([
      'Brightwater→a-brightwater', 'Priya Patel→c-patel', 'Single Sign-On→t-sso', 'Brightwater Retail plc→a-brightwater',
    ]);
  });
  it('de: umlauts as written, spelled out or dropped; ß; compounds are not names', () => {
    expect(spot(story, 'Termin mit Müller Präzisionstechnik AG und der Mueller Praezisionstechnik zur Lagerverwaltung.')).toEqual([
      'Müller Präzisionstechnik AG→a-mueller', 'Mueller Praezisionstechnik→a-mueller', 'Lagerverwaltung→t-wms',
    ]);
    expect(spot(story, 'Das Lagerverwaltungssystem in der Nordlichtstraße')).toEqual([]);
    expect(spot(story, 'DSGVO-Prüfung bei NORDLICHT LOGISTIK')).toEqual(['DSGVO→t-gdpr', 'NORDLICHT LOGISTIK→a-nordlicht']);
  });
  it('nl: multi-word names and hyphenated aliases', () => {
    expect(spot(story, 'Sanne de Vries van Van Dijk Installatietechniek wil de EDI-koppeling en magazijnbeheer.')).toEqual([
      'Sanne de Vries→c-devries', 'Van Dijk Installatietechniek→a-vandijk', 'EDI-koppeling→t-edi', 'magazijnbeheer→t-wms',
    ]);
  });
  it('da: æ/ø/å folded (Mærsk ~ Maersk, Søren ~ Soren)', () => {
    const m = matcherOf({ accounts: [acc('a-maersk', 'A.P. Møller - Mærsk A/S', { aliases: ['Mærsk'] })], contacts: [con('c-soren', 'Søren Kjærgaard')] });
    expect(spot(m, 'Maersk og Soren Kjaergaard; MÆRSK; Mærsk A/S')).toEqual(['Maersk→a-maersk', 'Soren Kjaergaard→c-soren', 'MÆRSK→a-maersk', 'Mærsk→a-maersk']);
    expect(spot(story, 'Havbryggen Shipping A/S har fakturaafvigelser')).toEqual(['Havbryggen Shipping A/S→a-havbryggen', 'fakturaafvigelser→t-invoice']);
  });
  it('sv: å/ä/ö, and longer words containing a name are not it', () => {
    expect(spot(story, 'Erik Lindberg på Solvik Energi om dataskyddsförordningen och enkel inloggning')).toEqual([
      'Erik Lindberg→c-lindberg', 'Solvik Energi→a-solvik', 'dataskyddsförordningen→t-gdpr', 'enkel inloggning→t-sso',
    ]);
    expect(spot(story, 'Solvikvägen 4 och klassordningen')).toEqual([]);
  });
});

describe('matcher: words, width, punctuation', () => {
  it('longest match wins', () => {
    expect(spot(story, 'SAP S/4HANA migration starts')).toEqual(['SAP S/4HANA migration→t-s4']);
    expect(spot(story, 'Nordlicht Logistik GmbH')).toEqual(['Nordlicht Logistik GmbH→a-nordlicht']);
  });
  it('S/4HANA, S/4 HANA, S4HANA and full-width letters are one name; names inside longer words are not', () => {
    expect(spot(story, 'S/4HANA, S/4 HANA, S4HANA, Ｓ/４ＨＡＮＡ')).toEqual(['S/4HANA→t-s4', 'S/4 HANA→t-s4', 'S4HANA→t-s4', 'Ｓ/４ＨＡＮＡ→t-s4']);
    expect(spot(story, 'EDIfication, EDIFACT, ASSOCIATED, credible, editorial')).toEqual([]);
  });
  it('a name never spans sentence punctuation', () => {
    expect(spot(story, 'Single, sign-on')).toEqual([]);
  });
  it('folding matches the normalize.ts keys the graph store indexes with', () => {
    for (const n of ['Müller', 'Mueller', 'Muller']) expect(foldToken(n)).toBe('muller');
    expect(foldToken('Mærsk')).toBe(foldToken('Maersk'));
    expect(foldToken('Straße')).toBe(foldToken('Strasse'));
    expect(foldToken('Søren')).toBe(foldText('Soren'));
    expect(nameKeys('Nordlicht Logistik GmbH')).toEqual(['nordlicht logistik gmbh', 'nordlicht logistik']);
  });
});

describe('matcher: common words and short names', () => {
  const m = matcherOf({
    accounts: [acc('a-target', 'Target'), acc('a-shell', 'Shell plc'), acc('a-apple', 'Apple Inc.'), acc('a-next', 'Next'), acc('a-orange', 'Orange S.A.'), acc('a-hp', 'HP'), acc('a-3m', '3M')],
    topics: [top('t-edi', 'EDI')],
  });
  it('match where the page writes them as names', () => {
    expect(spot(m, 'We met Target and Shell yesterday; TARGET confirmed; Orange S.A. too.')).toEqual([
      'Target→a-target', 'Shell→a-shell', 'TARGET→a-target', 'Orange S.A→a-orange',
    ]);
    expect(spot(m, 'Quotes from HP and 3M about EDI.')).toEqual(['HP→a-hp', '3M→a-3m', 'EDI→t-edi']);
  });
  it('not in ordinary prose, nor merely as the first word of a sentence', () => {
    expect(spot(m, 'We need to target the next apple harvest. Shell out money for an orange.')).toEqual([]);
    expect(spot(m, 'Target the right customers first. Next, call them.')).toEqual([]);
    expect(spot(m, 'hp and edi in lower case, Edi as a first name')).toEqual([]);
  });
  it('Anchor Ltd: the company, not the verb', () => {
    expect(spot(story, 'We need to anchor the plan. Anchor Ltd renewed; our client Anchor too.')).toEqual(['Anchor Ltd→a-anchor', 'Anchor→a-anchor']);
  });
  it('a lone name in a table cell or link is a name', () => {
    expect(spot(m, 'Target')).toEqual(['Target→a-target']);
  });
});

describe('matcher: email addresses', () => {
  it('contact by exact address, account by domain and subdomains', () => {
    expect(spot(story, 'From h.ahlers@nordlicht-logistik.de and ops@eu.havbryggen.dk')).toEqual([
      'h.ahlers@nordlicht-logistik.de→c-ahlers|a-nordlicht', 'ops@eu.havbryggen.dk→a-havbryggen',
    ]);
    expect(story.matchEmail('H.Ahlers@Nordlicht-Logistik.DE').ents.map((e) => story.idOf(e))).toEqual(['c-ahlers', 'a-nordlicht']);
  });
  it('free-mail domains never map to an account; the company domain maps to colleagues, never customers', () => {
    expect(spot(story, 'x@gmx.de, tobias.kern84@gmail.com, erik.l@hotmail.com, priya@outlook.com')).toEqual([]);
    const colleague = story.matchEmail('joerg.baeumer@kenner-demo.example');
    expect(colleague).toEqual({ company: true, ents: [] });
    expect(spot(story, 'it-service@kenner-demo.example')).toEqual([]);
    // An account wrongly listing a free-mail or the company domain does not claim it.
    const m = matcherOf({ accounts: [acc('a-x', 'Xyzzy Corp', { domains: ['gmail.com', 'kenner-demo.example'] })], people: [{ id: 'p', name: 'P', email: 'p@kenner-demo.example' }] });
    expect(m.matchEmail('a@gmail.com').ents).toEqual([]);
    expect(m.matchEmail('b@kenner-demo.example')).toEqual({ company: true, ents: [] });
  });
  it('the text of an address is not scanned for names', () => {
    expect(spot(story, 'mette.hansen@havbryggen.dk')).toEqual(['mette.hansen@havbryggen.dk→c-hansen|a-havbryggen']);
  });
});

describe('matcher: record ids and whole names', () => {
  it('Salesforce 15/18-char ids, HubSpot ids, Dynamics GUIDs', () => {
    const ids = (xs: number[]) => xs.map((e) => story.idOf(e));
    expect(ids(story.lookupExternal('salesforce', '0015g00000NRDLCHAA'))).toEqual(['a-nordlicht']);
    expect(ids(story.lookupExternal('salesforce', '0015g00000NRDLC'))).toEqual(['a-nordlicht']);
    expect(ids(story.lookupExternal('hubspot', '9100003'))).toEqual(['a-vandijk']);
    expect(ids(story.lookupExternal('dynamics', '{7C9E6679-7425-40DE-944B-E07FC1F90AE7}'))).toEqual(['a-solvik']);
    expect(story.lookupExternal('hubspot', '1')).toEqual([]);
  });
  it('lookupName: the whole string is one known name', () => {
    expect(story.lookupName('Van Dijk Installatietechniek B.V.').map((e) => story.idOf(e))).toEqual(['a-vandijk']);
    expect(story.lookupName('Van Dijk Installatietechniek B.V. (NL)')).toEqual([]);
  });
  it('same name, several entities: all candidates are returned', () => {
    const m = matcherOf({ contacts: [con('c-1', 'Anna Weber'), con('c-2', 'Anna Weber')] });
    expect(spot(m, 'Anna Weber')).toEqual(['Anna Weber→c-1|c-2']);
  });
  it('entity accessors survive the JSON trip', () => {
    const e = story.lookupName('Henrik Ahlers')[0];
    expect([story.kindOf(e), story.idOf(e), story.nameOf(e), story.idOf(story.accountOf(e))]).toEqual(['contact', 'c-ahlers', 'Henrik Ahlers', 'a-nordlicht']);
  });
});
