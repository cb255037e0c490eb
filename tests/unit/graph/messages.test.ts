import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, whatText } from '../../../utils/graph/import/errors';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string): Messages => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'));

/** What chrome.i18n.getMessage does with positional substitutions. */
function render(entry: Messages[string], subs: string[]): string {
  return entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => subs[Number(n) - 1] ?? '');
  });
}

describe('import error messages in five languages', () => {
  const en = load('en');
  const sample = ['FIELD', 'VALUE', 'X3'];

  it('every code has an English message that says the same as the importer’s own sentence', () => {
    for (const code of ERROR_CODES) {
      const key = `import_err_${code.replace(/[^A-Za-z0-9_]/g, '_')}`;
      expect(en[key], key).toBeDefined();
      const arity = (en[key].placeholders && Object.keys(en[key].placeholders!).length) || 0;
      const params = Object.fromEntries(sample.slice(0, arity).map((v, i) => [`p${i}`, v]));
      expect(render(en[key], sample.slice(0, arity)), key).toBe(whatText(code, params));
    }
  });

  it('de, nl, da and sv have every key with the same placeholders, and use them', () => {
    for (const lang of ['de', 'nl', 'da', 'sv']) {
      const m = load(lang);
      for (const [key, entry] of Object.entries(en).filter(([k]) => k.startsWith('import_err_'))) {
        expect(m[key], `${lang} ${key}`).toBeDefined();
        expect(m[key].placeholders, `${lang} ${key}`).toEqual(entry.placeholders);
        for (const name of Object.keys(entry.placeholders ?? {})) expect(m[key].message, `${lang} ${key}`).toContain(`$${name.toUpperCase()}$`);
      }
    }
  });
});
