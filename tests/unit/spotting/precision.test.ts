// @vitest-environment jsdom
/**
 * Precision on real prose (issue 13): names that are also common words or
 * parts of longer proper names need evidence in free text — the right
 * capitalisation, no adjacent capitalised word, or the same customer named
 * with evidence on the page (legal form, full name, email domain, structural
 * field). Structural fields and email addresses stay authoritative.
 */
import { describe, expect, it } from 'vitest';
import type { Account, Contact } from '../../../utils/graph/model';
import { SpotEngine, type EngineReport } from '../../../utils/page/engine';
import { generic } from '../../../utils/sites/generic';
import { compileDictionary, type DictionarySource } from '../../../utils/spotting/dictionary';
import { capitalisedNeighbour, confirmWeak } from '../../../utils/spotting/evidence';
import { Matcher } from '../../../utils/spotting/matcher';
import { viaMessage } from './helpers';

const acc = (id: string, name: string, extra: Partial<Account> = {}): Account => ({ id, name, ...extra });
const con = (id: string, name: string, extra: Partial<Contact> = {}): Contact => ({ id, name, ...extra });

function matcherOf(src: Partial<DictionarySource>): Matcher {
  return new Matcher(viaMessage(compileDictionary({ accounts: [], contacts: [], topics: [], people: [], ...src }, 'test')));
}

const m = matcherOf({
  accounts: [
    acc('a-labour', 'Labour Party', { aliases: ['Labour'] }),
    acc('a-york', 'York Ltd', { domains: ['york-ltd.example'] }),
    acc('a-real', 'Real Estate Partners GmbH', { aliases: ['Real'] }),
    acc('a-rangers', 'Rangers FC', { aliases: ['Rangers'] }),
    acc('a-national', 'National Grid plc', { aliases: ['National'] }),
    acc('a-news', 'News Corp', { aliases: ['News'] }),
    acc('a-nordlicht', 'Nordlicht Logistik GmbH', { aliases: ['Nordlicht'] }),
  ],
  contacts: [con('c-ahlers', 'Henrik Ahlers', { email: 'h.ahlers@york-ltd.example' })],
});

/** What the page keeps: matches, then weak ones only with evidence; "text→id" in page order. */
function spot(text: string, evidence: Set<number> = new Set()): string[] {
  return confirmWeak(m.matchText(text, []), evidence).map((x) => `${text.slice(x.start, x.end)}→${x.ents.map((e) => m.idOf(e)).join('|')}`);
}

describe('precision: evidence for names in free text', () => {
  it('right capitalisation: lower-case words are not the customer', () => {
    expect(spot('The labour market and real estate prices; the rangers and the national news.')).toEqual([]);
    expect(spot('Talked to nordlicht logistik about it.')).toEqual([]);
    expect(spot('Talked to Nordlicht Logistik about it.')).toEqual(['Nordlicht Logistik→a-nordlicht']);
  });

  it('no adjacent capitalised word that makes a one-word name part of a longer name', () => {
    expect(spot('Flights to New York were cancelled.')).toEqual([]);
    // A common-word name before a capitalised word is part of a longer name too ("Real Madrid"); another name is not.
    expect(spot('They signed with Real Madrid and Glasgow Rangers.')).toEqual([]);
    expect(spot('The Real Estate Partners deal; then Nordlicht Hamburg called.')).toEqual(['Real Estate Partners→a-real', 'Nordlicht→a-nordlicht']);
    // A legal form next to it is evidence, an ordinary sentence opener is not a name, a code is not a word.
    expect(spot('York Ltd signed. We met York yesterday. In York, nothing.')).toEqual(['York Ltd→a-york', 'York→a-york', 'York→a-york']);
    expect(capitalisedNeighbour('The York office', 4, 8)).toBe(false);
    expect(capitalisedNeighbour('via New York today', 8, 12)).toBe(true);
    expect(capitalisedNeighbour('via Real Madrid today', 4, 8)).toBe(true);
    expect(capitalisedNeighbour('via Real Madrid today', 4, 8, false)).toBe(false);
    expect(capitalisedNeighbour('route W224 Mobil .', 11, 16)).toBe(false);
  });

  it('a common-word name needs the same customer named with evidence on the page', () => {
    expect(spot('The vote of Labour was close.')).toEqual([]);
    // At the start of a sentence its capital is only the sentence's.
    expect(spot('The Labour Party said so. Labour said the vote was close.')).toEqual(['Labour Party→a-labour']);
    expect(spot('The Labour Party said so; later The vote of Labour was close.')).toEqual(['Labour Party→a-labour', 'Labour→a-labour']);
    expect(spot('We met Real about the lease.')).toEqual([]);
    expect(spot('Real Estate Partners GmbH wrote; we met Real about the lease.')).toEqual(['Real Estate Partners GmbH→a-real', 'Real→a-real']);
    // Evidence from outside the text: an email domain or a structural field naming the same customer.
    const rangers = m.lookupName('Rangers FC');
    expect(spot('The invoice for Rangers is late.', new Set(rangers))).toEqual(['Rangers→a-rangers']);
    expect(spot('The invoice for Rangers is late.')).toEqual([]);
    expect(spot('The invoice for News is late.')).toEqual([]);
  });

  it('structural fields and email addresses stay authoritative', () => {
    expect(m.lookupName('Labour').map((e) => m.idOf(e))).toEqual(['a-labour']);
    expect(m.lookupName('national').map((e) => m.idOf(e))).toEqual(['a-national']);
    expect(m.matchEmail('h.ahlers@york-ltd.example').ents.map((e) => m.idOf(e)).sort()).toEqual(['a-york', 'c-ahlers']);
    expect(spot('Mail from h.ahlers@york-ltd.example')).toEqual(['h.ahlers@york-ltd.example→c-ahlers|a-york']);
  });
});

describe('precision on a page: a weak mention waits for evidence anywhere on the page', () => {
  const kinds = { account: true, contact: true, topic: true };
  async function report(html: string): Promise<{ r: EngineReport; engine: SpotEngine }> {
    document.body.innerHTML = html;
    const engine = new SpotEngine({ matcher: m, adapter: generic, config: { highlight: true, kinds }, reportDelayMs: 5, flushDelayMs: 1, navigationSettleMs: 1 });
    await engine.start();
    return { r: await engine.reportNow(), engine };
  }

  it('is neither counted nor highlighted alone, and is both once the page names the customer with evidence, earlier or later', async () => {
    const alone = await report('<p>The vote of Labour was close.</p>');
    expect(alone.r.entities).toEqual([]);
    expect(alone.engine.matchAt(document.querySelector('p')!.firstChild!, 13)).toBeNull();
    alone.engine.dispose();

    const later = await report('<p id="a">The vote of Labour was close.</p><p>Statement of the Labour Party.</p>');
    expect(later.r.entities.map((e) => [e.id, e.count])).toEqual([['a-labour', 2]]);
    expect(later.engine.matchAt(document.getElementById('a')!.firstChild!, 13)?.id).toBe('a-labour');
    later.engine.dispose();

    const added = await report('<p id="a">The vote of Labour was close.</p><main></main>');
    expect(added.r.entities).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'Mail: press@labour-party.example, Labour Party';
    document.querySelector('main')!.appendChild(p);
    await new Promise((r) => setTimeout(r, 40));
    expect((await added.engine.reportNow()).entities.map((e) => e.id)).toEqual(['a-labour']);
    expect(added.engine.matchAt(document.getElementById('a')!.firstChild!, 13)?.id).toBe('a-labour');
    added.engine.dispose();
  });
});
