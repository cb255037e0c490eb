/**
 * CSV imports end to end (issue "Company graph sources"): several files at
 * once, as a European spreadsheet writes them (BOM, `;`, CRLF); a broken row
 * leaves the previous graph untouched and is named; a good import replaces the
 * graph and the side panel shows the new data.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { test, expect } from './fixtures';
import { mostRecentDealWinner, smallDemoGraph } from './graph-files';
import { CSV_COLUMNS, CSV_FILES, csvRow, type CsvRecordType } from '../../utils/graph/csv-columns';
import type { Graph } from '../../utils/graph/model';

/** The graph as five CSV files (BOM, `;`, CRLF); `edit` may change the rows of a type. */
function writeCsv(g: Graph, edit?: (type: CsvRecordType, rows: string[][]) => void): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'kenner-csv-'));
  const lists: Record<CsvRecordType, object[]> = { person: g.people, account: g.accounts, contact: g.contacts, topic: g.topics, interaction: g.interactions };
  return (Object.keys(lists) as CsvRecordType[]).map((type) => {
    const rows = lists[type].map((r) => csvRow(type, r as never));
    edit?.(type, rows);
    const file = path.join(dir, CSV_FILES[type]);
    writeFileSync(file, '\uFEFF' + Papa.unparse([CSV_COLUMNS[type], ...rows], { delimiter: ';', newline: '\r\n' }));
    return file;
  });
}

const SF_ACCOUNT = '/lightning/r/Account/0015g00000NRDLCHAA/view';

test('CSV: a broken row names file and line and changes nothing; a good import replaces the graph', async ({ kenner }) => {
  const a = smallDemoGraph();
  const statusA = await kenner.importFiles(writeCsv(a));
  expect(statusA).toMatch(/interactions/);
  const page = await kenner.openDemoPage(SF_ACCOUNT);
  const panel = await kenner.openSidePanel(await kenner.tabIdOf(page));
  await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toHaveAttribute('data-person-id', mostRecentDealWinner(a, 'a-nordlicht'));
  await expect(panel.locator('[data-person-id="p-zoe"]')).toHaveCount(0);

  // Row 40 of accounts.csv (line 41: the header is line 1) gets a domain that is not one.
  const broken = await kenner.importFiles(
    writeCsv(a, (type, rows) => {
      if (type === 'account') rows[39][CSV_COLUMNS.account.indexOf('domains')] = 'acme..com';
    }),
  );
  expect(broken).toContain('accounts.csv');
  expect(broken).toMatch(/line 41/);
  expect(broken).toContain('domains');
  await expect(panel.locator('[data-person-id]:not([data-involved])').first()).toHaveAttribute('data-person-id', mostRecentDealWinner(a, 'a-nordlicht'));

  // Graph B: the first colleague has left (no longer discoverable) and Zoë won deals with Nordlicht
  // last week; the panel follows the new graph.
  const first = mostRecentDealWinner(a, 'a-nordlicht');
  const b: Graph = {
    ...a,
    people: a.people.map((p) => (p.id === first ? { ...p, discoverable: false } : p)),
    interactions: [...a.interactions, { id: 'csv-new', personId: 'p-zoe', accountId: 'a-nordlicht', kind: 'deal-won', date: '2026-11-15', count: 3 }],
  };
  expect(mostRecentDealWinner(b, 'a-nordlicht')).toBe('p-zoe');
  const statusB = await kenner.importFiles(writeCsv(b));
  expect(statusB.replace(/(\d)[,.\u00a0\u202f ](?=\d{3})/g, '$1')).toContain(`${b.interactions.length} interactions`);
  await expect(panel.locator(`[data-person-id="${first}"]`)).toHaveCount(0, { timeout: 20_000 });
  await expect(panel.locator('[data-person-id="p-zoe"]')).toHaveCount(1);
});
