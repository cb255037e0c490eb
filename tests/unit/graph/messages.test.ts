import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, formatImportError, importErrorKey, PLACE_KEYS, renderMessage, translateFrom, type LocaleMessage } from '../../../utils/graph/import/error-text';
import { err } from '../../../utils/graph/import/errors';

type Messages = Record<string, LocaleMessage>;
const load = (lang: string): Messages => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages;
const LANGS = ['en', 'de', 'nl', 'da', 'sv'];

describe('import error messages in five languages', () => {
  const en = load('en');
  const keys = [...ERROR_CODES.map(importErrorKey), ...PLACE_KEYS];

  it('the words of every error code and place are locale messages, and every import_err_ message is used', () => {
    for (const key of keys) expect(en[key], key).toBeDefined();
    expect(Object.keys(en).filter((k) => k.startsWith('import_err_')).sort()).toEqual([...keys].sort());
  });

  it('en, de, nl, da and sv have every key with the same placeholders, and use them', () => {
    for (const lang of LANGS) {
      const m = load(lang);
      for (const key of keys) {
        expect(m[key], `${lang} ${key}`).toBeDefined();
        expect(m[key].placeholders, `${lang} ${key}`).toEqual(en[key].placeholders);
        for (const name of Object.keys(en[key].placeholders ?? {})) expect(m[key].message, `${lang} ${key}`).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });

  it('renders messages as chrome.i18n.getMessage does', () => {
    const entry = { message: 'a $B$ $$1 $1 $X$', placeholders: { b: { content: '[$2]' } } };
    expect(renderMessage(entry, ['one', 'two'])).toBe('a [two] $1 one ');
  });

  it('words an error in the language of the translate function it is given', () => {
    const e = err.invalid({ file: 'accounts.csv', line: 212, column: 3 }, 'domains', 'acme..com', 'domain');
    expect(e.message).toBe('accounts.csv line 212: "domains" holds "acme..com", which is not a domain (column 3)');
    expect(formatImportError(e, translateFrom(load('de')))).toMatch(/^accounts\.csv Zeile 212: .*acme\.\.com.* \(Spalte 3\)$/);
    const notUtf8 = err.notUtf8({ file: 'people.csv', line: 7 });
    expect(notUtf8.message).toBe('people.csv is not UTF-8; it looks like Windows-1252: save it as UTF-8 (first at line 7)');
    expect(err.empty({ file: 'graph', line: 0 }).message).toBe('graph: the import holds no records');
  });
});
