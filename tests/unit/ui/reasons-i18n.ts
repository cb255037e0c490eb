/**
 * Test helper: the fake browser's i18n answers from the real
 * public/_locales/<lang>/messages.json, with Chrome's placeholder rules
 * ($NAME$ → placeholder content → $1…$9 from the substitutions, $$ → $).
 */
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const LANGS = ['en', 'de', 'nl', 'da', 'sv'] as const;
export type Lang = (typeof LANGS)[number];

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

const cache = new Map<string, Messages>();
export function loadMessages(lang: Lang): Messages {
  let m = cache.get(lang);
  if (!m) {
    m = JSON.parse(fs.readFileSync(path.resolve(__dirname, `../../../public/_locales/${lang}/messages.json`), 'utf8')) as Messages;
    cache.set(lang, m);
  }
  return m;
}

function fillPositional(text: string, subs: string[]): string {
  return text.replace(/\$(\d)/g, (_, d: string) => subs[Number(d) - 1] ?? '');
}

export function getMessage(lang: Lang, key: string, substitutions?: string | string[]): string {
  const entry = loadMessages(lang)[key];
  if (!entry) return '';
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const placeholders = Object.fromEntries(Object.entries(entry.placeholders ?? {}).map(([k, v]) => [k.toLowerCase(), v.content]));
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
      const content = placeholders[name.toLowerCase()];
      return content === undefined ? whole : fillPositional(content, subs);
    })
    .replace(/\$\$/g, '$');
}

/** Makes t() and uiLanguage() speak `lang` until the next call. */
export function setLocale(lang: Lang): void {
  const i18n = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18n.getMessage = vi.fn((key: string, subs?: string | string[]) => getMessage(lang, key, subs));
  i18n.getUILanguage = vi.fn(() => lang);
}
