/**
 * What may be shown, without zod (the content script, popup and side panel
 * load this too): the limits of one value, display text without
 * bidirectional-text controls, which email addresses and which photos are
 * acceptable. The record schemas (cells.ts) and the remote service's answer
 * schemas (utils/contract) are built on these.
 */

/**
 * Limits of one value (docs/graph-format.md, "Limits"): they hold for every
 * import and for every answer of a remote source (utils/contract), so a
 * hostile graph cannot make a name fill the screen or a record fill memory.
 */
export const LIMITS = {
  /** A name, label or alias (characters). */
  name: 300,
  /** Any other text: title, department, location, industry, interaction title, source, chat handle. */
  text: 1000,
  id: 200,
  email: 254,
  /** A web address (the CRM link of an account or interaction). */
  url: 2000,
  /** A photo: a data: URL carries the picture itself (≈ 150 KB of image). */
  photoUrl: 200_000,
  /** Entries of a list (aliases, domains, languages). */
  list: 100,
  /** Entries of a list of ids (skills, topicIds). */
  idList: 1000,
  /** Named values of an object (externalIds). */
  map: 50,
} as const;

/**
 * Bidirectional-text controls (embeddings, overrides, isolates, marks): in a
 * name they can make what is shown differ from what is stored (a hostile
 * graph could reverse a name, or hide text behind it). Every display string
 * is cleaned of them where it enters Kenner: the record schemas here and the
 * remote service's answer schemas (utils/contract), so every UI gets clean text.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
export const stripBidi = (s: string): string => (s.search(BIDI_CONTROLS) === -1 ? s : s.replace(BIDI_CONTROLS, ''));
export const hasBidi = (s: string): boolean => s.search(BIDI_CONTROLS) !== -1;

const EMAIL_RE = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/;

/** An email address as the record schemas accept it (the mailto links check with this too). */
export const isEmailAddress = (s: string): boolean => s.length <= LIMITS.email && EMAIL_RE.test(s);

/** A picture carried inside the graph: `data:image/<type>[;base64],…` (never data:text/html and the like). */
export const isImageDataUrl = (s: string): boolean => /^data:image\/[a-z0-9.+-]+[;,]/i.test(s);

/**
 * The photo a UI may load, or undefined: a data:image URL the graph carries
 * itself, or (remote answers) an address on the company-graph service's own
 * origin. Never an arbitrary address: with the local graph Kenner makes no
 * network request at all, and a hostile graph must not make it fetch one.
 */
export function shownPhotoUrl(photoUrl: string | undefined, serviceOrigin?: string): string | undefined {
  if (!photoUrl) return undefined;
  if (isImageDataUrl(photoUrl)) return photoUrl;
  if (!serviceOrigin) return undefined;
  try {
    const u = new URL(photoUrl);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin === serviceOrigin ? photoUrl : undefined;
  } catch {
    return undefined;
  }
}
