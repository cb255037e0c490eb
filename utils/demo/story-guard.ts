/**
 * Names the bulk must never produce: the story's people, contacts, accounts,
 * domains and e-mails, and names the demo pages use as near misses. Keys are
 * compared with the spotter's own `normalizeKey`/`nameKeys`.
 */
import { nameKeys, normalizeKey } from '../text/normalize';
import { STORY } from './story';

/** Folded keys of story people, story contacts and the pages' near misses. */
export const STORY_PERSON_AND_CONTACT_KEYS = new Set(
  [...STORY.people.map((p) => p.name), ...STORY.contacts.map((c) => c.name), 'Tobias Kern'].map(normalizeKey),
);
const STORY_ACCOUNT_KEYS = STORY.accounts.flatMap((a) => nameKeys(a.name, a.aliases ?? []));
export const STORY_DOMAINS = new Set(STORY.accounts.flatMap((a) => a.domains ?? []));
export const STORY_EMAILS = new Set(
  [...STORY.people, ...STORY.contacts].map((r) => r.email?.toLowerCase()).filter((e): e is string => Boolean(e)),
);

/** True when an account name key overlaps a story account key word-wise. */
export function clashesWithStoryAccount(key: string): boolean {
  const k = ` ${key} `;
  return STORY_ACCOUNT_KEYS.some((s) => k.includes(` ${s} `) || ` ${s} `.includes(k));
}
