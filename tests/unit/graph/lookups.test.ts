import { beforeAll, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import {
  findAccountByExternalId,
  findAccountsByDomain,
  findByNameKey,
  findContactByEmail,
  findPersonByEmail,
  getContactsOfAccount,
  getEdges,
  getPeople,
  readDictionarySource,
} from '../../../utils/store/db';
import { importGraphObject } from '../../../utils/store/importer';
import { normalizeKey, stripLegalForm } from '../../../utils/text/normalize';

const ids = (l: Array<{ id: string }>) => l.map((x) => x.id).sort();

describe('store lookups', () => {
  beforeAll(async () => {
    const r = await importGraphObject({
      ...STORY,
      accounts: [
        ...STORY.accounts,
        { id: 'a-acme', name: 'ACME Holding A/S', aliases: ['Acme'], domains: ['Acme.COM', 'https://www.acme.dk/'], externalIds: { salesforce: '0015g00000ACMEABCD', dynamics: '{3F2504E0-4F89-11D3-9A0C-0305E82C3302}' } },
        { id: 'a-acme-eu', name: 'Acme Europe', domains: ['eu.acme.com'] },
      ],
    });
    expect(r.ok).toBe(true);
  });

  it('finds accounts by name key, without legal form, and by alias', async () => {
    expect(ids(await findByNameKey('account', normalizeKey('Nordlicht Logistik GmbH')))).toEqual(['a-nordlicht']);
    expect(ids(await findByNameKey('account', stripLegalForm(normalizeKey('Nordlicht Logistik GmbH'))))).toEqual(['a-nordlicht']);
    expect(ids(await findByNameKey('account', normalizeKey('Nordlicht')))).toEqual(['a-nordlicht']);
    expect(ids(await findByNameKey('account', normalizeKey('acme holding')))).toEqual(['a-acme']);
    expect(ids(await findByNameKey('account', normalizeKey('Müller Präzisionstechnik')))).toEqual(['a-mueller']);
    expect(await findByNameKey('account', 'nobody')).toEqual([]);
  });

  it('finds topics by label and alias in any language, and contacts by name', async () => {
    expect(ids(await findByNameKey('topic', normalizeKey('EDI-Anbindung')))).toEqual(['t-edi']);
    expect(ids(await findByNameKey('topic', normalizeKey('dataskyddsförordningen')))).toEqual(['t-gdpr']);
    expect(ids(await findByNameKey('contact', normalizeKey('Henrik Ahlers')))).toEqual(['c-ahlers']);
  });

  it('finds accounts by domain, by subdomain (nearest parent first), and by URL-ish input', async () => {
    expect(ids(await findAccountsByDomain('nordlicht-logistik.de'))).toEqual(['a-nordlicht']);
    expect(ids(await findAccountsByDomain('mail.nordlicht-logistik.de'))).toEqual(['a-nordlicht']);
    expect(ids(await findAccountsByDomain('ACME.com'))).toEqual(['a-acme']);
    expect(ids(await findAccountsByDomain('eu.acme.com'))).toEqual(['a-acme-eu']);
    expect(ids(await findAccountsByDomain('sales.eu.acme.com'))).toEqual(['a-acme-eu']);
    expect(ids(await findAccountsByDomain('shop.acme.dk'))).toEqual(['a-acme']);
    expect(await findAccountsByDomain('com')).toEqual([]);
    expect(await findAccountsByDomain('unknown.example')).toEqual([]);
  });

  it('finds accounts by external id: Salesforce in 18 and 15 characters, Dynamics GUIDs in any case', async () => {
    expect((await findAccountByExternalId('salesforce', '0015g00000NRDLCHAA'))?.id).toBe('a-nordlicht');
    expect((await findAccountByExternalId('salesforce', '0015g00000NRDLC'))?.id).toBe('a-nordlicht');
    expect((await findAccountByExternalId('salesforce', '0015g00000NRDLCXYZ'))?.id).toBe('a-nordlicht');
    expect(await findAccountByExternalId('salesforce', '0015g00000nrdlc')).toBeUndefined();
    expect((await findAccountByExternalId('hubspot', '9100001'))?.id).toBe('a-nordlicht');
    expect((await findAccountByExternalId('dynamics', '3f2504e0-4f89-11d3-9a0c-0305e82c3302'))?.id).toBe('a-acme');
    expect(await findAccountByExternalId('zendesk', 'nope')).toBeUndefined();
    const acme = await findAccountByExternalId('salesforce', '0015g00000ACMEA');
    expect(acme).toMatchObject({ id: 'a-acme', domains: ['acme.com', 'acme.dk'] });
    expect(acme).not.toHaveProperty('nameKeys');
    expect(acme).not.toHaveProperty('extKeys');
  });

  it('finds contacts and colleagues by email in any case, and contacts of an account', async () => {
    expect((await findContactByEmail('H.Ahlers@Nordlicht-Logistik.de'))?.id).toBe('c-ahlers');
    expect(await findContactByEmail('nobody@nordlicht-logistik.de')).toBeUndefined();
    expect((await findPersonByEmail('Sofie.Lindqvist@kenner-demo.example'))?.id).toBe('p-sofie');
    expect(ids(await getContactsOfAccount('a-nordlicht'))).toEqual(['c-ahlers', 'c-krause']);
  });

  it('gets records and edges by id (missing ids are left out) and the dictionary source in one snapshot', async () => {
    expect(ids(await getPeople(['p-sofie', 'p-nobody', 'p-lars']))).toEqual(['p-lars', 'p-sofie']);
    const edges = await getEdges(['a-havbryggen', 't-edi', 'nope']);
    expect(edges.map((e) => [e.entityId, e.entityKind])).toEqual([
      ['a-havbryggen', 'account'],
      ['t-edi', 'topic'],
    ]);
    expect(Object.keys(edges[1].people).sort()).toEqual(['p-lars', 'p-zoe']);
    const src = await readDictionarySource();
    expect(src.accounts).toHaveLength(9);
    expect(src.topics).toHaveLength(6);
    expect(src.contacts).toHaveLength(7);
    expect(src.people.find((p) => p.id === 'p-konstantin')).toEqual({ id: 'p-konstantin', name: 'Konstantin Adler', email: 'konstantin.adler@kenner-demo.example', discoverable: false });
  });
});
