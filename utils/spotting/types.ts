import type { EntityKind } from '../graph/model';

/** How an entity was found on the page; record beats email beats text. */
export type DetectionVia = 'record' | 'email' | 'text';

/** One graph entity found on a page (what the content script reports). */
/**
 * At most this many entities per page report: the strongest (focal, found in
 * the record's fields, most mentions) are kept and the report says how many
 * more were found. Bounds the background's work for any one page.
 */
export const MAX_PAGE_ENTITIES = 300;

export interface DetectedEntity {
  kind: EntityKind;
  /** Graph id. */
  id: string;
  /** The graph's display name (never page text). */
  name: string;
  via: DetectionVia;
  /** The page is this record's own page (e.g. the account whose page this is). */
  focal?: boolean;
  /** Mail: found in the open message or thread, on a page that also lists others (the rest is the list's). */
  open?: boolean;
  /** Occurrences on the page. */
  count: number;
}

/**
 * The dictionary compiled once per graph revision in the background
 * (utils/spotting/dictionary.ts → compileDictionary) and handed to content
 * scripts through the `getDictionary` message (in parts of bounded size when
 * it is large: wire.ts). JSON- and structured-clone safe: typed arrays travel
 * as base64 strings, the hash tables as their occupied slots only (a bitmap
 * of the occupied slots plus the slots' values in slot order); no raw
 * records, no key text.
 */
export interface CompiledDictionary {
  format: 'kenner-dictionary';
  version: 4;
  revision: string;
  /** One char per entity: a(ccount), c(ontact), t(opic). Accounts come first, then contacts, then topics. */
  kinds: string;
  /** Separates the entries of `ids` and `names`: a character that occurs in neither and that JSON does not escape. */
  sep: string;
  /** Graph ids, joined by `sep`. */
  ids: string;
  /** Display names, joined by `sep`. */
  names: string;
  /** base64 Int32Array: per contact (entity counts.accounts + i), the entity index of its account (else -1). */
  contactAccount: string;
  /** Phrase/email/domain/external-id table of `cap` slots: base64 bitmap of the occupied slots, and their k1, k2, v (Uint32Arrays, slot order). */
  phrases: { cap: number; occ: string; k1: string; k2: string; v: string };
  /**
   * First-token table of `cap` slots: base64 bitmap of the occupied slots, their keys (Uint32Array) and
   * max phrase lengths (Uint8Array); `pre`: a Bloom filter (bloom.ts, base64 Uint32Array) of every
   * name's phrase hash after its first token (one-token names) or its first two (longer names), which
   * the scanner tests before it opens a candidate window (scanner.ts nextCandidate). Format 4.
   */
  starts: { cap: number; occ: string; k: string; len: string; pre: string };
  /** base64 Uint32Array: [count, entity…] runs for keys naming several entities. */
  multi: string;
  /** Phrase slot → guard ("S"hort or "C"ommon word) + the name's tokens as written, space separated. */
  guards: Record<string, string>;
  counts: { accounts: number; contacts: number; topics: number };
}

// Bit layout of a dictionary table value (written by dictionary.ts, read by matcher.ts).
/** The entity reference (or the index of a multi-entity list). */
export const REF_MASK = 0x07ffffff;
/** The reference is a list of several entities. */
export const V_MULTI = 1 << 27;
/** A guarded name: matched only with a legal form or in a known context. */
export const V_GUARD = 1 << 28;
/** A colleague's address or the company's own domain: never a customer. */
export const V_COMPANY = 1 << 29;
/** The dictionary writes this account or contact name with capitals: all-lower-case page text is not it ("labour market"). */
export const V_CASED = 1 << 30;
/** Never part of an id or a name (replaced by a space); the separator of `ids` and `names` when no other is free. */
export const ENTITY_SEP = '\u001f';
/**
 * Separators tried first (JSON escapes U+001F, six bytes a name): the first one that occurs in no id
 * and no name. Latin-1 ones first (DEL, then C1 controls; JSON leaves them as they are), so that ids and
 * names written in Latin-1 stay one-byte strings in the content script (half the memory).
 */
export const WIRE_SEPS = ['\u007f', '\u0080', '\u0081', '\u2063', '\ufdd0', '\ufdd1'];
