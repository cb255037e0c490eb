// @vitest-environment node
/**
 * No selector depends on a UI language. Every adapter's selector data, and
 * every selector-like string literal in the adapter files (sniffs, inline
 * selectors), is scanned for attribute selectors whose value is natural
 * language: any letters in a label-like attribute (aria-label, title,
 * field-label, placeholder…), or words separated by spaces in any attribute.
 * Identifiers (data-test-id="ticket-subject", sfdc:RecordField.Account.Name,
 * title*="@") pass. The scanner is checked on selectors that must fail.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynamics } from '../../../utils/sites/dynamics';
import { freshdesk } from '../../../utils/sites/freshdesk';
import { generic } from '../../../utils/sites/generic';
import { gmail } from '../../../utils/sites/gmail';
import { hubspot } from '../../../utils/sites/hubspot';
import { outlook } from '../../../utils/sites/outlook';
import { salesforce } from '../../../utils/sites/salesforce';
import { zendesk } from '../../../utils/sites/zendesk';

const ADAPTERS = [salesforce, hubspot, dynamics, zendesk, freshdesk, gmail, outlook, generic];
const SITES_DIR = resolve(__dirname, '../../../utils/sites');

/** Attributes whose value is text for people: any letter in them is a UI language. */
const LABEL_ATTRS = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'aria-valuetext', 'title', 'alt', 'placeholder', 'field-label', 'data-label', 'label', 'data-tooltip', 'data-original-title']);
const ATTR = /\[\s*([\w:-]+)\s*([~|^$*]?=)\s*(?:"([^"]*)"|'([^']*)'|([^\]\s]+))\s*(?:[is]\s*)?\]/g;

/** The attribute selectors in `selector` whose value depends on a UI language. */
export function languageDependent(selector: string): string[] {
  const out: string[] = [];
  if (/:(?:contains|has-text|-soup-contains)\(/.test(selector)) out.push(selector);
  for (const m of selector.matchAll(ATTR)) {
    const name = m[1].toLowerCase();
    const value = m[3] ?? m[4] ?? m[5] ?? '';
    const words = /\p{L}{2,}[\s\u00a0]+\p{L}{2,}/u.test(value);
    if ((LABEL_ATTRS.has(name) && /\p{L}/u.test(value)) || words) out.push(m[0]);
  }
  return out;
}

/** String literals in a TypeScript file that look like CSS selectors with attribute conditions. */
function selectorLiterals(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/'((?:[^'\\\n]|\\.)*)'/g)].map((m) => m[1]).filter((s) => /\[[\w:-]+\s*[~|^$*]?=/.test(s));
}

describe('selectors: none depends on a UI language', () => {
  it('the scanner finds label text, also quoted otherwise, case flags and :contains', () => {
    expect(languageDependent('records-record-layout-item[field-label="Account Name"] .test-id__field-value')).toEqual(['[field-label="Account Name"]']);
    expect(languageDependent("[aria-label='Reading Pane'] [role=heading]")).toEqual(["[aria-label='Reading Pane']"]);
    expect(languageDependent('div[title=Lesebereich i]')).toHaveLength(1);
    expect(languageDependent('[data-foo="Nachrichten text"]')).toHaveLength(1);
    expect(languageDependent('span:contains("Inbox")')).toHaveLength(1);
    expect(languageDependent('[aria-label="Nachrichtentext"]')).toHaveLength(1);
    // Identifiers, API names, URL structure, roles and punctuation pass.
    for (const ok of ['[data-test-id="ticket-subject"]', '[data-target-selection-name$=".AccountId"]', 'span[title*="@"]', 'a[href^="mailto:" i]', '[role="listbox"] [role="option"]', 'a[href*="/lightning/r/Account/"]', 'div[name="to"] [email]']) {
      expect(languageDependent(ok), ok).toEqual([]);
    }
  });

  it.each(ADAPTERS.map((a) => [a.id, a] as const))('%s: selector data', (_id, adapter) => {
    const bad = Object.entries(adapter.selectors).flatMap(([name, sel]) => languageDependent(sel).map((b) => `${name}: ${b}`));
    expect(bad).toEqual([]);
  });

  it('every selector-like literal in the adapter files', () => {
    const files = readdirSync(SITES_DIR).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(expect.arrayContaining(['salesforce.ts', 'outlook.ts', 'gmail.ts']));
    const bad = files.flatMap((f) => selectorLiterals(resolve(SITES_DIR, f)).flatMap((s) => languageDependent(s).map((b) => `${f}: ${b}`)));
    expect(bad).toEqual([]);
  });

  it('every adapter header names, per page kind, the public source of its markup', () => {
    for (const a of ADAPTERS.filter((x) => x.id !== 'generic')) {
      const header = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(resolve(SITES_DIR, `${a.id}.ts`), 'utf8'))?.[1] ?? '';
      expect(header, a.id).toMatch(/Markup sources?/i);
      expect(header, a.id).toMatch(/\b(record|list|inbox|thread|compose|ticket)\b/);
    }
  });
});
