/**
 * Data and in-page code shared by the spotting benchmark (spotting.ts) and its
 * diagnostics (_spot-trace.ts): dictionaries, the synthetic page, the engine bundle.
 * Not a benchmark itself (bench.mjs skips files starting with `_`).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Account } from '../../utils/graph/model';
import type { Matcher } from '../../utils/spotting/matcher';
import type { SpotEngine } from '../../utils/page/engine';
import type { generic } from '../../utils/sites/generic';
import type { receiveDictionary } from '../../utils/spotting/wire';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FORTUNE = resolve(ROOT, '../shared/data/fortune500.csv');
/** The re-rendering list: 50 rows with known names, rewritten by window.__rerender(round). */
export const RERENDER = `
window.__rerender = (round) => {
  let list = document.getElementById('list');
  if (!list) { list = document.createElement('ul'); list.id = 'list'; document.body.appendChild(list); }
  const names = ['Nordlicht Logistik GmbH', 'Havbryggen Shipping A/S', 'Solvik Energi AB', 'Walmart', 'Apple', 'random words here'];
  const rows = [];
  for (let i = 0; i < 50; i++) rows.push('<li><span>' + names[(i + round) % names.length] + '</span> wrote about item ' + round + '-' + i + ' and ' + names[(i * 7 + round) % names.length] + '</li>');
  list.innerHTML = rows.join('');
};`;

// ---- data ------------------------------------------------------------------

export function fortuneNames(): string[] {
  const lines = readFileSync(FORTUNE, 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => (l.startsWith('"') ? l.slice(1, l.indexOf('"', 1)) : l.slice(0, l.indexOf(','))));
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const SYL = ['bre', 'nor', 'vik', 'hal', 'sten', 'berg', 'lund', 'mar', 'tek', 'ko', 'ran', 'dal', 'ström', 'feld', 'haus', 'ven', 'dor', 'lin', 'ka', 'sol', 'ter', 'ris', 'mo', 'gaard', 'holm', 'wer', 'ak', 'zen', 'tor', 'pel'];
const WORDS = ['Logistics', 'Energi', 'Systems', 'Bouw', 'Technik', 'Retail', 'Shipping', 'Foods', 'Partners', 'Industrie', 'Consulting', 'Medical', 'Data', 'Holding'];
const FORMS = ['GmbH', 'AG', 'B.V.', 'A/S', 'AB', 'plc', 'Ltd', 'SE', 'ApS', 'Inc.'];

function syntheticAccounts(n: number, seed = 7): Account[] {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  const seen = new Set<string>();
  const out: Account[] = [];
  while (out.length < n) {
    const base = pick(SYL) + pick(SYL) + (r() < 0.5 ? pick(SYL) : '');
    const name = `${base[0].toUpperCase()}${base.slice(1)} ${r() < 0.6 ? pick(WORDS) + ' ' : ''}${pick(FORMS)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ id: `sa-${out.length}`, name, domains: [`${base.normalize('NFD').replace(/\p{M}/gu, '')}-${out.length}.example`] });
  }
  return out;
}

export function dictionaryNames(size: number): { accounts: Account[]; names: string[] } {
  const fortune = fortuneNames().map((name, i): Account => ({ id: `f-${i}`, name }));
  const accounts = size <= 500 ? fortune.slice(0, size) : [...fortune, ...syntheticAccounts(size - fortune.length)];
  return { accounts, names: accounts.map((a) => a.name) };
}

export function syntheticPage(names: string[]): string {
  const r = rng(42);
  const words = 'the of and a to in is you that it he was for on are as with his they at be this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part'.split(' ');
  const sentence = () => {
    const n = 8 + Math.floor(r() * 14);
    const w: string[] = [];
    for (let i = 0; i < n; i++) w.push(r() < 0.015 ? names[Math.floor(r() * names.length)] : words[Math.floor(r() * words.length)]);
    w[0] = w[0][0].toUpperCase() + w[0].slice(1);
    return w.join(' ') + '.';
  };
  const parts: string[] = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>synthetic</title></head><body><main id="main">'];
  let elements = 0;
  let text = 0;
  while (elements < 22000 || text < 1_100_000) {
    const kind = r();
    if (kind < 0.5) {
      const s = `${sentence()} ${sentence()} ${sentence()}`;
      parts.push(`<p>${s} <a href="#">${sentence()}</a></p>`);
      elements += 2;
      text += s.length + 60;
    } else if (kind < 0.8) {
      const rows: string[] = [];
      for (let i = 0; i < 4; i++) rows.push(`<tr><td>${names[Math.floor(r() * names.length)]}</td><td>${sentence()}</td><td><span>${Math.floor(r() * 1e6)}</span></td></tr>`);
      parts.push(`<table><tbody>${rows.join('')}</tbody></table>`);
      elements += 2 + 4 * 4;
      text += 4 * 90;
    } else {
      parts.push(`<ul><li>${sentence()}</li><li><b>${sentence()}</b></li><li>${sentence()}</li></ul>`);
      elements += 5;
      text += 3 * 70;
    }
  }
  parts.push('</main><div id="compose" contenteditable="true" style="min-height:40px;border:1px solid #ccc"></div><ul id="list"></ul></body></html>');
  return parts.join('\n');
}

// ---- in-page code -----------------------------------------------------------

export async function bundleEngine(): Promise<string> {
  const r = await build({
    stdin: {
      contents: `
        import { Matcher } from './utils/spotting/matcher';
        import { SpotEngine } from './utils/page/engine';
        import { generic } from './utils/sites/generic';
        import { receiveDictionary } from './utils/spotting/wire';
        (globalThis as any).__kenner = { Matcher, SpotEngine, generic, receiveDictionary };`,
      // KENNER_BENCH_SRC=<another checkout>: that checkout's engine, measured by this benchmark (before/after).
      resolveDir: process.env.KENNER_BENCH_SRC ?? ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    // KENNER_TRACE_NAMES=1 keeps function names (traces, profiles).
    minify: !process.env.KENNER_TRACE_NAMES,
    target: 'chrome120',
    logLevel: 'silent',
  });
  return r.outputFiles[0].text;
}

/** What the engine bundle puts on the page (see bundleEngine). */
export interface KennerBundle {
  Matcher: typeof Matcher;
  SpotEngine: typeof SpotEngine;
  generic: typeof generic;
  receiveDictionary: typeof receiveDictionary;
}

/** Headless Chromium with the spotting benchmarks' flags, and one 1280×900 page. */
export async function launchBenchPage(): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--enable-experimental-web-platform-features'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  return { browser, context, page: await context.newPage() };
}
