/**
 * Small building blocks of the demo generator: dates, ids, weighted choice,
 * person names and e-mail addresses. Names and e-mails never collide with the
 * story (story-guard.ts).
 */
import { normalizeKey } from '../text/normalize';
import { NAMES, slug, type NameLocale } from './names';
import type { Rng } from './random';
import { DEMO_REFERENCE_DATE } from './story';
import { STORY_EMAILS, STORY_PERSON_AND_CONTACT_KEYS } from './story-guard';

// ---------------------------------------------------------------------------
// Dates

const YEARS = 6;
const DAYS = Math.round(YEARS * 365.25);
const DAY_MS = 86_400_000;
const REF_MS = Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`);
/** DATES[d] is the ISO date d days before DEMO_REFERENCE_DATE. */
const DATES: string[] = Array.from({ length: DAYS + 1 }, (_, d) => new Date(REF_MS - d * DAY_MS).toISOString().slice(0, 10));

/** A date up to six years back, skewed towards the recent past. */
export function pastDate(rng: Rng, skew = 1.6): string {
  return DATES[Math.floor(DAYS * Math.pow(rng.next(), skew))];
}

// ---------------------------------------------------------------------------
// Ids

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `n` in base 62, left-padded to `width` digits (higher digits dropped). */
export function base62(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = B62[n % 62] + s;
    n = Math.floor(n / 62);
  }
  return s;
}

/** Salesforce 18-character id: 15-character id + case-safe checksum. */
export function salesforceId18(id15: string): string {
  const map = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15[chunk * 5 + i];
      if (c >= 'A' && c <= 'Z') bits |= 1 << i;
    }
    suffix += map[bits];
  }
  return id15 + suffix;
}

/** A random version-4 GUID (Dynamics ids). */
export function guid(rng: Rng): string {
  const h = () => Math.floor(rng.next() * 0x10000).toString(16).padStart(4, '0');
  const v = (8 + Math.floor(rng.next() * 4)).toString(16);
  return `${h()}${h()}-${h()}-4${h().slice(1)}-${v}${h().slice(1)}-${h()}${h()}${h()}`;
}

// ---------------------------------------------------------------------------
// Weighted choice

/** An index drawn with probability weights[i] / sum(weights) (linear scan; for short tables). */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

// ---------------------------------------------------------------------------
// Names and e-mails

function makeName(rng: Rng, locale: NameLocale): string {
  const n = NAMES[locale];
  const given = rng.pick(n.given);
  let family = rng.pick(n.family);
  if (n.particles && rng.chance(0.3)) family = `${rng.pick(n.particles)} ${family}`;
  return `${given} ${family}`;
}

/** A name that is not a story person's or contact's (nor a page near miss). */
export function freshPersonName(rng: Rng, locale: NameLocale): string {
  for (let i = 0; i < 50; i++) {
    const name = makeName(rng, locale);
    if (!STORY_PERSON_AND_CONTACT_KEYS.has(normalizeKey(name))) return name;
  }
  throw new Error('demo generator: could not find a name that avoids the story');
}

/** The local part of an e-mail address: 0 given.family, 1 g.family, 2 givenf. */
export function emailLocal(name: string, pattern: number): string {
  const parts = name.split(' ');
  const given = slug(parts[0], '');
  const family = slug(parts.slice(1).join(' '), '');
  switch (pattern) {
    case 1:
      return `${given[0]}.${family}`;
    case 2:
      return `${given}${family[0]}`;
    default:
      return `${given}.${family}`;
  }
}

/** `local@domain`, numbered when taken in `used` or by the story; adds it to `used`. */
export function uniqueEmail(local: string, domain: string, used: Set<string>): string {
  let email = `${local}@${domain}`;
  for (let n = 2; used.has(email) || STORY_EMAILS.has(email); n++) email = `${local}${n}@${domain}`;
  used.add(email);
  return email;
}
