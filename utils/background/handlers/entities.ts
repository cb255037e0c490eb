/**
 * What several handlers share: the per-revision caches (compiled dictionary,
 * people-search index) and the graph's own names for entities a page reported.
 */
import { getAccounts, getAllPeople, getContacts, getTopics, readDictionarySource } from '../../store/db';
import type { GraphMeta } from '../../graph/model';
import { buildSearchIndex, type SearchIndex } from '../../ranking/search';
import { compileDictionary, type CompiledDictionary } from '../../spotting/dictionary';
import type { DetectedEntity } from '../../spotting/types';

/** Cached per graph revision: the compiled dictionary and the people-search index. */
export class RevisionCache {
  private dict: { revision: string; value: Promise<CompiledDictionary> } | null = null;
  private search: { revision: string; value: Promise<SearchIndex> } | null = null;

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
