/**
 * One graph out of many systems (sync.design.md): pure, so the service and
 * `build-graph` share it. From the mirrors' source records it resolves
 * identities (colleagues and contacts by email; customers by external id,
 * then domain, then normalised name, obeying the administrator's pins), maps
 * terms to topics through the vocabulary, applies governance (exclusions,
 * opt-outs, look-back) and returns interchange-format records with `source`
 * and `id` on every interaction, and a report of what it did.
 */
import { EXTERNAL_SYSTEMS } from '../../utils/graph/schema';
import type { Account, Contact, Interaction, Person, Topic } from '../../utils/graph/model';
import { nameKeys } from '../../utils/text/normalize';
import { SOURCE_IDS, type SourceAccount, type SourcePerson, type SourceRecord } from '../connectors/types';
import type { Policy } from './policy';
import type { Pin } from './store';
import { Vocabulary, type Suggestion, type VocabularyFile } from './vocabulary';

export interface ResolveSource {
  source: string;
  records: readonly SourceRecord[];
  /** Days back an interaction of this kind may date (the source's look-back). */
  lookBackDays: (kind: Interaction['kind']) => number;
}

export interface ResolveInput {
  sources: readonly ResolveSource[];
  pins?: readonly Pin[];
  vocabulary?: VocabularyFile;
  policy: Policy;
  now?: number;
}

export interface ResolveReport {
  counts: { people: number; accounts: number; contacts: number; topics: number; interactions: number };
  /** Customers made of several source accounts, and why. */
  merged: Array<{ id: string; name: string; members: string[]; by: string[] }>;
  /** Two customers claiming one domain: the domain is used for neither until a pin decides. */
  conflicts: Array<{ domain: string; accounts: string[] }>;
  unmatched: {
    /** Source accounts matched to no other system's (only when several systems hold accounts). */
    accounts: Array<{ ref: string; name: string }>;
    /** Interactions dropped: their colleague is unknown; they point at nothing known. */
    interactionsWithoutPerson: number;
    interactionsWithoutTarget: number;
    /** External addresses whose domain is no customer's: counted, never stored. */
    externalAddresses: number;
  };
  governance: { excluded: number; optedOut: number; olderThanLookBack: number };
  /** Unmapped terms with their counts: for the administrator to map, never applied. */
  suggestions: Suggestion[];
}

export interface ResolvedGraph {
  people: Person[];
  accounts: Account[];
  contacts: Contact[];
  topics: Topic[];
  interactions: Interaction[];
  report: ResolveReport;
}

const DAY = 86_400_000;
const rank = (source: string) => {
  const k = (SOURCE_IDS as readonly string[]).indexOf(source);
  return k < 0 ? SOURCE_IDS.length : k;
};
const lower = (s: string | undefined) => s?.trim().toLowerCase() || undefined;
const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);
const ref = (source: string, id: string) => `${source}:${id}`;

/** Accounts into customers: union-find over source accounts; a cluster holds at most one account per source unless a pin says so. */
class Customers {
  private readonly parent = new Map<string, string>();
  private readonly clusters = new Map<string, string[]>();
  readonly members = new Map<string, { source: string; record: SourceAccount }>();
  private readonly apart = new Set<string>();
  readonly why = new Map<string, Set<string>>();

  constructor(pins: readonly Pin[]) {
    for (const p of pins) if (p.kind === 'apart') this.apart.add(`${p.a}\u0000${p.b}`).add(`${p.b}\u0000${p.a}`);
  }

  add(source: string, record: SourceAccount): void {
    const r = ref(source, record.id);
    if (this.members.has(r)) return;
    this.members.set(r, { source, record });
    this.parent.set(r, r);
    this.clusters.set(r, [r]);
  }

  find(r: string): string {
    let x = r;
    while (this.parent.get(x) !== x) x = this.parent.get(x)!;
    this.parent.set(r, x);
    return x;
  }

  /** Joins two accounts' customers; refused when they are kept apart, or (unless forced) both hold an account of one source. */
  union(a: string, b: string, by: string, force = false): boolean {
    if (!this.members.has(a) || !this.members.has(b)) return false;
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return true;
    const ca = this.clusters.get(ra)!;
    const cb = this.clusters.get(rb)!;
    if (this.apart.size && ca.some((x) => cb.some((y) => this.apart.has(`${x}\u0000${y}`)))) return false;
    if (!force) {
      const sa = new Set(ca.map((x) => this.members.get(x)!.source));
      if (cb.some((y) => sa.has(this.members.get(y)!.source))) return false;
    }
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    this.parent.set(drop, keep);
    this.clusters.set(keep, [...ca, ...cb]);
    this.clusters.delete(drop);
    this.why.set(keep, new Set([...(this.why.get(keep) ?? []), ...(this.why.get(drop) ?? []), by]));
    return true;
  }

  /** Unites every group of accounts sharing a key, pairwise in order; returns the keys whose accounts could not all be joined. */
  unite(keys: Map<string, string[]>, by: string): string[] {
    const failed: string[] = [];
    for (const [key, refs] of keys) {
      for (const r of refs.slice(1)) if (!this.union(refs[0], r, by) && this.find(refs[0]) !== this.find(r)) failed.push(key);
    }
    return [...new Set(failed)];
  }
}

function group(entries: Iterable<[string, string]>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [k, v] of entries) {
    const l = m.get(k);
    if (!l) m.set(k, [v]);
    else if (!l.includes(v)) l.push(v);
  }
  return m;
}

const first = <T>(values: Array<T | undefined>): T | undefined => values.find((v) => v !== undefined && v !== null && v !== '');

export function resolveGraph(input: ResolveInput): ResolvedGraph {
  const now = input.now ?? Date.now();
  const { policy } = input;
  const pins = input.pins ?? [];
  const vocabulary = new Vocabulary(input.vocabulary);
  const sources = [...input.sources].sort((a, b) => rank(a.source) - rank(b.source) || a.source.localeCompare(b.source));
  const report: ResolveReport = {
    counts: { people: 0, accounts: 0, contacts: 0, topics: 0, interactions: 0 },
    merged: [],
    conflicts: [],
    unmatched: { accounts: [], interactionsWithoutPerson: 0, interactionsWithoutTarget: 0, externalAddresses: 0 },
    governance: { excluded: 0, optedOut: 0, olderThanLookBack: 0 },
    suggestions: [],
  };
  const of = <T extends SourceRecord['type']>(s: ResolveSource, type: T) =>
    s.records.filter((r): r is Extract<SourceRecord, { type: T }> => r.type === type).map((r) => r.record as Extract<SourceRecord, { type: T }>['record']);

  // ---------------------------------------------------------------- colleagues, by email
  const personByEmail = new Map<string, SourcePerson[]>();
  const personSource = new Map<SourcePerson, string>();
  const personEmail = new Map<string, string>(); // source ref → email
  const excludedPeople = new Set<string>();
  for (const s of sources) {
    for (const p of of(s, 'person')) {
      const email = lower(p.email);
      if (!email) continue;
      personEmail.set(ref(s.source, p.id), email);
      if (policy.isExcluded(email)) {
        excludedPeople.add(email);
        continue;
      }
      personByEmail.set(email, [...(personByEmail.get(email) ?? []), p]);
      personSource.set(p, s.source);
    }
  }
  report.governance.excluded += excludedPeople.size;
  const personId = (email: string) => `p:${email}`;
  const optedOut = (email: string, ps: SourcePerson[] = personByEmail.get(email) ?? []) => policy.isOptedOut(email) || ps.some((p) => p.discoverable === false);
  const colleagueOf = (source: string, id: string | undefined): string | undefined => {
    if (!id) return undefined;
    const email = personEmail.get(ref(source, id)) ?? (id.includes('@') ? lower(id) : undefined);
    return email && personByEmail.has(email) ? email : undefined;
  };

  // ---------------------------------------------------------------- customers
  const customers = new Customers(pins);
  for (const s of sources) for (const a of of(s, 'account')) customers.add(s.source, a);
  for (const p of pins) if (p.kind === 'merge') customers.union(p.a, p.b, 'pin', true);
  const extKeys: Array<[string, string]> = [];
  const domainKeys: Array<[string, string]> = [];
  const nameKeyList: Array<[string, string]> = [];
  const pinnedDomain = new Map(pins.filter((p) => p.kind === 'domain').map((p) => [p.a.toLowerCase(), p.b]));
  for (const [r, { source, record }] of customers.members) {
    for (const [sys, v] of Object.entries(record.externalIds ?? {})) if (v) extKeys.push([`${sys}:${v}`, r]);
    if ((EXTERNAL_SYSTEMS as readonly string[]).includes(source)) extKeys.push([`${source}:${record.id}`, r]);
    for (const d of record.domains ?? []) if (!pinnedDomain.has(d.toLowerCase())) domainKeys.push([d.toLowerCase(), r]);
    for (const k of nameKeys(record.name, record.aliases ?? [])) nameKeyList.push([k, r]);
  }
  customers.unite(group(extKeys), 'externalId');
  const domainGroups = group(domainKeys);
  const conflicted = new Set(customers.unite(domainGroups, 'domain'));
  for (const d of conflicted) report.conflicts.push({ domain: d, accounts: domainGroups.get(d)!.slice().sort() });
  customers.unite(group(nameKeyList), 'name');

  const accountIdOf = new Map<string, string>(); // member ref → customer id
  const domainToAccount = new Map<string, string>();
  const accounts: Account[] = [];
  const roots = new Map<string, string[]>();
  for (const r of customers.members.keys()) {
    const root = customers.find(r);
    roots.set(root, [...(roots.get(root) ?? []), r]);
  }
  const accountSources = new Set([...customers.members.values()].map((m) => m.source));
  for (const [root, refs] of roots) {
    const ms = refs.map((r) => ({ r, ...customers.members.get(r)! })).sort((a, b) => rank(a.source) - rank(b.source) || a.r.localeCompare(b.r));
    const id = `a:${ms[0].r}`;
    for (const m of ms) accountIdOf.set(m.r, id);
    const names = ms.map((m) => m.record.name);
    const aliases = [...new Set([...names.slice(1), ...ms.flatMap((m) => m.record.aliases ?? [])])].filter((a) => a !== names[0]).slice(0, 100);
    const domains = [...new Set(ms.flatMap((m) => (m.record.domains ?? []).map((d) => d.toLowerCase())))].filter((d) => !conflicted.has(d) && !pinnedDomain.has(d));
    for (const [d, owner] of pinnedDomain) if (refs.includes(owner) && !domains.includes(d)) domains.push(d);
    const externalIds: Record<string, string> = {};
    for (const m of ms) {
      if ((EXTERNAL_SYSTEMS as readonly string[]).includes(m.source)) externalIds[m.source] ??= m.record.id;
      for (const [k, v] of Object.entries(m.record.externalIds ?? {})) if (v) externalIds[k] ??= v;
    }
    const ownerEmail = first(ms.map((m) => colleagueOf(m.source, m.record.ownerId)));
    const account: Account = {
      id,
      name: names[0],
      ...(aliases.length ? { aliases } : {}),
      ...(domains.length ? { domains: domains.slice(0, 100) } : {}),
      ...(Object.keys(externalIds).length ? { externalIds } : {}),
    };
    const industry = first(ms.map((m) => m.record.industry));
    const country = first(ms.map((m) => m.record.country));
    const url = first(ms.map((m) => m.record.url));
    if (industry) account.industry = industry;
    if (country) account.country = country;
    if (url) account.url = url;
    if (ownerEmail && !optedOut(ownerEmail)) account.ownerId = personId(ownerEmail);
    accounts.push(account);
    for (const d of domains) domainToAccount.set(d, id);
    if (ms.length > 1) report.merged.push({ id, name: names[0], members: ms.map((m) => m.r), by: [...(customers.why.get(root) ?? [])].sort() });
    else if (accountSources.size > 1) report.unmatched.accounts.push({ ref: ms[0].r, name: names[0] });
  }

  // ---------------------------------------------------------------- contacts, by email
  const contacts = new Map<string, Contact>();
  const contactIdOf = new Map<string, string>(); // source ref → contact id
  const contactByEmail = new Map<string, string>();
  const accountOfEmail = (email: string) => domainToAccount.get(domainOf(email));
  for (const s of sources) {
    for (const c of of(s, 'contact')) {
      const email = lower(c.email);
      if (email && (policy.isExcluded(email) || policy.isInternal(email))) {
        if (policy.isExcluded(email)) report.governance.excluded++;
        continue;
      }
      if (email && policy.isOptedOut(email)) {
        report.governance.optedOut++;
        continue;
      }
      const id = email ? `c:${email}` : `c:${ref(s.source, c.id)}`;
      contactIdOf.set(ref(s.source, c.id), id);
      const accountId = (c.accountId && accountIdOf.get(ref(s.source, c.accountId))) || (email ? accountOfEmail(email) : undefined);
      const prev = contacts.get(id);
      if (prev) {
        prev.accountId ??= accountId;
        prev.title ??= c.title;
        continue;
      }
      const contact: Contact = { id, name: c.name, ...(email ? { email } : {}), ...(accountId ? { accountId } : {}), ...(c.title ? { title: c.title } : {}) };
      contacts.set(id, contact);
      if (email) contactByEmail.set(email, id);
    }
  }

  // ---------------------------------------------------------------- interactions
  const interactions: Interaction[] = [];
  for (const s of sources) {
    for (const i of of(s, 'interaction')) {
      if (Date.parse(i.date.length === 10 ? `${i.date}T00:00:00Z` : i.date) < now - s.lookBackDays(i.kind) * DAY) {
        report.governance.olderThanLookBack++;
        continue;
      }
      const rawPerson = personEmail.get(ref(s.source, i.personId)) ?? (i.personId.includes('@') ? lower(i.personId) : undefined);
      if (rawPerson && (excludedPeople.has(rawPerson) || policy.isExcluded(rawPerson))) {
        report.governance.excluded++;
        continue;
      }
      const email = colleagueOf(s.source, i.personId);
      if (!email) {
        report.unmatched.interactionsWithoutPerson++;
        continue;
      }
      if (optedOut(email)) {
        report.governance.optedOut++;
        continue;
      }
      let accountId = i.accountId ? accountIdOf.get(ref(s.source, i.accountId)) : undefined;
      let contactId = i.contactId ? contactIdOf.get(ref(s.source, i.contactId)) : undefined;
      if (contactId && !accountId) accountId = contacts.get(contactId)?.accountId;
      for (const raw of i.externalEmails ?? []) {
        const x = lower(raw);
        if (!x || policy.isInternal(x) || policy.isExcluded(x) || policy.isOptedOut(x)) continue;
        let cid = contactByEmail.get(x);
        const aid = cid ? contacts.get(cid)?.accountId : accountOfEmail(x);
        if (!cid && aid) {
          // Only an address of a known customer becomes a contact; others are counted, never kept.
          cid = `c:${x}`;
          contacts.set(cid, { id: cid, name: nameFromAddress(x), email: x, accountId: aid });
          contactByEmail.set(x, cid);
        }
        if (!cid && !aid) {
          report.unmatched.externalAddresses++;
          continue;
        }
        if (!contactId && cid) contactId = cid;
        if (!accountId && aid) accountId = aid;
      }
      const topicIds = [...new Set([...vocabulary.map(i.terms), ...(i.topicIds ?? []).filter((t) => vocabulary.has(t))])];
      if (!accountId && !contactId && !topicIds.length) {
        report.unmatched.interactionsWithoutTarget++;
        continue;
      }
      const id = i.id.startsWith(`${s.source}:`) ? i.id : `${s.source}:${i.id}`;
      const out: Interaction = { id, personId: personId(email), kind: i.kind, date: i.date, source: s.source };
      if (accountId) out.accountId = accountId;
      if (contactId) out.contactId = contactId;
      if (topicIds.length) out.topicIds = topicIds;
      if (i.direction) out.direction = i.direction;
      if (i.count && i.count > 1) out.count = i.count;
      if (i.title) out.title = i.title;
      if (i.url) out.url = i.url;
      interactions.push(out);
    }
  }
  interactions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0));

  // ---------------------------------------------------------------- colleagues' records
  const people: Person[] = [];
  for (const [email, ps] of personByEmail) {
    const p: Person = { id: personId(email), name: ps[0].name, email };
    for (const k of ['title', 'department', 'location', 'country', 'timezone', 'phone', 'awayUntil', 'photoUrl'] as const) {
      const v = first(ps.map((x) => x[k]));
      if (v) (p as Record<string, unknown>)[k] = v;
    }
    const languages = first(ps.map((x) => x.languages));
    if (languages?.length) p.languages = languages;
    const chat = first(ps.map((x) => x.chat));
    if (chat) p.chat = chat;
    const manager = first(ps.map((x) => colleagueOf(personSource.get(x)!, x.managerId)));
    if (manager && manager !== email) p.managerId = personId(manager);
    if (optedOut(email, ps)) p.discoverable = false;
    else {
      const skills = [...new Set(ps.flatMap((x) => x.skills ?? []))].filter((t) => vocabulary.has(t));
      if (skills.length) p.skills = skills;
    }
    people.push(p);
  }
  people.sort((a, b) => (a.id < b.id ? -1 : 1));
  accounts.sort((a, b) => (a.id < b.id ? -1 : 1));
  const contactList = [...contacts.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  const topics = vocabulary.topics;
  report.counts = { people: people.length, accounts: accounts.length, contacts: contactList.length, topics: topics.length, interactions: interactions.length };
  report.suggestions = vocabulary.suggestions();
  report.merged.sort((a, b) => a.id.localeCompare(b.id));
  report.conflicts.sort((a, b) => a.domain.localeCompare(b.domain));
  return { people, accounts, contacts: contactList, topics, interactions, report };
}

/** "mette.hansen@…" → "Mette Hansen": a contact made from an address gets a name from it. */
export function nameFromAddress(email: string): string {
  const local = email.slice(0, email.indexOf('@')).replace(/[._-]+/g, ' ').trim();
  return (local || email).replace(/\b\p{L}/gu, (c) => c.toUpperCase()).slice(0, 300);
}
