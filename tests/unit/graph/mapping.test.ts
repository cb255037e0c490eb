import { beforeEach, describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { clearGraph, findAccountByExternalId, findAccountsByDomain, getAccounts } from '../../../utils/store/db';
import { importGraph, importGraphObject } from '../../../utils/store/importer';
import { sniffCsvHeader } from '../../../utils/graph/import';
import { textFile } from './helpers';

const REPORT =
  '\uFEFF"Account Name";"Website";"Account Owner Email";"Account ID";"Billing Country";"Industry"\r\n' +
  '"Nordlicht Logistik GmbH";"https://www.nordlicht-logistik.de";"joerg.baeumer@kenner-demo.example";"0015g00000NRDLCHAA";"DE";"Logistics"\r\n' +
  '"Fjordkraft Data AS";"fjordkraft-data.no";"Sofie.Lindqvist@kenner-demo.example";"0015g00000FJORDKAA";"NO";"IT"\r\n';

describe('CRM report exports: header sniffing and column mapping', () => {
  beforeEach(async () => {
    await clearGraph();
    await importGraphObject(STORY, { source: 'demo' });
  });

  it('sniffs a Salesforce account report: ";" delimiter, columns, type, a suggested mapping', () => {
    const info = sniffCsvHeader(REPORT.slice(0, 200), 'report1712.csv');
    expect(info.delimiter).toBe(';');
    expect(info.columns).toEqual(['Account Name', 'Website', 'Account Owner Email', 'Account ID', 'Billing Country', 'Industry']);
    expect(info.type).toBe('account');
    expect(info.needsMapping).toBe(true);
    expect(info.matches).toBe(false);
    expect(info.suggestedMapping).toEqual({
      id: 'Account ID',
      name: 'Account Name',
      domains: 'Website',
      industry: 'Industry',
      country: 'Billing Country',
      ownerEmail: 'Account Owner Email',
      'externalIds.salesforce': 'Account ID',
    });
  });

  it('needs no mapping for a file in the format, and tells the type from the file name or a type column', () => {
    expect(sniffCsvHeader('id,name,domains\na-1,Acme,acme.com\n', 'accounts.csv')).toMatchObject({ type: 'account', needsMapping: false, matches: true, delimiter: ',' });
    expect(sniffCsvHeader('type,id,label\ntopic,t-1,EDI\n', 'export.csv')).toMatchObject({ type: 'topic', needsMapping: false });
    expect(sniffCsvHeader('Foo,Bar\n1,2\n', 'x.csv')).toMatchObject({ type: undefined, needsMapping: true, suggestedMapping: {} });
  });

  it('imports the report with the mapping (merge): owner by email, domain from the website, Salesforce id', async () => {
    const { suggestedMapping } = sniffCsvHeader(REPORT, 'report1712.csv');
    const r = await importGraph([textFile('report1712.csv', REPORT, 33)], { mode: 'merge', mappings: { 'report1712.csv': { type: 'account', columns: suggestedMapping } } });
    expect(r).toMatchObject({ ok: true, counts: { accounts: 9 } });
    const fjord = await findAccountByExternalId('salesforce', '0015g00000FJORD');
    expect(fjord).toEqual({
      id: '0015g00000FJORDKAA',
      name: 'Fjordkraft Data AS',
      domains: ['fjordkraft-data.no'],
      ownerId: 'p-sofie',
      country: 'NO',
      industry: 'IT',
      externalIds: { salesforce: '0015g00000FJORDKAA' },
    });
    expect((await findAccountsByDomain('nordlicht-logistik.de')).map((a) => a.id).sort()).toEqual(['0015g00000NRDLCHAA', 'a-nordlicht']);
  });

  it('accepts the plain { target: column } shape, and reports an owner email that is no colleague', async () => {
    const text = 'Company;Owner Email;ID\nAcme;nobody@kenner-demo.example;acc-1\n';
    const mapping = { name: 'Company', ownerEmail: 'Owner Email', id: 'ID' };
    const r = await importGraph([textFile('accounts-report.csv', text)], { mode: 'merge', mappings: { 'accounts-report.csv': mapping } });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([
      expect.objectContaining({
        line: 2,
        column: 2,
        code: 'unknown-owner-email',
        message: 'accounts-report.csv line 2: "ownerEmail" holds "nobody@kenner-demo.example", but no colleague has that email (column 2)',
      }),
    ]);
    expect(await getAccounts(['acc-1'])).toEqual([]);
  });

  it('reports a mapping that names a column the file does not have', async () => {
    const r = await importGraph([textFile('r.csv', 'A,B\n1,2\n')], { mappings: { 'r.csv': { type: 'account', columns: { id: 'A', name: 'Account Name' } } } });
    expect(r.errors).toEqual([expect.objectContaining({ file: 'r.csv', line: 1, code: 'bad-mapping', field: 'name', params: { column: 'Account Name', field: 'name' } })]);
  });
});
