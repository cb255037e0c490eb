import { beforeAll, describe, expect, it } from 'vitest';
import freeMailDomains from 'email-providers/all.json';
import {
  DEFAULT_DEMO_SEED,
  demoTargets,
  generateDemoGraph,
  generateDemoRecords,
  salesforceId18,
  type DemoRecord,
} from '../../../utils/demo/generate';
import { DEMO_REFERENCE_DATE, STORY } from '../../../utils/demo/story';
import { INTERACTION_KINDS, TOPIC_KINDS, type Graph } from '../../../utils/graph/model';
import { nameKeys, normalizeKey } from '../../../utils/text/normalize';

const storyIds = {
  people: new Set(STORY.people.map((p) => p.id)),
  accounts: new Set(STORY.accounts.map((a) => a.id)),
  contacts: new Set(STORY.contacts.map((c) => c.id)),
  topics: new Set(STORY.topics.map((t) => t.id)),
  interactions: new Set(STORY.interactions.map((i) => i.id)),
};

/** FNV-1a over the NDJSON of a record stream: a cheap fingerprint of the whole output. */
function fingerprint(records: Iterable<DemoRecord>): { hash: number; n: number } {
  let h = 0x811c9dc5;
  let n = 0;
  for (const r of records) {
    const s = JSON.stringify(r);
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    n++;
  }
  return { hash: h >>> 0, n };
}

const within = (actual: number, target: number, tolerance: number) => {
  expect(actual, `${actual} vs target ${target}`).toBeGreaterThanOrEqual(target * (1 - tolerance));
  expect(actual, `${actual} vs target ${target}`).toBeLessThanOrEqual(target * (1 + tolerance));
};

let g: Graph;
beforeAll(() => {
  g = generateDemoGraph();
});

describe('demo generator: determinism and options', () => {
  it('gives identical output for the same seed and different output for another seed', () => {
    const a = fingerprint(generateDemoRecords({ seed: 7, scale: 0.1 }));
    const b = fingerprint(generateDemoRecords({ seed: 7, scale: 0.1 }));
    const c = fingerprint(generateDemoRecords({ seed: 8, scale: 0.1 }));
    expect(a).toEqual(b);
    expect(c.hash).not.toBe(a.hash);
  });

  it('defaults to DEFAULT_DEMO_SEED at scale 1', () => {
    const first = [...take(generateDemoRecords(), 400)];
    const explicit = [...take(generateDemoRecords({ seed: DEFAULT_DEMO_SEED, scale: 1 }), 400)];
    expect(first).toEqual(explicit);
  });

  it('rejects a bad scale or seed with a clear message', () => {
    expect(() => generateDemoRecords({ scale: 0 }).next()).toThrow(/scale must be a number above 0/);
    expect(() => generateDemoRecords({ scale: Number.NaN }).next()).toThrow(/scale/);
    expect(() => generateDemoRecords({ seed: Number.POSITIVE_INFINITY }).next()).toThrow(/seed must be a finite number/);
    expect(() => generateDemoGraph({ scale: 2 })).toThrow(/use generateDemoRecords to stream/);
  });

  it('yields topics, people, accounts, contacts, then interactions, story first in each group', () => {
    const order: string[] = [];
    const firstIds = new Map<string, string>();
    for (const r of generateDemoRecords({ scale: 0.1 })) {
      if (order[order.length - 1] !== r.type) order.push(r.type);
      if (!firstIds.has(r.type)) firstIds.set(r.type, r.id ?? '');
    }
    expect(order).toEqual(['topic', 'person', 'account', 'contact', 'interaction']);
    expect(firstIds.get('person')).toBe(STORY.people[0].id);
    expect(firstIds.get('account')).toBe(STORY.accounts[0].id);
    expect(firstIds.get('interaction')).toBe(STORY.interactions[0].id);
  });
});

function* take<T>(it: Iterable<T>, n: number): Generator<T> {
  if (n <= 0) return;
  for (const x of it) {
    yield x;
    if (--n <= 0) return;
  }
}

describe('demo generator: size', () => {
  it('hits the scale-1 targets (about 1,200 / 4,000 / 8,000 / 80 / 150,000)', () => {
    const t = demoTargets(1);
    expect(g.people.length).toBe(t.people);
    expect(g.accounts.length).toBe(t.accounts);
    within(g.contacts.length, 8000, 0.08);
    within(g.topics.length, 80, 0.05);
    within(g.interactions.length, 150_000, 0.08);
  });

  it('scales down to 0.1', () => {
    const counts: Record<string, number> = {};
    for (const r of generateDemoRecords({ scale: 0.1 })) counts[r.type] = (counts[r.type] ?? 0) + 1;
    expect(counts.person).toBe(120);
    expect(counts.account).toBe(400);
    within(counts.contact, 800, 0.15);
    within(counts.interaction, 15_000, 0.12);
    expect(counts.topic).toBe(g.topics.length);
  });

  it('has name material for scale 10 (12,000 people, 40,000 unique accounts)', () => {
    let people = 0;
    const names = new Set<string>();
    const domains = new Set<string>();
    for (const r of generateDemoRecords({ scale: 10, seed: 3 })) {
      if (r.type === 'person') people++;
      else if (r.type === 'account') {
        names.add(normalizeKey(r.name));
        for (const d of r.domains ?? []) domains.add(d);
      } else if (r.type === 'contact') break;
    }
    expect(people).toBe(12_000);
    expect(names.size).toBe(40_000);
    expect(domains.size).toBeGreaterThanOrEqual(40_000);
  });
});

describe('demo generator: integrity', () => {
  it('references only records it defines, with valid kinds, and bulk dates in the six years before the reference date', () => {
    const people = new Set(g.people.map((p) => p.id));
    const accounts = new Set(g.accounts.map((a) => a.id));
    const contacts = new Set(g.contacts.map((c) => c.id));
    const topics = new Set(g.topics.map((t) => t.id));
    expect(people.size).toBe(g.people.length);
    expect(accounts.size).toBe(g.accounts.length);
    expect(contacts.size).toBe(g.contacts.length);
    expect(topics.size).toBe(g.topics.length);
    const earliest = new Date(Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`) - 6.01 * 365.25 * 86_400_000).toISOString().slice(0, 10);
    const kinds = new Set<string>(INTERACTION_KINDS);
    const topicKinds = new Set<string>(TOPIC_KINDS);
    const ixIds = new Set<string>();
    // One pass, violations collected (one expect per record would be ~600,000 expect calls).
    const violations: string[] = [];
    for (const p of g.people) {
      if (p.managerId && !people.has(p.managerId)) violations.push(`${p.id}: unknown manager ${p.managerId}`);
      for (const s of p.skills ?? []) if (!topics.has(s)) violations.push(`${p.id}: unknown skill ${s}`);
    }
    for (const a of g.accounts) if (a.ownerId && !people.has(a.ownerId)) violations.push(`${a.id}: unknown owner ${a.ownerId}`);
    for (const c of g.contacts) if (!accounts.has(c.accountId!)) violations.push(`${c.id}: unknown account ${c.accountId}`);
    for (const t of g.topics) if (!t.kind || !topicKinds.has(t.kind)) violations.push(`${t.id}: topic kind ${t.kind}`);
    for (const i of g.interactions) {
      if (!people.has(i.personId)) violations.push(`${i.id}: unknown person ${i.personId}`);
      if (!kinds.has(i.kind)) violations.push(`${i.id}: kind ${i.kind}`);
      if (!(i.accountId || i.contactId || i.topicIds?.length)) violations.push(`${i.id}: no account, contact or topic`);
      if (i.accountId && !accounts.has(i.accountId)) violations.push(`${i.id}: unknown account ${i.accountId}`);
      if (i.contactId && !contacts.has(i.contactId)) violations.push(`${i.id}: unknown contact ${i.contactId}`);
      for (const t of i.topicIds ?? []) if (!topics.has(t)) violations.push(`${i.id}: unknown topic ${t}`);
      if (!storyIds.interactions.has(i.id) && !(i.date >= earliest && i.date <= DEMO_REFERENCE_DATE)) violations.push(`${i.id}: date ${i.date} out of range`);
      if (i.count !== undefined && !(Number.isInteger(i.count) && i.count >= 1)) violations.push(`${i.id}: count ${i.count}`);
      if (i.id) {
        if (ixIds.has(i.id)) violations.push(`duplicate interaction id ${i.id}`);
        ixIds.add(i.id);
      }
    }
    expect(violations).toEqual([]);
  });

  it("contacts' e-mails are at their account's domain, and colleagues' e-mails are unique", () => {
    const domainsOf = new Map(g.accounts.map((a) => [a.id, a.domains ?? []]));
    for (const c of g.contacts) expect(domainsOf.get(c.accountId!)).toContain(c.email!.split('@')[1]);
    const emails = g.people.map((p) => p.email);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('gives accounts well-formed external ids, unique per system', () => {
    const seen: Record<string, Set<string>> = {};
    let salesforce = 0;
    for (const a of g.accounts) {
      for (const [sys, id] of Object.entries(a.externalIds ?? {})) {
        (seen[sys] ??= new Set()).add(id);
        if (sys === 'salesforce') {
          expect(id).toMatch(/^001[A-Za-z0-9]{15}$/);
          if (!storyIds.accounts.has(a.id)) {
            expect(salesforceId18(id.slice(0, 15))).toBe(id);
            salesforce++;
          }
        }
        if (sys === 'dynamics' && !storyIds.accounts.has(a.id)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        if (sys === 'hubspot' || sys === 'zendesk' || sys === 'freshdesk') expect(id).toMatch(/^\d+$/);
      }
    }
    expect(salesforce).toBeGreaterThan(g.accounts.length * 0.4);
    const total = (sys: string) => g.accounts.filter((a) => a.externalIds?.[sys]).length;
    for (const sys of Object.keys(seen)) expect(seen[sys].size, sys).toBe(total(sys));
  });

  it('computes the Salesforce case-safe suffix like Salesforce does', () => {
    // Known pair: 001000000000001 → 001000000000001AAA; uppercase letters set bits per 5-character chunk.
    expect(salesforceId18('001000000000001')).toBe('001000000000001AAA');
    expect(salesforceId18('0015g00000ABCDE')).toBe('0015g00000ABCDEAA5');
  });

  it('never uses a free-mail domain or the company domain for a customer', () => {
    const free = new Set<string>(freeMailDomains);
    for (const a of g.accounts) for (const d of a.domains ?? []) {
      expect(free.has(d), d).toBe(false);
      expect(d.endsWith('.example'), d).toBe(false);
    }
  });
});

describe('demo generator: realism', () => {
  const bulkPeople = () => g.people.filter((p) => !storyIds.people.has(p.id));
  const bulkContacts = () => g.contacts.filter((c) => !storyIds.contacts.has(c.id));

  it('puts colleagues in the seven offices with fitting time zones and languages', () => {
    const offices = new Map<string, { tz: Set<string>; langs: Set<string> }>();
    for (const p of bulkPeople()) {
      const o = offices.get(p.location!) ?? { tz: new Set(), langs: new Set() };
      o.tz.add(p.timezone!);
      for (const l of p.languages ?? []) o.langs.add(l);
      offices.set(p.location!, o);
    }
    expect([...offices.keys()].sort()).toEqual(['Amsterdam', 'Berlin', 'Copenhagen', 'London', 'New York', 'Singapore', 'Stockholm']);
    expect([...offices.get('Berlin')!.tz]).toEqual(['Europe/Berlin']);
    expect([...offices.get('New York')!.tz]).toEqual(['America/New_York']);
    expect(offices.get('Copenhagen')!.langs.has('da')).toBe(true);
    expect(offices.get('Stockholm')!.langs.has('sv')).toBe(true);
    expect(offices.get('Amsterdam')!.langs.has('nl')).toBe(true);
  });

  it('uses names with diacritics in every European locale', () => {
    const names = [...bulkPeople(), ...bulkContacts()].map((r) => r.name);
    const given = new Set(names.map((n) => n.split(' ')[0]));
    for (const n of ['Jörg', 'Søren', 'Åsa', 'Zoë', 'Björn', 'Maël', 'Øystein']) expect(given, n).toContain(n);
    for (const office of ['Amsterdam', 'Berlin', 'Copenhagen', 'Stockholm', 'London']) {
      const local = bulkPeople().filter((p) => p.location === office);
      expect(local.some((p) => /[^ -~]/.test(p.name)), office).toBe(true);
    }
  });

  it('uses European and other legal forms', () => {
    const names = g.accounts.filter((a) => !storyIds.accounts.has(a.id)).map((a) => a.name);
    for (const form of ['GmbH', 'AG', 'B.V.', 'N.V.', 'A/S', 'ApS', 'AB', 'Oy', 'Ltd', 'plc', 'Inc.', 'LLC', 'S.A.']) {
      expect(names.some((n) => n.endsWith(` ${form}`)), form).toBe(true);
    }
  });

  it('marks about 1% of colleagues as not discoverable, and gives some chat handles', () => {
    const people = bulkPeople();
    const hidden = people.filter((p) => p.discoverable === false).length;
    expect(hidden).toBeGreaterThanOrEqual(people.length * 0.003);
    expect(hidden).toBeLessThanOrEqual(people.length * 0.025);
    expect(people.filter((p) => p.chat?.teams).length).toBeGreaterThan(people.length * 0.3);
    expect(people.filter((p) => p.chat?.slack).length).toBeGreaterThan(people.length * 0.1);
  });

  it('has about 80 topics with aliases in several languages, story topics included', () => {
    for (const id of storyIds.topics) expect(g.topics.some((t) => t.id === id)).toBe(true);
    const kinds = new Set(g.topics.map((t) => t.kind));
    for (const k of ['product', 'technology', 'industry', 'problem']) expect(kinds).toContain(k);
    const multi = g.topics.filter((t) => (t.aliases?.length ?? 0) >= 3).length;
    expect(multi).toBeGreaterThan(g.topics.length / 2);
  });

  it('skews interactions: a few colleagues do most of the work, a few know each account', () => {
    const perPerson = new Map<string, number>();
    const perAccount = new Map<string, Map<string, number>>();
    for (const i of g.interactions) {
      perPerson.set(i.personId, (perPerson.get(i.personId) ?? 0) + 1);
      if (!i.accountId) continue;
      let m = perAccount.get(i.accountId);
      if (!m) perAccount.set(i.accountId, (m = new Map<string, number>()));
      m.set(i.personId, (m.get(i.personId) ?? 0) + 1);
    }
    const counts = g.people.map((p) => perPerson.get(p.id) ?? 0).sort((a, b) => b - a);
    const total = counts.reduce((a, b) => a + b, 0);
    const top10 = counts.slice(0, Math.ceil(counts.length / 10)).reduce((a, b) => a + b, 0);
    expect(top10 / total).toBeGreaterThan(0.5);

    const distinct: number[] = [];
    const top3Share: number[] = [];
    for (const m of perAccount.values()) {
      const v = [...m.values()].sort((a, b) => b - a);
      const sum = v.reduce((a, b) => a + b, 0);
      distinct.push(v.length);
      top3Share.push((v[0] + (v[1] ?? 0) + (v[2] ?? 0)) / sum);
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Of 1,200 colleagues, a handful know a given customer, and the top three hold most of it.
    expect(median(distinct)).toBeLessThanOrEqual(15);
    expect(median(top3Share)).toBeGreaterThan(0.6);
  });

  it('makes email, meetings and calls the most frequent kinds, deals rare, one-way e-mail common', () => {
    const byKind = new Map<string, number>();
    for (const i of g.interactions) byKind.set(i.kind, (byKind.get(i.kind) ?? 0) + 1);
    const ranked = [...byKind.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
    expect(ranked.slice(0, 3).sort()).toEqual(['call', 'email', 'meeting']);
    const deals = (byKind.get('deal-won') ?? 0) + (byKind.get('deal-lost') ?? 0) + (byKind.get('deal-open') ?? 0);
    expect(deals / g.interactions.length).toBeLessThan(0.1);
    expect(deals).toBeGreaterThan(0);
    const emails = g.interactions.filter((i) => i.kind === 'email');
    const oneWay = emails.filter((i) => i.direction === 'inbound' || i.direction === 'outbound').length;
    expect(oneWay / emails.length).toBeGreaterThan(0.4);
    for (const k of INTERACTION_KINDS) expect(byKind.get(k) ?? 0, k).toBeGreaterThan(0);
  });
});

describe('demo generator: the story stays true', () => {
  it('includes the story unchanged', () => {
    for (const p of STORY.people) expect(g.people).toContainEqual(p);
    for (const a of STORY.accounts) expect(g.accounts).toContainEqual(a);
    for (const c of STORY.contacts) expect(g.contacts).toContainEqual(c);
    for (const t of STORY.topics) expect(g.topics).toContainEqual(t);
    for (const i of STORY.interactions) expect(g.interactions).toContainEqual(i);
  });

  it('adds no bulk interaction on story accounts, contacts, topics or colleagues', () => {
    for (const seed of [DEFAULT_DEMO_SEED, 42]) {
      const graph = seed === DEFAULT_DEMO_SEED ? g : generateDemoGraph({ seed, scale: 0.2 });
      const bulk = graph.interactions.filter((i) => !storyIds.interactions.has(i.id));
      expect(bulk.length).toBeGreaterThan(1000);
      for (const i of bulk) {
        if (
          (i.accountId && storyIds.accounts.has(i.accountId)) ||
          (i.contactId && storyIds.contacts.has(i.contactId)) ||
          storyIds.people.has(i.personId) ||
          i.topicIds?.some((t) => storyIds.topics.has(t))
        ) {
          throw new Error(`bulk interaction ${i.id} touches the story: ${JSON.stringify(i)}`);
        }
      }
    }
  });

  it('generates no name, alias, e-mail or domain that collides with the story', () => {
    const storyPersonKeys = new Set([...STORY.people, ...STORY.contacts].map((r) => normalizeKey(r.name)));
    const storyAccountKeys = new Set(STORY.accounts.flatMap((a) => nameKeys(a.name, a.aliases)));
    const storyEmails = new Set([...STORY.people, ...STORY.contacts].map((r) => r.email));
    const storyDomains = new Set(STORY.accounts.flatMap((a) => a.domains ?? []));
    for (const r of [...g.people, ...g.contacts]) {
      if (storyIds.people.has(r.id) || storyIds.contacts.has(r.id)) continue;
      expect(storyPersonKeys.has(normalizeKey(r.name)), r.name).toBe(false);
      expect(storyEmails.has(r.email), r.email).toBe(false);
    }
    for (const a of g.accounts) {
      if (storyIds.accounts.has(a.id)) continue;
      for (const k of nameKeys(a.name, a.aliases)) {
        expect(storyAccountKeys.has(k), `${a.name} → ${k}`).toBe(false);
        for (const s of storyAccountKeys) if (` ${k} `.includes(` ${s} `)) throw new Error(`${a.name} contains story name ${s}`);
      }
      for (const d of a.domains ?? []) expect(storyDomains.has(d), d).toBe(false);
    }
    const storyTopicKeys = new Set(STORY.topics.flatMap((t) => [t.label, ...(t.aliases ?? [])].map(normalizeKey)));
    for (const t of g.topics) {
      if (storyIds.topics.has(t.id)) continue;
      for (const k of [t.label, ...(t.aliases ?? [])].map(normalizeKey)) expect(storyTopicKeys.has(k), k).toBe(false);
    }
  });
});
