/**
 * Derived lookup keys of graph records (stored beside the record, never
 * shown): name keys from utils/spotting/normalize.ts, lower-case emails and
 * domains, and external-id keys "system:id" (Salesforce also under its
 * 15-character case-sensitive prefix, since ids come as 15 or 18 chars).
 */
import { nameKeys } from '../text/normalize';
import type { Account, Contact, Interaction, Person, Topic } from '../graph/model';

export interface StoredAccount extends Account {
  nameKeys: string[];
  extKeys: string[];
}
export interface StoredContact extends Contact {
  nameKeys: string[];
}
export interface StoredTopic extends Topic {
  nameKeys: string[];
}
export type StoredPerson = Person;
/**
 * Interactions are stored in blocks of up to INTERACTION_BLOCK_SIZE, in import
 * order (store.design.md: one IndexedDB record per interaction costs ~100 µs
 * in Chromium; a block of 500 costs about the same as one). Imports write the
 * block as one JSON array text (`json`): cloning one string into IndexedDB
 * costs a fraction of cloning 500 objects, and the objects die young instead
 * of waiting in memory for the write. Blocks written as `items` (the first
 * form) are still read. Read them with `blockItems`.
 */
export interface InteractionBlock {
  /** Auto-incremented primary key. */
  key?: number;
  /** The interactions as a JSON array. */
  json?: string;
  /** The interactions as objects (blocks written before `json`). */
  items?: Interaction[];
}

export function blockItems(b: InteractionBlock): Interaction[] {
  return b.items ?? (b.json ? (JSON.parse(b.json) as Interaction[]) : []);
}

/** A block to store (keeps `key` when given, to replace a stored block). */
export function makeBlock(items: Interaction[], key?: number): InteractionBlock {
  const b: InteractionBlock = { json: JSON.stringify(items) };
  if (key !== undefined) b.key = key;
  return b;
}
export const INTERACTION_BLOCK_SIZE = 500;
/**
 * Bytes of a block's text at most (estimated: one byte a character, two when
 * a character is beyond Latin-1, as structured clone stores strings).
 * Chromium wraps an IndexedDB value over 64 KB in a blob; blocks stay below.
 */
export const INTERACTION_BLOCK_BYTES = 60_000;

/**
 * Builds block texts one interaction at a time: each is stringified when it
 * arrives (the object dies young) and the block is the same text as
 * `makeBlock` of the same items (JSON of an array is its items' JSON joined by
 * commas in brackets). A block closes at INTERACTION_BLOCK_SIZE items or
 * INTERACTION_BLOCK_BYTES.
 */
export class BlockBuilder {
  private parts: string[] = [];
  private bytes = 2;

  /** Adds an interaction; returns a closed block when this one filled it. */
  add(i: Interaction): InteractionBlock | null {
    const text = JSON.stringify(i);
    // eslint-disable-next-line no-control-regex -- Latin-1 test
    const size = (/[^\u0000-\u00ff]/.test(text) ? 2 * text.length : text.length) + 1;
    let closed: InteractionBlock | null = null;
    if (this.parts.length && (this.parts.length >= INTERACTION_BLOCK_SIZE || this.bytes + size > INTERACTION_BLOCK_BYTES)) closed = this.close();
    this.parts.push(text);
    this.bytes += size;
    return closed;
  }

  /** The block of what was added since the last one (null: nothing). */
  close(): InteractionBlock | null {
    if (!this.parts.length) return null;
    // Brackets on the first and last part: join makes one flat string (a
    // concatenation around it would be flattened again when stored).
    const parts = this.parts;
    parts[0] = `[${parts[0]}`;
    parts[parts.length - 1] += ']';
    const block: InteractionBlock = { json: parts.join(',') };
    this.parts = [];
    this.bytes = 2;
    return block;
  }
}

/** Normalised external id of one system (GUIDs of Dynamics are case-insensitive). */
function normalizeExternalId(system: string, id: string): string {
  const s = system.trim().toLowerCase();
  let v = String(id).trim();
  if (s === 'dynamics') v = v.replace(/^\{|\}$/g, '').toLowerCase();
  return v;
}

/** Index keys under which an account is found by an external id. */
function externalIdKeys(externalIds: Record<string, string> | undefined): string[] {
  const out = new Set<string>();
  for (const [system, raw] of Object.entries(externalIds ?? {})) {
    if (raw === undefined || raw === null || raw === '') continue;
    const s = system.trim().toLowerCase();
    const v = normalizeExternalId(s, raw);
    out.add(`${s}:${v}`);
    if (s === 'salesforce' && v.length >= 15) out.add(`salesforce15:${v.slice(0, 15)}`);
  }
  return [...out];
}

/** Keys to try, most exact first, when looking an account up by external id. */
export function externalIdLookupKeys(system: string, id: string): string[] {
  const s = system.trim().toLowerCase();
  const v = normalizeExternalId(s, id);
  const keys = [`${s}:${v}`];
  if (s === 'salesforce' && v.length >= 15) keys.push(`salesforce15:${v.slice(0, 15)}`);
  return keys;
}

export function toStoredAccount(a: Account): StoredAccount {
  return { ...a, nameKeys: nameKeys(a.name, a.aliases ?? []), extKeys: externalIdKeys(a.externalIds) };
}
export function toStoredContact(c: Contact): StoredContact {
  return { ...c, nameKeys: nameKeys(c.name) };
}
export function toStoredTopic(t: Topic): StoredTopic {
  return { ...t, nameKeys: nameKeys(t.label, t.aliases ?? []) };
}

export function fromStoredAccount(a: StoredAccount): Account {
  const { nameKeys: _n, extKeys: _e, ...rest } = a;
  return rest;
}
export function fromStoredContact(c: StoredContact): Contact {
  const { nameKeys: _n, ...rest } = c;
  return rest;
}
export function fromStoredTopic(t: StoredTopic): Topic {
  const { nameKeys: _n, ...rest } = t;
  return rest;
}

/** eu.shop.acme.com → [eu.shop.acme.com, shop.acme.com, acme.com] (never a bare TLD). */
export function domainCandidates(domain: string): string[] {
  const d = domain.trim().toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
  const labels = d.split('.').filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) out.push(labels.slice(i).join('.'));
  return out;
}
