#!/usr/bin/env node
/**
 * Makes the German and Dutch demo pages from the English ones: every
 * tests/pages/<site>/<page>.html (English) becomes <page>.de.html and
 * <page>.nl.html with the sites' UI words (labels, buttons, headings,
 * aria-labels, titles, placeholders) from ui-strings.json, and the same
 * expectations (<page>.<lang>.expected.json), as build output (git-ignored; run by
 * `npm install` and `npm test`). Customer content stays as it is:
 * a German org's records hold the same names. Fails when a label attribute a
 * selector might have used (field-label, aria-label) is left in English.
 *
 *   node tests/pages/i18n/localise.mjs
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PAGES = join(HERE, '..');
const UI = JSON.parse(readFileSync(join(HERE, 'ui-strings.json'), 'utf8'));
export const LANGS = ['de', 'nl'];
const ATTRS = ['field-label', 'aria-label', 'placeholder', 'title', 'data-label', 'alt', 'data-title'];

function translator(lang) {
  const words = UI[lang];
  const patterns = (UI.patterns[lang] ?? []).map(([re, to]) => [new RegExp(re), to]);
  return (s) => {
    const t = s.trim();
    if (!t) return s;
    let out = words[t];
    if (out === undefined) for (const [re, to] of patterns) if (re.test(t)) { out = t.replace(re, to); break; }
    return out === undefined ? s : s.replace(t, out);
  };
}

export function localise(html, lang) {
  const tr = translator(lang);
  const attr = new RegExp(`(\\s(?:${ATTRS.join('|')})=")([^"]*)(")`, 'g');
  let out = html.replace(/<html lang="en"/, `<html lang="${lang}"`).replace(attr, (_m, a, v, b) => a + tr(v) + b);
  // Text between tags (not inside <script>/<style>).
  out = out.replace(/(<(script|style)\b[\s\S]*?<\/\2>)|>([^<>]+)</g, (m, block, _t, text) => (block ? block : `>${tr(text)}<`));
  out = out.replace(/<title>([^<]*)<\/title>/, (_m, t) => `<title>${tr(t)}</title>`);
  return out;
}

/** The demo server's URL of a page in another UI language (`?lang=de`, before any #fragment). */
export function withLang(url, lang) {
  const [path, hash] = url.split('#');
  return `${path}${path.includes('?') ? '&' : '?'}lang=${lang}${hash === undefined ? '' : `#${hash}`}`;
}

export function untranslatedLabels(html, lang) {
  const left = [];
  for (const m of html.matchAll(/\s(field-label|aria-label)="([^"]*)"/g)) if (UI[lang][m[2]] !== undefined && UI[lang][m[2]] !== m[2]) left.push(`${m[1]}="${m[2]}"`);
  return left;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const site of readdirSync(PAGES, { withFileTypes: true })) {
    if (!site.isDirectory() || site.name === 'i18n') continue;
    for (const f of readdirSync(join(PAGES, site.name))) {
      const m = /^([a-z-]+)\.expected\.json$/.exec(f);
      if (!m) continue;
      const exp = JSON.parse(readFileSync(join(PAGES, site.name, f), 'utf8'));
      if (!exp.enabled) continue;
      const html = readFileSync(join(PAGES, site.name, `${m[1]}.html`), 'utf8');
      for (const lang of LANGS) {
        const out = localise(html, lang);
        const left = untranslatedLabels(out, lang);
        if (left.length) throw new Error(`${site.name}/${m[1]}.${lang}: untranslated ${left.join(', ')}`);
        writeFileSync(join(PAGES, site.name, `${m[1]}.${lang}.html`), out);
        const e = { ...exp, name: `${exp.name} (${lang})`, url: withLang(exp.url, lang), lang, generatedFrom: `${m[1]}.html` };
        writeFileSync(join(PAGES, site.name, `${m[1]}.${lang}.expected.json`), JSON.stringify(e, null, 2) + '\n');
      }
    }
  }
}
