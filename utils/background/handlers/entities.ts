/**
 * What several handlers share: the per-revision caches (compiled dictionary,
 * people-search index) and the graph's own names for entities a page reported.
 */
import { findPersonByEmail, getAccounts, getAllPeople, getContacts, getTopics, readDictionarySource } from '../../store/db';
import type { GraphMeta, Person } from '../../graph/model';
import type { InvolvedColleague, PageReport } from '../../messaging/protocol';
import { summarize } from '../../ranking/rank';
import type { PersonSummary } from '../../ranking/types';
import { normalizeKey } from '../../text/normalize';
import { buildSearchIndex, type SearchIndex } from '../../ranking/search';
import { compileDictionary, type CompiledDictionary } from '../../spotting/dictionary';
import type { DetectedEntity } from '../../spotting/types';

/** Cached per graph revision: the compiled dictionary and the people-search index. */
export class RevisionCache {
  private dict: { revision: string; value: Promise<CompiledDictionary> } | null = null;
  private search: { revision: string; value: Promise<SearchIndex> } | null = null;
  private byName: { revision: string; value: Promise<Map<string, Person[]>> } | null = null;

  /** Colleagues by the key of their name (a name the page writes in an owner or assignee field). */
  peopleByName(meta: GraphMeta): Promise<Map<string, Person[]>> {
    if (this.byName?.revision !== meta.revision) {
      const value = getAllPeople().then((people) => {
        const map = new Map<string, Person[]>();
        for (const p of people) {
          const k = normalizeKey(p.name);
          if (k) map.set(k, [...(map.get(k) ?? []), p]);
        }
        return map;
      });
      this.byName = { revision: meta.revision, value };
      value.catch(() => (this.byName = null));
    }
    return this.byName.value;
  }

  dictionary(meta: GraphMeta): Promise<CompiledDictionary> {
    if (this.dict?.revision !== meta.revision) {
      const value = readDictionarySource().then((src) => {
        const companyDomains = [...new Set(src.people.map((p) => p.email?.split('@')[1]?.toLowerCase()).filter((d): d is string => !!d))];
        return compileDictionary({ ...src, companyDomains }, meta.revision);
      });
      this.dict = { revision: meta.revision, value };
      value.catch(() => (this.dict = null));
    }
    return this.dict.value;
  }

  searchIndex(meta: GraphMeta): Promise<SearchIndex> {
    if (this.search?.revision !== meta.revision) {
      const value = Promise.all([getAllPeople(), readDictionarySource()]).then(([people, src]) =>
        buildSearchIndex({ people, accounts: src.accounts.map(({ id, name, aliases }) => ({ id, name, aliases })), topics: src.topics }),
      );
      this.search = { revision: meta.revision, value };
      value.catch(() => (this.search = null));
    }
    return this.search.value;
  }

  clear() {
    this.dict = null;
    this.search = null;
    this.byName = null;
  }
}

/** Replace names a content script sent by the graph's own names; drop ids the graph does not hold. */
export async function canonicalEntities(entities: DetectedEntity[]): Promise<DetectedEntity[]> {
  const ids = (k: DetectedEntity['kind']) => [...new Set(entities.filter((e) => e.kind === k).map((e) => e.id))];
  const [accounts, contacts, topics] = await Promise.all([getAccounts(ids('account')), getContacts(ids('contact')), getTopics(ids('topic'))]);
  const names = new Map<string, string>();
  accounts.forEach((a) => names.set(`account:${a.id}`, a.name));
  contacts.forEach((c) => names.set(`contact:${c.id}`, c.name));
  topics.forEach((t) => names.set(`topic:${t.id}`, t.label));
  return entities.flatMap((e) => {
    const name = names.get(`${e.kind}:${e.id}`);
    return name === undefined ? [] : [{ ...e, name }];
  });
}

/** The page's signed-in user and the colleagues already on it, as the graph knows them. */
export interface PagePeople {
  involved: InvolvedColleague[];
  pageMe?: PersonSummary;
}

/**
 * Resolves the people a page names in its structured fields against the
 * graph's colleagues: an address exactly, a name only when one colleague
 * carries it. Non-discoverable colleagues are never listed; the page's
 * signed-in user is never in the involved list.
 */
export interface PeopleLookup {
  byEmail: (email: string) => Promise<Person | undefined>;
  /** Colleagues by normalizeKey(name). */
  byName: () => Promise<Map<string, Person[]>>;
}

/** The store's lookups (the name map cached per revision). */
export function storeLookup(cache: RevisionCache, meta: GraphMeta): PeopleLookup {
  return { byEmail: findPersonByEmail, byName: () => cache.peopleByName(meta) };
}

export async function resolvePagePeople(fields: NonNullable<PageReport['people']>, lookup: PeopleLookup): Promise<PagePeople> {
  let names: Map<string, Person[]> | null = null;
  const found: Array<{ person: Person; role: (typeof fields)[number]['role'] }> = [];
  for (const f of fields) {
    let person: Person | undefined;
    if (f.email) person = await lookup.byEmail(f.email);
    else if (f.name) {
      names ??= await lookup.byName();
      const hits = names.get(normalizeKey(f.name)) ?? [];
      if (hits.length === 1) person = hits[0];
    }
    if (person) found.push({ person, role: f.role });
  }
  const me = found.find((x) => x.role === 'me')?.person;
  const byId = new Map<string, InvolvedColleague>();
  for (const { person, role } of found) {
    if (role === 'me' || person.id === me?.id || person.discoverable === false) continue;
    const entry = byId.get(person.id) ?? { person: summarize(person), roles: [] };
    if (!entry.roles.includes(role)) entry.roles.push(role);
    byId.set(person.id, entry);
  }
  return { involved: [...byId.values()], ...(me ? { pageMe: summarize(me) } : {}) };
}
