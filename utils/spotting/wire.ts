/**
 * The dictionary on the wire: a large CompiledDictionary travels in parts of
 * bounded size, so that no single message (which the browser decodes in one
 * task before the content script sees it) is long. Part 0 — the answer to
 * `getDictionary {revision}` — is the dictionary itself with its large
 * strings left empty and `parts` saying how many parts there are in all;
 * parts 1… (`getDictionary {revision, part}`) carry slices of those strings
 * in order. A dictionary that fits in one part travels whole (no `parts`).
 * No DOM, no extension API: the messaging is the caller's.
 */
import type { CompiledDictionary } from './types';

/** At most this many characters of dictionary text per message. */
export const PART_CHARS = 1 << 20;

/** The large strings of a dictionary, by path. */
const FIELDS = ['kinds', 'ids', 'names', 'contactAccount', 'multi', 'phrases.occ', 'phrases.k1', 'phrases.k2', 'phrases.v', 'starts.occ', 'starts.k', 'starts.len', 'starts.pre'] as const;
type Field = (typeof FIELDS)[number];
/** Base64 fields are cut at multiples of 4 characters (every slice decodes alone). */
const BASE64 = new Set<Field>(['contactAccount', 'multi', 'phrases.occ', 'phrases.k1', 'phrases.k2', 'phrases.v', 'starts.occ', 'starts.k', 'starts.len', 'starts.pre']);

/** The first part of a dictionary sent in parts. */
export type DictionaryHead = CompiledDictionary & { parts?: number };

/** One of parts 1…: slices of the head's emptied strings, in order. */
export interface DictionaryPart {
  format: 'kenner-dictionary-part';
  revision: string;
  part: number;
  slices: Array<[Field, string]>;
}

function get(d: CompiledDictionary, f: Field): string {
  const [a, b] = f.split('.') as [keyof CompiledDictionary, string?];
  const v = d[a] as unknown;
  return (b ? (v as Record<string, string>)[b] : v) as string;
}

function set(d: CompiledDictionary, f: Field, s: string): void {
  const [a, b] = f.split('.') as [keyof CompiledDictionary, string?];
  if (b) (d[a] as unknown as Record<string, string>)[b] = s;
  else (d as unknown as Record<string, string>)[a] = s;
}

/** A copy whose nested tables can be changed without touching the original. */
function shallow(d: CompiledDictionary): CompiledDictionary {
  return { ...d, phrases: { ...d.phrases }, starts: { ...d.starts } };
}

/** Where a slice of `s` from `from` with room for `room` characters ends (base64: a multiple of 4 long; text: not inside a surrogate pair). */
function sliceEnd(s: string, from: number, room: number, base64: boolean): number {
  if (from + room >= s.length) return s.length;
  if (base64) return from + room - (room % 4);
  const c = s.charCodeAt(from + room);
  return c >= 0xdc00 && c <= 0xdfff ? from + room - 1 : from + room;
}

/** The messages that carry `d`: itself if it is small, else a head and its parts (each ≤ maxChars of text). */
export function splitDictionary(d: CompiledDictionary, maxChars = PART_CHARS): [DictionaryHead, ...DictionaryPart[]] {
  const total = FIELDS.reduce((n, f) => n + get(d, f).length, 0);
  if (total <= maxChars) return [d];
  const head: DictionaryHead = shallow(d);
  const parts: DictionaryPart[] = [];
  let cur: DictionaryPart | null = null;
  let room = 0;
  for (const f of FIELDS) {
    const s = get(d, f);
    set(head, f, '');
    for (let at = 0; at < s.length; ) {
      if (!cur || room < 64) {
        cur = { format: 'kenner-dictionary-part', revision: d.revision, part: parts.length + 1, slices: [] };
        parts.push(cur);
        room = maxChars;
      }
      const end = sliceEnd(s, at, room, BASE64.has(f));
      cur.slices.push([f, s.slice(at, end)]);
      room -= end - at;
      at = end;
    }
  }
  head.parts = parts.length + 1;
  return [head, ...parts];
}

function isPart(x: unknown, revision: string, part: number): x is DictionaryPart {
  const p = x as DictionaryPart | null;
  return !!p && p.format === 'kenner-dictionary-part' && p.revision === revision && p.part === part && Array.isArray(p.slices);
}

/**
 * The whole dictionary from its head: parts 1… fetched at once (each answer
 * is its own task) and their slices put back in order. Null if a part is
 * missing or of another revision (the graph changed meanwhile: the caller
 * asks again).
 */
export async function receiveDictionary(head: DictionaryHead, fetchPart: (part: number) => Promise<unknown>): Promise<CompiledDictionary | null> {
  const n = head.parts ?? 1;
  if (n <= 1) return head;
  const got = await Promise.all(Array.from({ length: n - 1 }, (_, i) => fetchPart(i + 1)));
  const acc = new Map<Field, string[]>();
  for (let i = 0; i < got.length; i++) {
    const p = got[i];
    if (!isPart(p, head.revision, i + 1)) return null;
    for (const [f, s] of p.slices) {
      if (!FIELDS.includes(f) || typeof s !== 'string') return null;
      const list = acc.get(f);
      if (list) list.push(s);
      else acc.set(f, [s]);
    }
  }
  const d = shallow(head);
  delete (d as DictionaryHead).parts;
  for (const [f, list] of acc) set(d, f, get(head, f) + list.join(''));
  return d;
}
