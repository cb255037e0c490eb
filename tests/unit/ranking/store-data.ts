/**
 * The previous local source's reads over the store, uncached, as the oracle (oracle-rank.ts) takes them:
 * evidence by `getEdges` (since schema 4 a contact's is found in its account's record), an account's
 * contacts, colleagues and a topic's skilled colleagues by the query API.
 */
import type { Person } from '../../../utils/graph/model';
import { getContactsOfAccount, getEdges, getPeople, getSkilledPeopleIds } from '../../../utils/store/db';
import type { RankData } from './oracle-rank';

export const storeData: RankData = {
  edges: async (ids) => new Map((await getEdges(ids)).map((e) => [e.entityId, e])),
  contactsOfAccount: async (id) => (await getContactsOfAccount(id)).map((c) => c.id),
  people: async (ids) => new Map((await getPeople(ids)).map((p): [string, Person] => [p.id, p])),
  skilled: (id) => getSkilledPeopleIds(id),
};
