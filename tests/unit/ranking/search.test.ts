import { describe, expect, it, vi } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import type { Person } from '../../../utils/graph/model';
import type { Suggestion } from '../../../utils/ranking/types';
import type { DetectedEntity } from '../../../utils/spotting/types';
import { buildSearchIndex, detectQueryEntities, personById, searchPeople } from '../../../utils/ranking/search';

const index = buildSearchIndex({ people: STORY.people, accounts: STORY.accounts, topics: STORY.topics });
const ids = async (q: string, opts = {}) => (await searchPeople(index, q, opts)).map((h) => h.person.id);

/** A small stand-in for rankEntities: everyone with an interaction on the entities, by interaction count. */
function storyRank(entities: DetectedEntity[]): Promise<Suggestion[]> {
  const wanted = new Set(entities.map((e) => e.id));
  const score = new Map<string, number>();
  for (const i of STORY.interactions) {
    const hit = [i.accountId, i.contactId, ...(i.topicIds ?? [])].some((id) => id && wanted.has(id));
    if (hit) score.set(i.personId, (score.get(i.personId) ?? 0) + (i.count ?? 1));
  }
  const people = new Map(STORY.people.map((p) => [p.id, p]));
  return Promise.resolve(
    [...score.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([id, s]) => ({
        person: { id, name: people.get(id)!.name },
        score: s,
        strengths: {},
        reasons: [],
        roles: [],
      })),
  );
}

describe('people search: text', () => {
  it('ignores diacritics in either direction', async () => {
    expect((await ids('jorg baum'))[0]).toBe('p-joerg');
    expect((await ids('joerg baeumer'))[0]).toBe('p-joerg');
    expect((await ids('soren'))[0]).toBe('p-soren');
    expect((await ids('asa'))[0]).toBe('p-asa');
    expect((await ids('ZOE'))[0]).toBe('p-zoe');
  });

  it('tolerates small typos', async () => {
    expect(await ids('lindqvsit')).toContain('p-sofie');
    expect((await ids('Kjargaard'))[0]).toBe('p-soren');
    expect((await ids('Bennet'))[0]).toBe('p-oliver');
  });

  it('per word: a one-letter word is a prefix of names only', async () => {
    const two = buildSearchIndex({
      people: [
        { id: 'p-anna', name: 'Anna Berg', location: 'Copenhagen' },
        { id: 'p-carl', name: 'Carl Berg', location: 'Oslo' },
      ] as Person[],
      accounts: [],
      topics: [],
    });
    // "c" is also the prefix of Anna's office; typed as a word of its own it is a name's prefix only.
    expect((await searchPeople(two, 'berg c')).map((h) => h.person.id)).toEqual(['p-carl']);
    expect((await searchPeople(two, 'berg co')).map((h) => h.person.id)).toEqual(['p-anna']);
  });

  it('per word: fuzzy from four letters', async () => {
    // Four letters tolerate one edit; three letters need the exact prefix (one edit from three letters matched nearly anything).
    expect(await ids('lers')).toContain('p-lars');
    expect(await ids('lrs')).toEqual([]);
  });

  it('lets words come in any order', async () => {
    expect((await ids('baumer jorg'))[0]).toBe('p-joerg');
    expect((await ids('Nyström Åsa'))[0]).toBe('p-asa');
    expect((await ids('berg zoe van den'))[0]).toBe('p-zoe');
  });

  it('matches title, department, location, skills and email', async () => {
    expect(await ids('copenhagen support')).toEqual(['p-lars']);
    expect((await ids('EDI')).sort()).toEqual(['p-lars', 'p-zoe']);
    expect(await ids('Lagerverwaltung')).toEqual(['p-zoe']);
    expect(await ids('sofie.lindqvist@kenner-demo.example')).toEqual(['p-sofie']);
    expect((await ids('oliver.bennett@KENNER-DEMO.example'))[0]).toBe('p-oliver');
  });

  it("does not find everyone by the company's mail domain", async () => {
    // Every colleague's address ends in @kenner-demo.example: the domain tells no one apart.
    expect(STORY.people.every((p) => p.email?.endsWith('@kenner-demo.example'))).toBe(true);
    for (const q of ['kenner', 'kenn', 'demo', 'kenner demo example', '@kenner-demo.example']) expect(await ids(q)).toEqual([]);
  });

  it('finds a colleague by an address being typed or pasted, or by their own part of it', async () => {
    for (const q of ['oliver.bennett@kenner-demo.ex', 'oliver.bennett@kenner.de', 'Oliver Bennett <oliver.bennett@kenner-demo.example>', 'oliver.bennett@']) {
      expect((await ids(q))[0], q).toBe('p-oliver');
    }
    // An address's own part is indexed; a domain few colleagues share (a subsidiary's) still finds them.
    const people: Person[] = [
      { id: 'p-a', name: 'Ann Berg', email: 'ab.sales7@kenner-demo.example' },
      { id: 'p-b', name: 'Bo Ek', email: 'bo.ek@kenner-demo.example' },
      { id: 'p-c', name: 'Cid Holm', email: 'cid.holm@kenner-demo.example' },
      { id: 'p-d', name: 'Dag Lund', email: 'dag.lund@kenner-demo.example' },
      { id: 'p-e', name: 'Eva Ros', email: 'eva.ros@kenner-demo.example' },
      { id: 'p-f', name: 'Fia Sand', email: 'fia.sand@contoso-sub.example' },
    ];
    const other = buildSearchIndex({ people, accounts: [], topics: [] });
    const find = async (q: string) => (await searchPeople(other, q)).map((x) => [x.person.id, x.matched?.field]);
    expect(await find('sales7')).toEqual([['p-a', 'email']]);
    expect(await find('contoso')).toEqual([['p-f', 'email']]);
    expect(await find('kenner')).toEqual([]);
    expect((await find('ab.sales7@kenner-demo.example')).map(([id]) => id)).toEqual(['p-a']);
  });

  it('searches names only for one or two letters, and nothing for blank', async () => {
    const s = await ids('s');
    expect(s).toEqual(expect.arrayContaining(['p-sofie', 'p-soren']));
    expect(s).not.toContain('p-lars'); // "Support" is a department, not a name
    expect(await ids('   ')).toEqual([]);
    expect(await ids('xyzzy-nobody')).toEqual([]);
  });

  it('honours the limit', async () => {
    expect(await ids('sales')).toHaveLength(3);
    expect((await searchPeople(index, 'sales', { limit: 2 })).length).toBe(2);
  });

  it('drops filler words when asked about a person by name', async () => {
    expect((await ids('who knows Lars'))[0]).toBe('p-lars');
  });
});

describe('people search: customers and topics', () => {
  it('detects a customer or topic behind filler words in five languages', () => {
    const one = (q: string) => detectQueryEntities(index, q)?.map((e) => `${e.kind}:${e.id}`) ?? null;
    expect(one('Nordlicht')).toEqual(['account:a-nordlicht']);
    expect(one('who knows Nordlicht?')).toEqual(['account:a-nordlicht']);
    expect(one('Wer kennt Nordlicht Logistik GmbH')).toEqual(['account:a-nordlicht']);
    expect(one('wie kent Van Dijk Installatietechniek B.V.')).toEqual(['account:a-vandijk']);
    expect(one('hvem kender Havbryggen')).toEqual(['account:a-havbryggen']);
    expect(one('vem känner Solvik Energi?')).toEqual(['account:a-solvik']);
    expect(one('wer kennt sich mit S/4HANA-Migration aus')).toEqual(['topic:t-s4']);
    expect(one('S/4HANA')).toEqual(['topic:t-s4']);
    expect(one('who knows Havbryggen and EDI')).toEqual(['account:a-havbryggen', 'topic:t-edi']);
    expect(one('Mueller Praezision')).toEqual(['account:a-mueller']);
    // Not a question about an entity: a word that is neither filler nor an entity.
    expect(one('Nordlicht Sofie')).toBeNull();
    expect(one('Sofie')).toBeNull();
    expect(one('who knows')).toBeNull();
  });

  it('returns colleagues ranked by the ranking model, with their suggestion', async () => {
    const rank = vi.fn(storyRank);
    const hits = await searchPeople(index, 'who knows Nordlicht', { rank });
    expect(rank).toHaveBeenCalledTimes(1);
    expect(rank.mock.calls[0][0]).toEqual([expect.objectContaining({ kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH' })]);
    const expected = (await storyRank([{ kind: 'account', id: 'a-nordlicht', name: '', via: 'text', count: 1 }]))
      .map((s) => s.person.id)
      .filter((id) => id !== 'p-konstantin');
    expect(hits.map((h) => h.person.id)).toEqual(expected);
    expect(hits[0].person.id).toBe('p-sofie');
    expect(hits.every((h) => h.suggestion && h.suggestion.person.id === h.person.id)).toBe(true);
  });

  it('a topic query in German returns the topic ranking', async () => {
    const hits = await searchPeople(index, 'wer kennt EDI', { rank: storyRank });
    expect(hits.map((h) => h.person.id).sort()).toEqual(['p-lars', 'p-zoe']);
    expect(hits[0].suggestion).toBeDefined();
  });

  it('falls back to text search when nobody is ranked or no rank is given', async () => {
    const empty = () => Promise.resolve([] as Suggestion[]);
    expect((await searchPeople(index, 'EDI', { rank: empty })).map((h) => h.person.id).sort()).toEqual(['p-lars', 'p-zoe']);
    const noRank = await searchPeople(index, 'EDI');
    expect(noRank.every((h) => h.suggestion === undefined)).toBe(true);
  });
});

describe('people search: discoverable: false', () => {
  it('never returns a non-discoverable colleague, by name, email or ranking', async () => {
    expect(await ids('Konstantin')).toEqual([]);
    expect(await ids('konstantin.adler@kenner-demo.example')).toEqual([]);
    expect(await ids('Managing')).toEqual([]);
    expect(await ids('Nordlicht', { rank: storyRank })).not.toContain('p-konstantin');
    expect(personById(index, 'p-konstantin')).toBeUndefined();
    expect(index.size).toBe(STORY.people.length - 1);
  });

  it('holds for any generated population', async () => {
    const fc = await import('fast-check');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 12 }), discoverable: fc.boolean() }), { minLength: 1, maxLength: 30 }),
        fc.string({ maxLength: 6 }),
        async (rows, q) => {
          const people: Person[] = rows.map((r, i) => ({ id: `p${i}`, name: r.name, discoverable: r.discoverable }));
          const idx = buildSearchIndex({ people, accounts: [], topics: [] });
          const hidden = new Set(people.filter((p) => p.discoverable === false).map((p) => p.id));
          const hits = await searchPeople(idx, q || rows[0].name, { limit: 100 });
          return hits.every((h) => !hidden.has(h.person.id));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('people search: exact id', () => {
  it('finds a discoverable colleague by id, and never a hidden one', async () => {
    expect((await ids('p-lars'))[0]).toBe('p-lars');
    expect(await ids('p-konstantin')).toEqual([]);
  });
});
