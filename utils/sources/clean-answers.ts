/**
 * Cleaning the remote company-graph service's answers before anyone sees
 * them (sources.design.md, "Privacy"). The answers are already validated
 * against the contract (utils/contract/graph-api.ts); here:
 *
 * - non-discoverable colleagues are dropped, whether the service flags them
 *   (`discoverable: false`) or only the local graph knows it (`hidden`);
 * - the `discoverable` flag itself is removed (not part of a summary);
 * - "me" is never suggested, and the user's "not relevant" marks are applied
 *   with the ranking's own rule (utils/ranking/dismissals.ts);
 * - a photo is kept only when it is a data:image URL or lies on the
 *   service's own origin (shownPhotoUrl): no answer makes Kenner fetch from
 *   an address of the service's choosing.
 * Display text was already cleaned by the contract's schemas (bidi controls, lengths).
 */
import type { Person } from '../graph/model';
import { shownPhotoUrl } from '../graph/display';
import { withoutDismissed } from '../ranking/dismissals';
import type { RankOptions } from '../ranking/rank';
import type { PersonHit, PersonSummary, Suggestion } from '../ranking/types';

type WithDiscoverable<T> = T & { discoverable?: boolean };
type RemoteSuggestion = Suggestion & { person: WithDiscoverable<PersonSummary> };

/** Ids among `ids` that the local graph marks non-discoverable (none when it cannot be read). */
export async function hiddenPeople(localPeople: (ids: string[]) => Promise<Person[]>, ids: string[]): Promise<Set<string>> {
  try {
    const people = await localPeople(ids);
    return new Set(people.filter((p) => p.discoverable === false).map((p) => p.id));
  } catch {
    return new Set();
  }
}

/** The person without a photo Kenner must not load (see the header). */
function withSafePhoto<P extends { photoUrl?: string }>(p: P, serviceOrigin: string | undefined): P {
  if (p.photoUrl === undefined) return p;
  const photoUrl = shownPhotoUrl(p.photoUrl, serviceOrigin);
  if (photoUrl) return p;
  const { photoUrl: _dropped, ...rest } = p;
  return rest as P;
}

/** Drop "me" and anyone non-discoverable; apply the user's "not relevant" marks (ranking/dismissals.ts); best first. */
export function cleanSuggestions(
  list: RemoteSuggestion[],
  entityIds: string[],
  opts: Pick<RankOptions, 'meId' | 'dismissed' | 'limit'>,
  hidden: Set<string>,
  serviceOrigin?: string,
): Suggestion[] {
  const out: Suggestion[] = [];
  for (const s of list) {
    const { discoverable, ...rest } = s.person;
    const person = withSafePhoto(rest, serviceOrigin);
    if (discoverable === false || hidden.has(person.id) || person.id === opts.meId) continue;
    const next = withoutDismissed({ ...s, person }, entityIds, opts.dismissed);
    if (next) out.push(next);
  }
  out.sort((a, b) => b.score - a.score);
  return opts.limit ? out.slice(0, opts.limit) : out;
}

/** People search results without non-discoverable colleagues (a hit whose suggestion is dropped goes with it). */
export function cleanSearchResults(results: Array<{ person: WithDiscoverable<PersonSummary>; suggestion?: RemoteSuggestion }>, hidden: Set<string>, serviceOrigin?: string): PersonHit[] {
  return results
    .filter((h) => h.person.discoverable !== false && !hidden.has(h.person.id))
    .map(({ person: { discoverable: _d, ...person }, suggestion }) => ({
      person: withSafePhoto(person, serviceOrigin),
      ...(suggestion ? { suggestion: cleanSuggestions([suggestion], [], {}, hidden, serviceOrigin)[0] } : {}),
    }))
    .filter((h) => !('suggestion' in h) || h.suggestion);
}

/** A colleague from the service, or null when they are not to be shown. */
export function shownPerson<P extends WithDiscoverable<Pick<Person, 'id' | 'photoUrl'>>>(p: P, hidden: Set<string>, serviceOrigin?: string): P | null {
  return p.discoverable === false || hidden.has(p.id) ? null : withSafePhoto(p, serviceOrigin);
}
