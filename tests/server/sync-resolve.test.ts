/**
 * server/sync/resolve.ts: one graph out of several systems' records
 * (identity, pins, vocabulary, governance), pure: no database.
 */
import { describe, expect, it } from 'vitest';
import type { SourceRecord } from '../../server/connectors/types';
import { parseConnectorsFile, policyOf } from '../../server/sync/policy';
import { nameFromAddress, resolveGraph, type ResolveSource } from '../../server/sync/resolve';
import type { Pin } from '../../server/sync/store';
import type { VocabularyFile } from '../../server/sync/vocabulary';

const NOW = Date.parse('2026-11-01T00:00:00Z');
const CO = 'kenner-demo.example';
const mail = (l: string) => `${l}@${CO}`;
const policy = (extra: object = {}) => policyOf(parseConnectorsFile({ companyDomains: [CO], sources: [], ...extra }));
const src = (source: string, records: SourceRecord[], days = 4 * 365): ResolveSource => ({ source, records, lookBackDays: (kind) => (kind === 'email' ? Math.min(days, 730) : days) });

const person = (id: string, local: string, name: string, extra: object = {}): SourceRecord => ({ type: 'person', record: { id, name, email: mail(local), ...extra } });
const account = (id: string, name: string, extra: object = {}): SourceRecord => ({ type: 'account', record: { id, name, ...extra } });
const contact = (id: string, name: string, email: string, accountId?: string): SourceRecord => ({ type: 'contact', record: { id, name, email, accountId } });
const ix = (r: object): SourceRecord => ({ type: 'interaction', record: { kind: 'case-resolved', date: '2026-07-01', ...r } as never });

const VOCAB: VocabularyFile = {
  topics: [
    {
      id: 't-edi',
      label: 'EDI integration',
      kind: 'technology',
      aliases: { en: ['EDI'], de: ['EDI-Anbindung'], nl: ['EDI-koppeling'], da: ['EDI-integration'], sv: ['EDI-integrering'] },
      terms: [
        { field: 'tag', value: 'edi' },
        { field: 'Case.Product__c', value: 'EDI Connect' },
      ],
    },
  ],
};

const SALESFORCE = src('salesforce', [
  person('005A', 'soeren.kjaergaard', 'Søren Kjærgaard'),
  person('005B', 'lars.moller', 'Lars Møller', { title: 'Support Engineer' }),
  account('001HAV', 'Havbryggen Shipping A/S', { domains: ['havbryggen.dk'], ownerId: '005A', country: 'DK' }),
  account('001NOR', 'Nordlicht Logistik GmbH', { domains: ['nordlicht-logistik.de'] }),
  contact('003M', 'Mette Hansen', 'Mette.Hansen@havbryggen.dk', '001HAV'),
  ix({ id: 'Opportunity:006X:won', personId: '005A', accountId: '001HAV', kind: 'deal-won', date: '2025-03-01', terms: [{ field: 'Opportunity.Type', value: 'New Business' }] }),
]);
const ZENDESK = src('zendesk', [
  person('9001', 'lars.moller', 'Lars Moller'),
  person('9002', 'zoe.vandenberg', 'Zoë van den Berg'),
  // Linked to Salesforce by an external id; Nordlicht by its name only; an unknown organisation alone.
  account('360002', 'Havbryggen', { externalIds: { salesforce: '001HAV' } }),
  account('360001', 'Nordlicht Logistik', {}),
  account('360009', 'Fjordline Tours', { domains: ['fjordline.no'] }),
  contact('8001', 'Mette Hansen', 'mette.hansen@havbryggen.dk', '360002'),
  ix({ id: 'ticket:1:solved', personId: '9001', accountId: '360002', contactId: '8001', count: 3, terms: [{ field: 'tag', value: 'EDI' }] }),
  ix({ id: 'ticket:2:solved', personId: '9002', accountId: '360009', terms: [{ field: 'tag', value: 'edi' }, { field: 'tag', value: 'billing' }] }),
  ix({ id: 'ticket:3:solved', personId: '9002', terms: [{ field: 'tag', value: 'billing' }] }),
  ix({ id: 'ticket:4:solved', personId: '9999', accountId: '360002' }),
]);
const M365 = src(
  'microsoft365',
  [
    person('u-lars', 'lars.moller', 'Lars Møller'),
    ix({ id: 'event:1', personId: 'u-lars', kind: 'meeting', date: '2026-09-15', externalEmails: ['mette.hansen@havbryggen.dk', mail('zoe.vandenberg')] }),
    ix({ id: 'event:2', personId: 'u-lars', kind: 'meeting', date: '2026-09-16', externalEmails: ['new.person@havbryggen.dk'] }),
    ix({ id: 'mail:1', personId: 'u-lars', kind: 'email', direction: 'outbound', date: '2026-09-17', externalEmails: ['someone@unknown-customer.example'] }),
    ix({ id: 'mail:old', personId: 'u-lars', kind: 'email', direction: 'inbound', date: '2024-06-01', externalEmails: ['mette.hansen@havbryggen.dk'] }),
    ix({ id: 'event:old', personId: 'u-lars', kind: 'meeting', date: '2024-06-01', externalEmails: ['mette.hansen@havbryggen.dk'] }),
  ],
  4 * 365,
);

describe('resolveGraph', () => {
  const g = resolveGraph({ sources: [ZENDESK, M365, SALESFORCE], vocabulary: VOCAB, policy: policy(), now: NOW });
  const acc = (name: string) => g.accounts.find((a) => a.name === name)!;

  it('resolves colleagues across systems by email, one record each, the CRM first', () => {
    expect(g.people.map((p) => p.email)).toEqual([mail('lars.moller'), mail('soeren.kjaergaard'), mail('zoe.vandenberg')]);
    const lars = g.people.find((p) => p.email === mail('lars.moller'))!;
    expect(lars).toMatchObject({ id: `p:${mail('lars.moller')}`, name: 'Lars Møller', title: 'Support Engineer' });
    expect(g.interactions.filter((i) => i.personId === lars.id).map((i) => i.source)).toEqual(expect.arrayContaining(['zendesk', 'microsoft365']));
  });

  it('resolves customers by external id, then domain, then normalised name; reports merges and the unmatched', () => {
    expect(g.accounts.map((a) => a.name)).toEqual(['Havbryggen Shipping A/S', 'Nordlicht Logistik GmbH', 'Fjordline Tours']);
    expect(acc('Havbryggen Shipping A/S')).toMatchObject({
      id: 'a:salesforce:001HAV',
      aliases: ['Havbryggen'],
      domains: ['havbryggen.dk'],
      externalIds: { salesforce: '001HAV', zendesk: '360002' },
      ownerId: `p:${mail('soeren.kjaergaard')}`,
    });
    expect(acc('Nordlicht Logistik GmbH').externalIds).toEqual({ salesforce: '001NOR', zendesk: '360001' });
    expect(g.report.merged).toEqual([
      { id: 'a:salesforce:001HAV', name: 'Havbryggen Shipping A/S', members: ['salesforce:001HAV', 'zendesk:360002'], by: ['externalId'] },
      { id: 'a:salesforce:001NOR', name: 'Nordlicht Logistik GmbH', members: ['salesforce:001NOR', 'zendesk:360001'], by: ['name'] },
    ]);
    expect(g.report.unmatched.accounts).toEqual([{ ref: 'zendesk:360009', name: 'Fjordline Tours' }]);
  });

  it('resolves contacts by email across systems and makes a contact of an external address only when its domain is a customer', () => {
    expect(g.contacts.map((c) => [c.id, c.accountId])).toEqual([
      ['c:mette.hansen@havbryggen.dk', 'a:salesforce:001HAV'],
      ['c:new.person@havbryggen.dk', 'a:salesforce:001HAV'],
    ]);
    expect(g.contacts[1].name).toBe('New Person');
    const meeting = g.interactions.find((i) => i.id === 'microsoft365:event:1')!;
    // The internal address among the participants is no contact.
    expect(meeting).toMatchObject({ contactId: 'c:mette.hansen@havbryggen.dk', accountId: 'a:salesforce:001HAV', kind: 'meeting', source: 'microsoft365' });
    // The unknown domain's address is counted, never stored.
    expect(g.interactions.some((i) => i.id === 'microsoft365:mail:1')).toBe(false);
    expect(g.report.unmatched.externalAddresses).toBe(1);
    expect(JSON.stringify(g)).not.toContain('someone@unknown-customer.example');
    expect(g.report.unmatched.interactionsWithoutPerson).toBe(1);
  });

  it('maps terms to topics through the vocabulary and lists the rest as suggestions, never applied', () => {
    expect(g.topics).toEqual([{ id: 't-edi', label: 'EDI integration', kind: 'technology', aliases: ['EDI', 'EDI-Anbindung', 'EDI-koppeling', 'EDI-integration', 'EDI-integrering'] }]);
    expect(g.interactions.find((i) => i.id === 'zendesk:ticket:1:solved')).toMatchObject({ topicIds: ['t-edi'], count: 3, contactId: 'c:mette.hansen@havbryggen.dk', accountId: 'a:salesforce:001HAV' });
    expect(g.interactions.find((i) => i.id === 'zendesk:ticket:2:solved')!.topicIds).toEqual(['t-edi']);
    // Only an unmapped term: nothing to point at, dropped (and the term suggested).
    expect(g.interactions.some((i) => i.id === 'zendesk:ticket:3:solved')).toBe(false);
    expect(g.report.suggestions).toEqual([
      { field: 'tag', value: 'billing', count: 2 },
      { field: 'Opportunity.Type', value: 'New Business', count: 1 },
    ]);
  });

  it('applies the look-back again at build time: mail two years, meetings four', () => {
    expect(g.interactions.some((i) => i.id === 'microsoft365:mail:old')).toBe(false);
    expect(g.interactions.some((i) => i.id === 'microsoft365:event:old')).toBe(true);
    expect(g.report.governance.olderThanLookBack).toBe(1);
  });

  it('gives every interaction its source and a source-scoped id, in date order', () => {
    for (const i of g.interactions) expect(i.id!.startsWith(`${i.source}:`)).toBe(true);
    const dates = g.interactions.map((i) => i.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('reports two customers of one system claiming one domain as a conflict, and uses the domain for neither', () => {
    const two = src('salesforce', [
      person('005B', 'lars.moller', 'Lars Møller'),
      account('001A', 'Alpha Shipping', { domains: ['shared.example'] }),
      account('001B', 'Beta Shipping', { domains: ['shared.example'] }),
    ]);
    const mailbox = src('microsoft365', [person('u', 'lars.moller', 'Lars'), ix({ id: 'm', personId: 'u', kind: 'meeting', externalEmails: ['x@shared.example'] })]);
    const r = resolveGraph({ sources: [two, mailbox], policy: policy(), now: NOW });
    expect(r.report.conflicts).toEqual([{ domain: 'shared.example', accounts: ['salesforce:001A', 'salesforce:001B'] }]);
    expect(r.accounts.every((a) => !a.domains)).toBe(true);
    expect(r.interactions).toEqual([]);
    // A pin decides: the domain belongs to Beta; the address becomes Beta's contact.
    const pinned = resolveGraph({ sources: [two, mailbox], policy: policy(), now: NOW, pins: [{ id: '1', kind: 'domain', a: 'shared.example', b: 'salesforce:001B' }] });
    expect(pinned.report.conflicts).toEqual([]);
    expect(pinned.accounts.find((a) => a.name === 'Beta Shipping')!.domains).toEqual(['shared.example']);
    expect(pinned.interactions[0]).toMatchObject({ accountId: 'a:salesforce:001B', contactId: 'c:x@shared.example' });
  });

  it('obeys pins: merge joins what nothing linked, apart keeps what a name would join', () => {
    const a = src('salesforce', [account('001A', 'Havbryggen Shipping A/S'), account('001Z', 'Nordic Freight')]);
    const b = src('zendesk', [account('77', 'Havbryggen Shipping'), account('78', 'NF Group')]);
    const plain = resolveGraph({ sources: [a, b], policy: policy(), now: NOW });
    expect(plain.accounts).toHaveLength(3);
    const pins: Pin[] = [
      { id: '1', kind: 'apart', a: 'salesforce:001A', b: 'zendesk:77' },
      { id: '2', kind: 'merge', a: 'salesforce:001Z', b: 'zendesk:78' },
    ];
    const r = resolveGraph({ sources: [a, b], policy: policy(), now: NOW, pins });
    expect(r.accounts.map((x) => x.name).sort()).toEqual(['Havbryggen Shipping', 'Havbryggen Shipping A/S', 'Nordic Freight']);
    expect(r.report.merged).toEqual([{ id: 'a:salesforce:001Z', name: 'Nordic Freight', members: ['salesforce:001Z', 'zendesk:78'], by: ['pin'] }]);
  });

  it('governance: excluded people never appear; an opt-out or discoverable: false deletes their evidence', () => {
    const s = src('zendesk', [
      person('1', 'lars.moller', 'Lars Møller'),
      person('2', 'board.member', 'Board Member'),
      person('3', 'zoe.vandenberg', 'Zoë van den Berg'),
      person('4', 'konstantin.adler', 'Konstantin Adler', { discoverable: false }),
      account('A', 'Havbryggen', { domains: ['havbryggen.dk'] }),
      contact('C', 'Hidden Contact', 'gone@havbryggen.dk', 'A'),
      ...['1', '2', '3', '4'].map((p) => ix({ id: `t${p}`, personId: p, accountId: 'A' })),
      ix({ id: 't5', personId: '1', accountId: 'A', contactId: 'C' }),
    ]);
    const r = resolveGraph({
      sources: [s],
      policy: policy({ exclude: { groups: { board: [mail('board.member')] } }, optOut: [mail('zoe.vandenberg'), 'gone@havbryggen.dk'] }),
      now: NOW,
    });
    expect(JSON.stringify(r)).not.toContain('board.member');
    expect(JSON.stringify(r)).not.toContain('gone@havbryggen.dk');
    expect(r.people.map((p) => [p.email, p.discoverable])).toEqual([
      [mail('konstantin.adler'), false],
      [mail('lars.moller'), undefined],
      [mail('zoe.vandenberg'), false],
    ]);
    expect(r.interactions.map((i) => i.id)).toEqual(['zendesk:t1', 'zendesk:t5']);
    expect(r.interactions[1].contactId).toBeUndefined();
    expect(r.report.governance).toMatchObject({ excluded: 2, optedOut: 3 });
  });
});

describe('policy', () => {
  it('answers internal, excluded (addresses, domains, group members) and opted out', () => {
    const p = policy({ exclude: { emails: ['ceo@kenner-demo.example'], domains: ['hr.kenner-demo.example'], groups: { ma: ['deal@kenner-demo.example'] } }, optOut: ['Quiet@kenner-demo.example'] });
    expect(p.isInternal('a@kenner-demo.example')).toBe(true);
    expect(p.isInternal('a@sub.kenner-demo.example')).toBe(true);
    expect(p.isInternal('a@havbryggen.dk')).toBe(false);
    expect(['CEO@kenner-demo.example', 'x@hr.kenner-demo.example', 'deal@kenner-demo.example', 'a@kenner-demo.example'].map((e) => p.isExcluded(e))).toEqual([true, true, true, false]);
    expect(p.isOptedOut('quiet@kenner-demo.example')).toBe(true);
  });

  it('refuses a secret in the file and names the field', () => {
    expect(() => parseConnectorsFile({ companyDomains: [CO], sources: [{ connector: 'zendesk', settings: { apiToken: 'abc' } }] })).toThrow(/sources\.0\.settings\.apiToken: a secret does not belong in the file/);
    expect(() => parseConnectorsFile({ companyDomains: [CO], sources: [{ connector: 'zendesk', settings: { apiTokenEnv: 'ZD_TOKEN' } }] })).not.toThrow();
    expect(() => parseConnectorsFile({ companyDomains: [], sources: [] })).toThrow(/companyDomains/);
    expect(() => parseConnectorsFile({ companyDomains: [CO], sources: [{ connector: 'nope' }] })).toThrow(/sources\.0\.connector/);
  });

  it('makes a name of an address', () => {
    expect(nameFromAddress('mette.hansen@havbryggen.dk')).toBe('Mette Hansen');
    expect(nameFromAddress('j_doe-smith@x.example')).toBe('J Doe Smith');
  });
});
