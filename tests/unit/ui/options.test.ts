import { beforeEach, describe, expect, it } from 'vitest';
import { countsText } from '../../../components/common/graph-summary';
import { fieldsOf, initialMapping, missingRequired } from '../../../components/options/CsvMapping';
import { prepareCsvMapping } from '../../../components/options/csv-plan';
import { toHeaderInfo } from '../../../components/options/bind-importer';
import { estimateLeftMs, importErrorText, importStatusText } from '../../../components/options/import-format';
import { toMatchPattern } from '../../../components/options/match-pattern';
import { exportFileName, parseRetention } from '../../../components/options/privacy-helpers';
import { sectionFromHash } from '../../../components/options/sections';
import { LANGS, loadMessages, setLocale } from './reasons-i18n';

describe('options: custom site patterns', () => {
  it('completes a host or URL into a match pattern', () => {
    expect(toMatchPattern('crm.example.com')).toEqual({ ok: true, pattern: 'https://crm.example.com/*' });
    expect(toMatchPattern(' https://crm.example.com ')).toEqual({ ok: true, pattern: 'https://crm.example.com/*' });
    expect(toMatchPattern('https://crm.example.com/')).toEqual({ ok: true, pattern: 'https://crm.example.com/*' });
    expect(toMatchPattern('https://crm.example.com/app')).toEqual({ ok: true, pattern: 'https://crm.example.com/app/*' });
    expect(toMatchPattern('https://*.example.com/*')).toEqual({ ok: true, pattern: 'https://*.example.com/*' });
    expect(toMatchPattern('http://crm.intra.example:8080/*')).toEqual({ ok: true, pattern: 'http://crm.intra.example:8080/*' });
    expect(toMatchPattern('HTTPS://CRM.Example.com/*')).toEqual({ ok: true, pattern: 'https://crm.example.com/*' });
  });

  it('refuses what is not one company host', () => {
    expect(toMatchPattern('')).toEqual({ ok: false, problem: 'empty' });
    expect(toMatchPattern('<all_urls>')).toEqual({ ok: false, problem: 'too_broad' });
    expect(toMatchPattern('https://*/*')).toEqual({ ok: false, problem: 'too_broad' });
    expect(toMatchPattern('ftp://files.example.com/*')).toEqual({ ok: false, problem: 'scheme' });
    expect(toMatchPattern('file:///etc/passwd')).toEqual({ ok: false, problem: 'scheme' });
    expect(toMatchPattern('https://cr*m.example.com/*')).toEqual({ ok: false, problem: 'host' });
    expect(toMatchPattern('https://com/*')).toEqual({ ok: false, problem: 'host' });
    expect(toMatchPattern('https://exa mple.com/*')).toEqual({ ok: false, problem: 'host' });
    expect(toMatchPattern('https://crm.example.com/a b')).toEqual({ ok: false, problem: 'path' });
    expect(toMatchPattern('https://crm.example.com:99999/*')).toEqual({ ok: false, problem: 'host' });
  });
});

describe('options: sections by hash', () => {
  it('deep-links every section and defaults to data', () => {
    for (const id of ['data', 'sites', 'page', 'me', 'privacy', 'diagnostics', 'policy']) expect(sectionFromHash(`#${id}`)).toBe(id);
    expect(sectionFromHash('')).toBe('data');
    expect(sectionFromHash('#nonsense')).toBe('data');
    expect(sectionFromHash('#Privacy')).toBe('privacy');
  });
});

describe('options: privacy helpers', () => {
  it('names the export by local date and validates retention', () => {
    expect(exportFileName(new Date(2026, 0, 5, 23, 59))).toBe('kenner-export-2026-01-05.json');
    expect(parseRetention('30')).toBe(30);
    expect(parseRetention(' 7 ')).toBe(7);
    for (const bad of ['0', '-1', '3651', '1.5', 'abc', '']) expect(parseRetention(bad)).toBeNull();
  });
});

describe('options: import outcome in words', () => {
  beforeEach(() => setLocale('en'));
  const counts = { people: 12, accounts: 1, contacts: 6, topics: 6, interactions: 28 };

  it('says what the graph holds, with plurals, in five languages', () => {
    expect(importStatusText({ ok: true, counts }, 'en')).toBe(
      'Import finished. The graph now holds 12 people, 1 account, 6 contacts, 6 topics, and 28 interactions.',
    );
    setLocale('de');
    expect(countsText(counts, 'de')).toBe('12 Personen, 1 Kunde, 6 Kontakte, 6 Themen und 28 Interaktionen');
    for (const lang of LANGS) {
      setLocale(lang);
      const text = importStatusText({ ok: true, counts: { ...counts, people: 12000 } }, lang);
      expect(text).toMatch(/12[\s.,\u00a0\u202f]?000/);
      expect(text).not.toMatch(/opt_|\$/);
    }
  });

  it('says how an import failed, with file, line, column and field', () => {
    expect(importStatusText({ ok: false, errors: ['x', 'y'] })).toBe('The import failed, nothing was changed. Errors found: 2');
    expect(importStatusText({ ok: false, cancelled: true })).toBe('Import cancelled. Nothing was changed.');
    expect(importErrorText({ file: 'accounts.csv', line: 212, column: 3, field: 'domains', message: 'holds "acme..com", which is not a domain' })).toBe(
      'accounts.csv, line 212, column 3, field "domains": holds "acme..com", which is not a domain',
    );
    // The importer's message already names the place: not repeated.
    expect(importErrorText({ file: 'accounts.csv', line: 2, message: 'accounts.csv line 2: "id" is missing' })).toBe('accounts.csv line 2: "id" is missing');
    expect(importErrorText('plain message')).toBe('plain message');
    setLocale('de');
    expect(importErrorText({ file: 'people.csv', line: 4, message: 'bad' })).toBe('people.csv, Zeile 4: bad');
  });

  it('estimates the time left from the fraction done', () => {
    expect(estimateLeftMs({ records: 10, fraction: 0.5 }, 4000)).toBe(4000);
    expect(estimateLeftMs({ records: 10, bytesRead: 25, bytesTotal: 100 }, 3000)).toBe(9000);
    expect(estimateLeftMs({ records: 10, bytesRead: 50, bytesTotal: 100, elapsedMs: 2000 }, 1)).toBe(2000);
    expect(estimateLeftMs({ records: 10, etaMs: 1234 }, 10)).toBe(1234);
    expect(estimateLeftMs({ records: 10 }, 5000)).toBeUndefined();
  });
});

describe('options: CSV column mapping', () => {
  const salesforce = ['Account Name', 'Website', 'Account Owner Email', 'Billing Country'];
  const file = (name: string) => new File(['x'], name, { type: 'text/csv' });

  it('asks only for CSV files whose header does not follow the format', async () => {
    const sniff = async (f: File) => (f.name === 'report.csv' ? { columns: salesforce, matches: false } : { columns: ['id', 'name'], matches: true });
    expect(await prepareCsvMapping([file('people.csv'), file('graph.json')], sniff)).toBeNull();
    const plan = await prepareCsvMapping([file('people.csv'), file('report.csv')], sniff);
    expect(plan?.csv.map((c) => c.file.name)).toEqual(['report.csv']);
    expect(plan?.files.map((f) => f.name)).toEqual(['people.csv', 'report.csv']);
    expect(await prepareCsvMapping([file('report.csv')], null)).toBeNull();
  });

  it('starts from the suggestions, uses the name as id when there is none, and names what is missing', () => {
    const info = { columns: salesforce, matches: false, suggested: { name: 'Account Name', domains: 'Website', ownerEmail: 'Account Owner Email', bogus: 'Nope' } };
    const m = initialMapping(info, 'account');
    expect(m).toEqual({ id: 'Account Name', name: 'Account Name', domains: 'Website', ownerEmail: 'Account Owner Email' });
    expect(missingRequired('account', m)).toEqual([]);
    expect(missingRequired('account', {})).toEqual(['id', 'name']);
    expect(missingRequired('interaction', { personId: 'Owner' })).toEqual(['kind', 'date']);
    expect(initialMapping({ columns: ['Name', 'EMAIL'], matches: false }, 'person')).toEqual({ id: 'Name', name: 'Name', email: 'EMAIL' });
    expect(fieldsOf('account').optional).toContain('ownerEmail');
  });

  it('works with the importer\'s own sniffer on a Salesforce report', async () => {
    const { sniffCsvHeader } = await import('../../../utils/graph/import/csv');
    const sniff = async (f: File) => toHeaderInfo(sniffCsvHeader(await f.text(), f.name));
    const report = new File(['Account Name;Website;Account Owner Email;Billing Country\nNordlicht Logistik GmbH;nordlicht-logistik.de;joerg.baeumer@kenner-demo.example;DE\n'], 'report.csv');
    const plan = await prepareCsvMapping([report], sniff);
    expect(plan?.csv).toHaveLength(1);
    const info = plan!.csv[0].info;
    expect(info.type).toBe('account');
    expect(initialMapping(info, 'account')).toMatchObject({ id: 'Account Name', name: 'Account Name', domains: 'Website', ownerEmail: 'Account Owner Email', country: 'Billing Country' });
    const people = new File(['id,name,email\np-1,Ann,ann@x.example\n'], 'people.csv');
    expect(await prepareCsvMapping([people], sniff)).toBeNull();
  });
});

describe('options and popup strings', () => {
  it('exist in all five languages with the same placeholders, and are translated', () => {
    const en = loadMessages('en');
    const mine = Object.keys(en).filter((k) => k.startsWith('opt_') || k.startsWith('popup_'));
    expect(mine.length).toBeGreaterThan(100);
    for (const lang of LANGS) {
      const m = loadMessages(lang);
      let same = 0;
      for (const k of mine) {
        expect(m[k], `${lang}:${k}`).toBeDefined();
        expect(Object.keys(m[k].placeholders ?? {}).sort(), `${lang}:${k}`).toEqual(Object.keys(en[k].placeholders ?? {}).sort());
        for (const ph of Object.keys(en[k].placeholders ?? {})) expect(m[k].message.toLowerCase(), `${lang}:${k}`).toContain(`$${ph}$`);
        if (lang !== 'en' && m[k].message === en[k].message) same++;
      }
      // Some words are the same across languages (Data, Adapter, Cache …), but not many.
      if (lang !== 'en') expect(same / mine.length, lang).toBeLessThan(0.15);
    }
  });
});
