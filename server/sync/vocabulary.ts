/**
 * The company's vocabulary (docs/connectors/README.md, "Vocabulary"): a
 * mapping file turns source terms (`{field, value}`: CRM product lines, case
 * categories, help-desk tags, ticket fields) into topic ids with labels and
 * aliases in en/de/nl/da/sv. Terms nobody mapped are counted and listed as
 * suggestions, never applied.
 *
 * ```yaml
 * topics:
 *   - id: t-edi
 *     label: EDI integration
 *     kind: technology
 *     aliases: { en: [EDI], de: [EDI-Anbindung], nl: [EDI-koppeling], da: [EDI-integration], sv: [EDI-integration] }
 *     terms:
 *       - { field: tag, value: edi }
 *       - { field: "Case.Product__c", value: "EDI Connect" }
 *       - { field: "*", value: "electronic data interchange" }
 * ```
 * `field: "*"` matches the value in any field. Values match case- and
 * accent-insensitively (utils/text `normalizeKey`).
 */
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { z } from 'zod';
import { normalizeKey } from '../../utils/text/normalize';
import { TOPIC_KINDS } from '../../utils/graph/schema';
import type { Topic } from '../../utils/graph/model';
import type { Term } from '../connectors/types';
import { PolicyError } from './policy';

export const VOCABULARY_LANGUAGES = ['en', 'de', 'nl', 'da', 'sv'] as const;

const aliasList = z.array(z.string().min(1).max(300)).max(100);

export const VocabularySchema = z.object({
  topics: z
    .array(
      z.object({
        id: z.string().min(1).max(200),
        label: z.string().min(1).max(300),
        kind: z.enum(TOPIC_KINDS).optional(),
        aliases: z.partialRecord(z.enum(VOCABULARY_LANGUAGES), aliasList).default({}),
        terms: z.array(z.object({ field: z.string().min(1).max(300), value: z.string().min(1).max(1000) })).max(10_000).default([]),
      }),
    )
    .max(100_000),
});
export type VocabularyFile = z.infer<typeof VocabularySchema>;

export interface Suggestion {
  field: string;
  value: string;
  /** Interactions that carry the term. */
  count: number;
}

export class Vocabulary {
  private readonly exact = new Map<string, string[]>();
  private readonly any = new Map<string, string[]>();
  private readonly unmapped = new Map<string, Suggestion>();
  readonly topics: Topic[];

  constructor(readonly file: VocabularyFile = { topics: [] }) {
    const seen = new Set<string>();
    this.topics = file.topics.map((t) => {
      if (seen.has(t.id)) throw new PolicyError(`vocabulary: topic "${t.id}" is defined twice.`);
      seen.add(t.id);
      for (const term of t.terms) {
        const map = term.field === '*' ? this.any : this.exact;
        const key = term.field === '*' ? normalizeKey(term.value) : `${term.field}\u0000${normalizeKey(term.value)}`;
        map.set(key, [...new Set([...(map.get(key) ?? []), t.id])]);
      }
      const aliases = [...new Set(VOCABULARY_LANGUAGES.flatMap((l) => t.aliases[l] ?? []))].filter((a) => a !== t.label);
      return { id: t.id, label: t.label, ...(t.kind ? { kind: t.kind } : {}), ...(aliases.length ? { aliases } : {}) };
    });
  }

  /** Topic ids of these terms; unmapped ones are counted as suggestions. */
  map(terms: readonly Term[] | undefined): string[] {
    const out = new Set<string>();
    for (const term of terms ?? []) {
      const v = normalizeKey(term.value);
      if (!v) continue;
      const hit = [...(this.exact.get(`${term.field}\u0000${v}`) ?? []), ...(this.any.get(v) ?? [])];
      if (hit.length) hit.forEach((id) => out.add(id));
      else {
        const key = `${term.field}\u0000${v}`;
        const s = this.unmapped.get(key);
        if (s) s.count++;
        else this.unmapped.set(key, { field: term.field, value: term.value, count: 1 });
      }
    }
    return [...out];
  }

  has(topicId: string): boolean {
    return this.topics.some((t) => t.id === topicId);
  }

  /** Unmapped terms, most frequent first. */
  suggestions(): Suggestion[] {
    return [...this.unmapped.values()].sort((a, b) => b.count - a.count || a.field.localeCompare(b.field) || a.value.localeCompare(b.value));
  }
}

export function parseVocabulary(raw: unknown, where = 'vocabulary'): VocabularyFile {
  const r = VocabularySchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new PolicyError(`${where}: ${i.path.join('.') || '(file)'}: ${i.message}`);
  }
  return r.data;
}

/** Reads a mapping file, JSON or YAML (by extension: .yaml/.yml, else JSON). */
export function loadVocabulary(path: string): Vocabulary {
  let raw: unknown;
  try {
    const text = readFileSync(path, 'utf8');
    raw = /\.ya?ml$/i.test(path) ? yaml.load(text) : JSON.parse(text);
  } catch (e) {
    throw new PolicyError(`${path}: cannot read it (${e instanceof Error ? e.message : String(e)}).`);
  }
  return new Vocabulary(parseVocabulary(raw, path));
}
