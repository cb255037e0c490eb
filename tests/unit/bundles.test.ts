/**
 * What the content script and the hover card's frame (loaded on every enabled
 * page) and the popup and side panel (opened on every click) pull in at run time: no zod (the
 * background validates messages; senders only use types) and no Dexie (the
 * store is the background's). Follows value imports from each entry point;
 * `import type` and `export type` do not load code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g;

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? path.join(ROOT, spec.slice(2)) : spec.startsWith('.') ? path.resolve(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) if (existsSync(candidate) && candidate.match(/\.tsx?$/)) return candidate;
  return null;
}

/** Every bare package a module graph loads at run time, starting from `entry`. */
function runtimePackages(entry: string): Set<string> {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const [, , typeOnly, clause, fromSpec, dynamicSpec, sideEffectSpec] = m;
      const spec = fromSpec ?? dynamicSpec ?? sideEffectSpec;
      if (!spec || typeOnly) continue;
      // `import { type A, type B } from …` loads nothing either.
      if (clause && /^\{[^}]*\}$/.test(clause.trim()) && clause.replace(/[{}\s]/g, '').split(',').filter(Boolean).every((s) => s.startsWith('type'))) continue;
      const local = resolveLocal(file, spec);
      if (local) visit(local);
      else if (!spec.startsWith('.') && !spec.startsWith('@/')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
    }
  };
  visit(path.join(ROOT, entry));
  return packages;
}

describe('run-time dependencies of the light entry points', () => {
  it.each(['entrypoints/content.ts', 'entrypoints/hovercard/main.ts', 'entrypoints/popup/main.tsx', 'entrypoints/sidepanel/main.tsx'])('%s loads neither zod nor Dexie', (entry) => {
    const packages = runtimePackages(entry);
    // The walk reached real code (so an empty result cannot pass).
    expect(packages).toContain('@webext-core/messaging');
    expect([...packages].filter((p) => p === 'zod' || p === 'dexie')).toEqual([]);
  });

  it('the background does load them (the walk sees through to them)', () => {
    const packages = runtimePackages('entrypoints/background.ts');
    expect(packages).toContain('zod');
    expect(packages).toContain('dexie');
  });
});
