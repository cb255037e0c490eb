/**
 * Ranking of colleagues for a page's entities. The formula, its numbers and
 * the reasons for them are in ranking.design.md; the numbers live in weights.ts;
 * the structure that makes reading only the top exact is in prefix.design.md.
 *
 * The ranker reads through a `RankSource` (page entities folded as
 * `RankEntity`, prefix.ts, and colleagues by id): the local Dexie store
 * builds it from its columns; anything that provides per-entity edges
 * (`RankData`: the company graph service, tests, in-memory graphs) is folded
 * by `fromEdgeData`.
 */
import type { EntityKind, Person } from '../graph/model';
import { shownPhotoUrl } from '../graph/display';
import type { DetectedEntity } from '../spotting/types';
import type { EntityEdges } from './aggregate';
import { asColumns } from './columns';
import { isDismissed, type Dismissals } from './dismissals';
import { evidenceAt, foldEntity, PrefixRanker, type PageEntity, type RankEntity, type Scored } from './prefix';
import type { Introducer, PersonSummary, Reason, Suggestion } from './types';
import { SCORE_SCALE, entityWeight } from './weights';
import { colleagueShown } from '../governance/consent';
import { WORKS_COUNCIL_OFF, type WorksCouncil } from '../governance/works-council';

export type { Evidence } from './prefix';

export interface RankData {
  /** Edges of these entities (missing ids: no evidence). */
  edges(entityIds: string[]): Promise<Map<string, EntityEdges>>;
  /** Ids of the contacts of an account (their evidence counts for it, at a lower weight). */
  contactsOfAccount(accountId: string): Promise<string[]>;
  /** Colleagues by id (unknown ids are absent from the map). */
  people(ids: string[]): Promise<Map<string, Person>>;
  /** Ids of colleagues who list the topic among their skills. */
  skilled(topicId: string): Promise<readonly string[]>;
}

export interface RankSource {
  /**
   * The page entities folded (prefix.ts), by `kind:id`; absent: no evidence.
   * A source that reads them may call `then` with all of them once folded: it
   * names the colleagues the answer will ask for, to be read in the same read.
   */
  entities(list: ReadonlyArray<{ id: string; kind: EntityKind }>, then?: (folded: Map<string, RankEntity>) => string[]): Promise<Map<string, RankEntity>>;
  /** Colleagues by id (unknown ids are absent from the map). */
  people(ids: string[]): Promise<Map<string, Person>>;
}

export interface RankOptions {
  /** The user's own person id: never suggested to themselves. */
  meId?: string | null;
  limit?: number;
  /** personId → entity ids the user marked "not relevant" (dismissals.ts). */
  dismissed?: Dismissals;
  now?: number;
  /**
   * Folded evidence per entity, reused across queries (the caller keeps one
   * per graph revision). With a cache, evidence is taken at `now` rounded
   * down to the hour (as `hourly`): decay moves by less than 0.02 % in an hour.
   */
  evidenceCache?: EvidenceCache;
  /** How many folded entities `evidenceCache` keeps (least recently used out first; default 1000). */
  evidenceCacheMax?: number;
  /** Evidence at `now` rounded down to the hour (answers cached per hour give the same scores). */
  hourly?: boolean;
  /** Works-council mode: who may be suggested follows its colleague default (utils/governance/consent.ts). */
  worksCouncil?: Pick<WorksCouncil, 'enabled' | 'colleagueDefault'>;
  /** A colleague's own consent where they stated it in Kenner (preferences.ts), before the graph's `consent`. */
  consentOf?: (personId: string) => 'in' | 'out' | undefined;
}

/** `kind:id` → the folded entity (null: no evidence); least recently used first. */
export type EvidenceCache = Map<string, { x: RankEntity | null }>;
const HOUR_MS = 3_600_000;
const EVIDENCE_CACHE_MAX = 1000;

/** The strength bar (0–100): saturating, so that covering more of the page still shows, without a ceiling of ties. */
function displayScore(page: number, maxWeight: number): number {
  return Math.round(100 * (1 - Math.exp(-page / (SCORE_SCALE * maxWeight))));
}

/** RankData (per-entity edges, contacts, skills) as a RankSource: each page entity folded once, kept in `cache` when given. */
export function fromEdgeData(data: RankData, cache?: EvidenceCache, cacheMax = EVIDENCE_CACHE_MAX): RankSource {
  async function fold(list: ReadonlyArray<{ id: string; kind: EntityKind }>): Promise<Map<string, RankEntity>> {
    const out = new Map<string, RankEntity>();
    const todo = list.filter((e) => {
      const key = `${e.kind}:${e.id}`;
      const hit = cache?.get(key);
      if (!hit) return true;
      cache!.delete(key);
      cache!.set(key, hit);
      if (hit.x) out.set(key, hit.x);
      return false;
    });
    if (!todo.length) return out;
    const own = await data.edges(todo.map((e) => e.id));
    for (const e of todo) {
      const contactIds = e.kind === 'account' ? await data.contactsOfAccount(e.id) : [];
      const contacts = contactIds.length ? [...(await data.edges(contactIds)).values()].map(asColumns) : [];
      const skilled = e.kind === 'topic' ? await data.skilled(e.id) : [];
      const o = own.get(e.id);
      const x = foldEntity(e.id, e.kind, o && asColumns(o), contacts, skilled);
      const key = `${e.kind}:${e.id}`;
      if (x) out.set(key, x);
      if (cache) {
        if (cache.size >= cacheMax) cache.delete(cache.keys().next().value as string);
        cache.set(key, { x });
      }
    }
    return out;
  }
  return { entities: fold, people: (ids) => data.people(ids) };
}

function group(kind: EntityKind): 'customer' | 'topic' {
  return kind === 'topic' ? 'topic' : 'customer';
}

/** Merge duplicates of one entity (a page can report the same id twice). */
export function uniqueEntities(entities: DetectedEntity[]): DetectedEntity[] {
  const byId = new Map<string, DetectedEntity>();
  for (const e of entities) {
    const prev = byId.get(e.id);
    if (!prev) byId.set(e.id, { ...e });
    else {
      prev.focal = prev.focal || e.focal;
      prev.open = prev.open || e.open;
      prev.count += e.count;
    }
  }
  return [...byId.values()];
}

/** A colleague as shown; a photo only when the graph carries it (data:image): the local graph makes no request. */
export function summarize(p: Person): PersonSummary {
  const { id, name, email, title, department, location, country, timezone, languages, photoUrl, chat, phone, awayUntil } = p;
  return { id, name, email, title, department, location, country, timezone, languages, photoUrl: shownPhotoUrl(photoUrl), chat, phone, awayUntil };
}

/** One formatter per zone: constructing one costs ~0.1 ms, and every returned suggestion needs two. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** UTC offset in minutes of an IANA zone at `now` (0 when unknown). */
function tzOffsetMinutes(timeZone: string | undefined, now: number): number {
  if (!timeZone) return 0;
  try {
    let format = offsetFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
      if (offsetFormats.size < 1000) offsetFormats.set(timeZone, format);
    }
    const parts = format.formatToParts(new Date(now));
    const name = parts.find((x) => x.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    if (!m) return 0;
    const sign = m[1] === '-' ? -1 : 1;
    return sign * (Number(m[2]) * 60 + Number(m[3] ?? 0));
  } catch {
    return 0;
  }
}

/** Hours of overlap of two 09:00–17:00 working days in these zones. */
export function workingHoursOverlap(a: string | undefined, b: string | undefined, now: number): number {
  const diffH = Math.abs(tzOffsetMinutes(a, now) - tzOffsetMinutes(b, now)) / 60;
  return Math.max(0, 8 - diffH);
}

export function hintsFor(p: Person, me: Person | undefined, now: number): Suggestion['hints'] {
  if (!me) return undefined;
  const mine = new Set((me.languages ?? []).map((l) => l.toLowerCase().split('-')[0]));
  const shared = (p.languages ?? []).filter((l) => mine.has(l.toLowerCase().split('-')[0]));
  return {
    sharedLanguages: shared,
    sameOffice: !!p.location && p.location === me.location,
    hoursOverlap: workingHoursOverlap(p.timezone, me.timezone, now) >= 2,
  };
}

/** The four strongest reasons; a role on one of the page's accounts always among them (its badge names that account). */
export function topReasons(reasons: Reason[]): Reason[] {
  const sorted = reasons.sort((x, y) => y.weight - x.weight);
  const top = sorted.slice(0, 4);
  const role = sorted.find((r) => (r.kind === 'account-owner' || r.kind === 'account-team') && r.entityKind === 'account');
  if (role && !top.includes(role)) top[top.length - 1] = role;
  return top;
}

/** Colleagues for a page's entities, best first (the order and reasons of ranking.design.md, exactly). */
export async function rankEntities(data: RankData | RankSource, entitiesIn: DetectedEntity[], opts: RankOptions = {}): Promise<Suggestion[]> {
  const source = 'entities' in data ? data : fromEdgeData(data, opts.evidenceCache, opts.evidenceCacheMax);
  const now = opts.now ?? Date.now();
  const limit = opts.limit ?? 20;
  const entities = uniqueEntities(entitiesIn);
  if (!entities.length) return [];
  const t = opts.evidenceCache || opts.hourly ? Math.floor(now / HOUR_MS) * HOUR_MS : now;
  // Mail with an open message: what only the list mentions weighs less than the open message.
  const hasOpen = entities.some((e) => e.open);
  const weightOf = (e: DetectedEntity) => entityWeight(e.kind, !!e.focal, hasOpen && !e.open);
  const maxWeight = Math.max(...entities.map(weightOf));
  let page: PageEntity[] = [];
  let ranker: PrefixRanker | undefined;
  const start = (folded: Map<string, RankEntity>) => {
    page = entities.map((entity) => ({ entity, weight: weightOf(entity), bit: group(entity.kind) === 'topic' ? 2 : 1, x: folded.get(`${entity.kind}:${entity.id}`) ?? null }));
    ranker = new PrefixRanker(page, t, (personId, entityId) => isDismissed(opts.dismissed, personId, entityId), opts.meId);
    return [...(opts.meId ? [opts.meId] : []), ...ranker.advance(limit + 8).list.map((s) => s.personId)];
  };
  const folded = await source.entities(
    entities.map(({ id, kind }) => ({ id, kind })),
    (f) => start(f),
  );
  if (!ranker) start(folded);

  // The exact top in score order, colleagues' records read as needed, until `limit` discoverable ones are
  // listed: every colleague not yet listed scores below each listed one, so ties at the cut are all listed.
  const me = opts.meId ? (await source.people([opts.meId])).get(opts.meId) : undefined;
  const known = new Map<string, Person | undefined>();
  let ranked: Array<{ person: Person; s: Scored }> = [];
  for (let want = limit + 8; ; want *= 2) {
    const { list, done } = ranker!.advance(want);
    const missing = list.map((s) => s.personId).filter((id) => !known.has(id));
    if (missing.length) {
      const people = await source.people(missing);
      for (const id of missing) known.set(id, people.get(id));
    }
    ranked = [];
    for (const s of list) {
      const person = known.get(s.personId);
      if (person && colleagueShown(withConsent(person, opts.consentOf), opts.worksCouncil ?? WORKS_COUNCIL_OFF)) ranked.push({ person, s });
    }
    if (ranked.length >= limit || done) break;
  }
  ranked.sort((x, y) => y.s.page - x.s.page || x.person.name.localeCompare(y.person.name, 'en') || (x.person.id < y.person.id ? -1 : 1));

  const top = ranked.slice(0, limit);
  const introducers = await managersOf(
    top.map((r) => r.person),
    source,
    (p) => colleagueShown(withConsent(p, opts.consentOf), opts.worksCouncil ?? WORKS_COUNCIL_OFF),
    opts.meId,
  );
  return top.map(({ person, s }) => {
    // Entity ids are data: built as entries, so an id such as `__proto__` is an own key like any other.
    const strengths: Array<[string, number]> = [];
    const reasons: Reason[] = [];
    const roles = new Set<'account-owner' | 'account-team'>();
    let last: string | undefined;
    for (const { i, j, strength } of s.parts) {
      const { entity, weight: w, x } = page[i];
      // Reasons are built for the colleagues returned only.
      const ev = evidenceAt(x!, j, entity, t);
      // On the score's own scale: the strength for one entity is the score a page (or a search) with only that entity shows.
      strengths.push([entity.id, displayScore(strength, 1)]);
      for (const r of ev.reasons) reasons.push({ ...r, weight: r.weight * w });
      ev.roles.forEach((r) => roles.add(r));
      if (ev.last && (!last || ev.last > last)) last = ev.last;
    }
    return {
      person: summarize(person),
      score: displayScore(s.page, maxWeight),
      strengths: Object.fromEntries(strengths),
      reasons: topReasons(reasons),
      lastInteraction: last,
      roles: [...roles],
      hints: hintsFor(person, me, now),
      ...withIntroducer(introducers, person.id),
    };
  });
}

/**
 * Each colleague's manager, where the graph names one who may be shown (and
 * who is not the user): the introduction path the side panel offers when
 * nobody knows the page's customer directly. One read for all of them.
 */
export async function managersOf(
  people: readonly Person[],
  data: Pick<RankData, 'people'>,
  shown: (p: Person) => boolean,
  meId?: string | null,
): Promise<Map<string, Introducer>> {
  const out = new Map<string, Introducer>();
  const ids = [...new Set(people.flatMap((p) => (p.managerId && p.managerId !== p.id && p.managerId !== meId ? [p.managerId] : [])))];
  if (!ids.length) return out;
  const managers = await data.people(ids);
  for (const p of people) {
    const m = p.managerId ? managers.get(p.managerId) : undefined;
    if (m && shown(m)) out.set(p.id, m.email ? { id: m.id, name: m.name, email: m.email } : { id: m.id, name: m.name });
  }
  return out;
}

/** The `introducer` field of a suggestion, when the colleague has one. */
export function withIntroducer(introducers: ReadonlyMap<string, Introducer>, personId: string): { introducer?: Introducer } {
  const i = introducers.get(personId);
  return i ? { introducer: i } : {};
}

/** The person with their own stated consent, where they stated one, over the graph's. */
function withConsent<P extends { id: string; consent?: 'in' | 'out' | null }>(person: P, consentOf: RankOptions['consentOf']): P {
  const own = consentOf?.(person.id);
  return own ? { ...person, consent: own } : person;
}
