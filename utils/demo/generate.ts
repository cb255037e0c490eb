/**
 * The demo graph generator: the hand-written story (utils/demo/story.ts) plus
 * a deterministic, realistic-looking company around it (colleagues in seven
 * offices, European and other customers, their contacts, a topic catalogue
 * and six years of interactions ending at DEMO_REFERENCE_DATE).
 *
 * - Deterministic: the same seed and scale give the same records in the same
 *   order; every phase draws from its own random stream.
 * - Streaming: `generateDemoRecords` yields interchange-format records
 *   (docs/graph-format.md) — topics, people, accounts, contacts, then
 *   interactions — and keeps only compact per-entity arrays, so scale 10
 *   (1.5 million interactions) runs in little memory.
 * - The bulk never touches the story: no bulk interaction names a story
 *   account, contact, topic or colleague, and no bulk name, alias, e-mail or
 *   domain collides with a story one, so what the story says stays true.
 * See utils/demo/demo.design.md.
 */
import type { Account, Contact, Graph, GraphCounts, Interaction, InteractionKind, Person, Topic } from '../graph/model';
import { nameKeys, normalizeKey } from '../text/normalize';
import {
  CONTACT_TITLES,
  CUSTOMER_COUNTRIES,
  DEPARTMENTS,
  INDUSTRIES,
  NAMES,
  OFFICES,
  QUALIFIERS,
  slug,
  STEMS,
  type CustomerCountry,
  type NameLocale,
} from './names';
import { createRng, WeightedTable, type Rng } from './random';
import { DEMO_COMPANY_DOMAIN, DEMO_REFERENCE_DATE, STORY } from './story';
import { CATALOGUE_TOPICS } from './topics';

export type DemoRecord =
  | ({ type: 'person' } & Person)
  | ({ type: 'account' } & Account)
  | ({ type: 'contact' } & Contact)
  | ({ type: 'topic' } & Topic)
  | ({ type: 'interaction' } & Interaction);

type InteractionRecord = { type: 'interaction' } & Interaction;
type ContactRecord = { type: 'contact' } & Contact;

export interface DemoOptions {
  /** Any finite number; default DEFAULT_DEMO_SEED (what "Load demo graph" uses). */
  seed?: number;
  /** 1 ≈ 1,200 people, 4,000 accounts, 8,000 contacts, 150,000 interactions; 10 is ten times that. */
  scale?: number;
}

export const DEFAULT_DEMO_SEED = 1;
export const MAX_DEMO_SCALE = 50;
/** Largest scale `generateDemoGraph` builds in memory (use the streaming generator above it). */
export const MAX_IN_MEMORY_SCALE = 1;

const BASE = { people: 1200, accounts: 4000, contacts: 8000, interactions: 150_000 };
const YEARS = 6;
const DAYS = Math.round(YEARS * 365.25);

/** The approximate totals (story included) a scale aims at. */
export function demoTargets(scale = 1): GraphCounts {
  return {
    people: Math.max(STORY.people.length + 20, Math.round(BASE.people * scale)),
    accounts: Math.max(STORY.accounts.length + 10, Math.round(BASE.accounts * scale)),
    contacts: Math.max(STORY.contacts.length + 20, Math.round(BASE.contacts * scale)),
    topics: STORY.topics.length + CATALOGUE_TOPICS.length,
    interactions: Math.max(STORY.interactions.length + 200, Math.round(BASE.interactions * scale)),
  };
}

function checkOptions(opts: DemoOptions): { seed: number; scale: number } {
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const scale = opts.scale ?? 1;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw new RangeError(`Demo seed must be a finite number, got ${String(seed)}.`);
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > MAX_DEMO_SCALE) {
    throw new RangeError(`Demo scale must be a number above 0 and at most ${MAX_DEMO_SCALE}, got ${String(scale)}.`);
  }
  return { seed, scale };
}

// ---------------------------------------------------------------------------
// Names the bulk must never produce (story names, and names the demo pages use
// as near misses).

const STORY_PERSON_AND_CONTACT_KEYS = new Set(
  [...STORY.people.map((p) => p.name), ...STORY.contacts.map((c) => c.name), 'Tobias Kern'].map(normalizeKey),
);
const STORY_ACCOUNT_KEYS = STORY.accounts.flatMap((a) => nameKeys(a.name, a.aliases ?? []));
const STORY_DOMAINS = new Set(STORY.accounts.flatMap((a) => a.domains ?? []));
const STORY_EMAILS = new Set([...STORY.people, ...STORY.contacts].map((r) => r.email?.toLowerCase()).filter(Boolean) as string[]);

/** True when an account name key overlaps a story account key word-wise. */
function clashesWithStoryAccount(key: string): boolean {
  const k = ` ${key} `;
  return STORY_ACCOUNT_KEYS.some((s) => k.includes(` ${s} `) || ` ${s} `.includes(k));
}

// ---------------------------------------------------------------------------
// Small helpers

const DAY_MS = 86_400_000;
const REF_MS = Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`);
const DATES: string[] = Array.from({ length: DAYS + 1 }, (_, d) => new Date(REF_MS - d * DAY_MS).toISOString().slice(0, 10));

/** A date up to six years back, skewed towards the recent past. */
function pastDate(rng: Rng, skew = 1.6): string {
  return DATES[Math.floor(DAYS * Math.pow(rng.next(), skew))];
}

const B62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
function base62(n: number, width: number): string {
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

function guid(rng: Rng): string {
  const h = () => Math.floor(rng.next() * 0x10000).toString(16).padStart(4, '0');
  const v = (8 + Math.floor(rng.next() * 4)).toString(16);
  return `${h()}${h()}-${h()}-4${h().slice(1)}-${v}${h().slice(1)}-${h()}${h()}${h()}`;
}

function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

function makeName(rng: Rng, locale: NameLocale): string {
  const n = NAMES[locale];
  const given = rng.pick(n.given);
  let family = rng.pick(n.family);
  if (n.particles && rng.chance(0.3)) family = `${rng.pick(n.particles)} ${family}`;
  return `${given} ${family}`;
}

/** A name that is not a story person's or contact's (nor a page near miss). */
function freshPersonName(rng: Rng, locale: NameLocale): string {
  for (let i = 0; i < 50; i++) {
    const name = makeName(rng, locale);
    if (!STORY_PERSON_AND_CONTACT_KEYS.has(normalizeKey(name))) return name;
  }
  throw new Error('demo generator: could not find a name that avoids the story');
}

function emailLocal(name: string, pattern: number): string {
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

function uniqueEmail(local: string, domain: string, used: Set<string>): string {
  let email = `${local}@${domain}`;
  for (let n = 2; used.has(email) || STORY_EMAILS.has(email); n++) email = `${local}${n}@${domain}`;
  used.add(email);
  return email;
}

// ---------------------------------------------------------------------------
// Interaction kinds by department

const ACCOUNT_KINDS: InteractionKind[] = ['email', 'meeting', 'call', 'document', 'case-resolved', 'case-open', 'deal-open', 'deal-won', 'deal-lost'];
const BASE_KIND_WEIGHTS = [34, 20, 16, 7, 7, 2, 2.5, 1.5, 1];
const KIND_FACTORS: Record<string, number[]> = {
  Sales: [1, 1.2, 1.3, 0.8, 0.1, 0.1, 3, 3, 3],
  'Customer Success': [1, 1.3, 1, 0.8, 1, 1, 0.8, 0.8, 0.5],
  Support: [1, 0.5, 1, 0.5, 5, 4, 0.05, 0.05, 0.05],
  Consulting: [0.9, 1.5, 0.7, 2.5, 0.8, 0.5, 0.3, 0.2, 0.1],
};
const KIND_TABLES = new Map<string, number[]>(
  DEPARTMENTS.map((d) => [d.name, BASE_KIND_WEIGHTS.map((w, i) => w * (KIND_FACTORS[d.name]?.[i] ?? (i >= 6 ? 0.05 : 1)))]),
);

const CASE_SOURCES = ['zendesk', 'freshdesk', 'servicenow'];
const DEAL_TITLES = ['Renewal', 'Expansion', 'New licences', 'Pilot', 'Upgrade', 'Framework agreement', 'Support contract'];
const DOC_TITLES = ['Proposal', 'Statement of work', 'Solution design', 'Security questionnaire', 'Workshop minutes', 'Project plan'];

// ---------------------------------------------------------------------------

const REGION_OFFICE: Record<string, string> = {
  DE: 'Berlin', AT: 'Berlin', CH: 'Berlin', NL: 'Amsterdam', BE: 'Amsterdam', DK: 'Copenhagen', NO: 'Copenhagen',
  SE: 'Stockholm', FI: 'Stockholm', GB: 'London', FR: 'London', US: 'New York', SG: 'Singapore',
};
const CUSTOMER_FACING = new Set(['Sales', 'Customer Success', 'Support', 'Consulting']);
const MANAGEMENT = 255;
const NO_SKILL = 255;
const deptName = (di: number): string => (di === MANAGEMENT ? 'Management' : DEPARTMENTS[di].name);

function withType<T extends DemoRecord['type'], R>(type: T, r: R): { type: T } & R {
  return { type, ...r };
}

/**
 * The demo graph as a stream of interchange-format records: topics, people,
 * accounts, contacts, then interactions (story records first in each group).
 */
export function* generateDemoRecords(opts: DemoOptions = {}): Generator<DemoRecord> {
  const { seed, scale } = checkOptions(opts);
  const target = demoTargets(scale);

  // ---- topics -------------------------------------------------------------
  for (const t of STORY.topics) yield withType('topic', t);
  for (const t of CATALOGUE_TOPICS) yield withType('topic', t);
  const bulkTopicIds = CATALOGUE_TOPICS.map((t) => t.id);
  const topicLabel = new Map(CATALOGUE_TOPICS.map((t) => [t.id, t.label]));

  // ---- people -------------------------------------------------------------
  for (const p of STORY.people) yield withType('person', p);
  const rngP = createRng(seed, 'people');
  const nPeople = target.people - STORY.people.length;
  /** Department index into DEPARTMENTS; MANAGEMENT for the office leads. */
  const personDept = new Uint8Array(nPeople);
  const personSkills = new Uint8Array(nPeople * 4).fill(NO_SKILL);
  const personOffice = new Uint8Array(nPeople);
  const activity = new Float64Array(nPeople);
  const usedCompanyEmails = new Set<string>();
  const heads = new Map<string, string>();
  const officeLeads: (string | undefined)[] = OFFICES.map(() => undefined);
  const officeShares = OFFICES.map((o) => o.share);
  const deptWeights = DEPARTMENTS.map((d) => d.weight);
  const officeLocaleWeights = OFFICES.map((o) => o.locales.map((l) => l[1]));
  for (let i = 0; i < nPeople; i++) {
    const id = `p-${i + 1}`;
    const oi = weightedIndex(rngP, officeShares);
    const office = OFFICES[oi];
    const locale = office.locales[weightedIndex(rngP, officeLocaleWeights[oi])][0];
    const name = freshPersonName(rngP, locale);
    const email = uniqueEmail(emailLocal(name, 0), DEMO_COMPANY_DOMAIN, usedCompanyEmails);
    let managerId: string | undefined;
    let department: string;
    let title: string;
    let di: number;
    if (!officeLeads[oi]) {
      officeLeads[oi] = id;
      di = MANAGEMENT;
      department = 'Management';
      title = `Country Manager ${office.country}`;
    } else {
      di = weightedIndex(rngP, deptWeights);
      const dept = DEPARTMENTS[di];
      department = dept.name;
      const headKey = `${oi}|${di}`;
      const head = heads.get(headKey);
      if (!head) {
        heads.set(headKey, id);
        title = `Head of ${dept.name}, ${office.city}`;
        managerId = officeLeads[oi];
      } else {
        title = rngP.pick(dept.titles);
        managerId = head;
      }
    }
    personDept[i] = di;
    personOffice[i] = oi;
    // Pareto-distributed activity (a few colleagues do most of the work), scaled by department.
    const pareto = Math.min(300, Math.pow(1 - rngP.next(), -1 / 1.16));
    activity[i] = (di === MANAGEMENT ? 0.3 : DEPARTMENTS[di].active) * pareto;

    const languages = [...office.languages];
    const localeLang: Partial<Record<NameLocale, string>> = { fr: 'fr', de: 'de', fi: 'fi', no: 'no', sv: 'sv', da: 'da', nl: 'nl' };
    const extra = localeLang[locale];
    if (extra && !languages.includes(extra)) languages.push(extra);
    if (!languages.includes('de') && rngP.chance(0.2)) languages.push('de');
    if (!languages.includes('en')) languages.push('en');
    const skills: string[] = [];
    const nSkills = rngP.chance(0.6) ? rngP.int(1, 4) : 0;
    for (let s = 0; s < nSkills; s++) {
      const ti = rngP.int(0, bulkTopicIds.length - 1);
      if (skills.includes(bulkTopicIds[ti])) continue;
      personSkills[i * 4 + skills.length] = ti;
      skills.push(bulkTopicIds[ti]);
    }
    const person: Person = {
      id,
      name,
      email,
      title,
      department,
      location: office.city,
      country: office.country,
      timezone: office.timezone,
      languages,
    };
    if (managerId) person.managerId = managerId;
    if (skills.length) person.skills = skills;
    const chatRoll = rngP.next();
    if (chatRoll < 0.55) person.chat = { teams: email };
    else if (chatRoll < 0.8) person.chat = { slack: `U0${base62(i * 7919 + 1000, 7).toUpperCase()}` };
    if (rngP.chance(0.01)) person.discoverable = false;
    yield withType('person', person);
  }

  // Who can be picked for what: customer-facing colleagues per office, and everyone.
  const globalTable = new WeightedTable(activity);
  const facingByOffice = OFFICES.map((_, oi) => {
    const idx: number[] = [];
    for (let i = 0; i < nPeople; i++) if (personOffice[i] === oi && CUSTOMER_FACING.has(deptName(personDept[i]))) idx.push(i);
    return { idx: Int32Array.from(idx), table: new WeightedTable(idx.map((i) => activity[i])) };
  });
  const salesByOffice = OFFICES.map((_, oi) => {
    const idx: number[] = [];
    for (let i = 0; i < nPeople; i++) {
      const d = deptName(personDept[i]);
      if (personOffice[i] === oi && (d === 'Sales' || d === 'Customer Success')) idx.push(i);
    }
    return { idx: Int32Array.from(idx), table: new WeightedTable(idx.map((i) => 0.5 + activity[i])) };
  });
  const pickFrom = (rng: Rng, pool: { idx: Int32Array; table: WeightedTable }): number =>
    pool.idx.length ? pool.idx[pool.table.sample(rng)] : globalTable.sample(rng);

  // ---- accounts -----------------------------------------------------------
  for (const a of STORY.accounts) yield withType('account', a);
  const rngA = createRng(seed, 'accounts');
  const nAccounts = target.accounts - STORY.accounts.length;
  const accCountry = new Uint8Array(nAccounts);
  const accIndustry = new Uint8Array(nAccounts);
  const accOwner = new Int32Array(nAccounts);
  const accOffice = new Uint8Array(nAccounts);
  const accSize = new Float32Array(nAccounts);
  const accDomain: string[] = new Array(nAccounts);
  const accCrm: string[] = new Array(nAccounts);
  const usedNameKeys = new Set<string>();
  const usedDomains = new Set<string>(STORY_DOMAINS);
  const countryShares = CUSTOMER_COUNTRIES.map((c) => c.share);
  const formWeights = new Map(CUSTOMER_COUNTRIES.map((c) => [c.code, c.forms.map((f) => f[1])]));
  const officeIndex = new Map(OFFICES.map((o, i) => [o.city, i]));

  const makeCompanyName = (c: CustomerCountry, industry: number): { name: string; base: string; domainParts: string[] } => {
    const words = INDUSTRIES[industry].words[c.lang];
    const stems = STEMS[c.lang];
    const families = NAMES[c.locale].family;
    const quals = QUALIFIERS[c.lang];
    for (let attempt = 0; attempt < 40; attempt++) {
      const form = c.forms[weightedIndex(rngA, formWeights.get(c.code)!)][0];
      const roll = rngA.next();
      let base: string;
      let domainParts: string[];
      const stem = rngA.pick(stems);
      const word = rngA.pick(words);
      if (attempt > 20) {
        const q1 = rngA.pick([...quals, ...QUALIFIERS.en]);
        const q2 = rngA.pick(quals);
        base = `${stem} ${word} ${q2} ${q1}`;
        domainParts = [stem, word, q2, q1];
      } else if (roll < 0.55) {
        base = `${stem} ${word}`;
        domainParts = [stem, word];
      } else if (roll < 0.7) {
        const fam = rngA.pick(families);
        base = `${stem} & ${fam}`;
        domainParts = [stem, fam];
      } else if (roll < 0.85) {
        const fam = rngA.pick(families);
        base = `${fam} ${word}`;
        domainParts = [fam, word];
      } else {
        const q = rngA.pick(quals);
        base = `${stem} ${word} ${q}`;
        domainParts = [stem, word, q];
      }
      const key = normalizeKey(base);
      if (usedNameKeys.has(key) || clashesWithStoryAccount(key) || STORY_PERSON_AND_CONTACT_KEYS.has(key)) continue;
      usedNameKeys.add(key);
      return { name: `${base} ${form}`, base, domainParts };
    }
    throw new Error('demo generator: ran out of company names');
  };

  for (let i = 0; i < nAccounts; i++) {
    const ci = weightedIndex(rngA, countryShares);
    const c = CUSTOMER_COUNTRIES[ci];
    const industry = rngA.int(0, INDUSTRIES.length - 1);
    const { name, domainParts } = makeCompanyName(c, industry);
    let domainBase = domainParts.map((p) => slug(p)).filter(Boolean).join('-');
    if (domainBase.length > 40) domainBase = domainParts.slice(0, 2).map((p) => slug(p)).join('-');
    let domain = `${domainBase}.${c.tld}`;
    for (let n = 2; usedDomains.has(domain); n++) domain = `${domainBase}${n}.${c.tld}`;
    usedDomains.add(domain);
    const domains = [domain];
    if (c.tld !== 'com' && rngA.chance(0.1)) {
      const alt = `${domainBase}.com`;
      if (!usedDomains.has(alt)) {
        usedDomains.add(alt);
        domains.push(alt);
      }
    }
    const home = officeIndex.get(REGION_OFFICE[c.code]) ?? 0;
    const oi = rngA.chance(0.85) ? home : rngA.int(0, OFFICES.length - 1);
    const owner = pickFrom(rngA, salesByOffice[oi]);
    const sfNumber = 100_000 + i;
    const externalIds: Record<string, string> = {};
    const crmRoll = rngA.next();
    if (crmRoll < 0.6) externalIds.salesforce = salesforceId18(`0015g0000${base62(sfNumber, 6)}`);
    else if (crmRoll < 0.82) externalIds.hubspot = String(12_000_000_000 + i * 37);
    else externalIds.dynamics = guid(rngA);
    if (rngA.chance(0.15) && !externalIds.hubspot) externalIds.hubspot = String(12_000_000_000 + i * 37);
    if (rngA.chance(0.3)) externalIds.zendesk = String(400_000_000 + i * 13);
    else if (rngA.chance(0.15)) externalIds.freshdesk = String(70_000_000 + i * 11);
    accCrm[i] = externalIds.salesforce ? 'salesforce' : externalIds.hubspot ? 'hubspot' : 'dynamics';

    const account: Account = {
      id: `a-${i + 1}`,
      name,
      domains,
      industry: INDUSTRIES[industry].industry,
      country: c.code,
      ownerId: `p-${owner + 1}`,
      externalIds,
      url: `https://www.${domain}`,
    };
    if (rngA.chance(0.08)) {
      // A former name (renamed or merged), unique like every other name.
      const former = makeCompanyName(c, industry);
      account.aliases = [former.name];
    }
    accCountry[i] = ci;
    accIndustry[i] = industry;
    accOwner[i] = owner;
    accOffice[i] = oi;
    accDomain[i] = domain;
    // Log-normal account size with mean 1: most accounts are small, a few are big.
    accSize[i] = Math.exp(1.1 * rngA.normal() - 0.605);
    yield withType('account', account);
  }

  // ---- contacts -----------------------------------------------------------
  for (const c of STORY.contacts) yield withType('contact', c);
  const rngC = createRng(seed, 'contacts');
  const nContactsTarget = target.contacts - STORY.contacts.length;
  const meanContacts = nContactsTarget / nAccounts;
  const accContactStart = new Int32Array(nAccounts);
  const accContactCount = new Uint16Array(nAccounts);
  let contactSeq = 0;
  for (let i = 0; i < nAccounts; i++) {
    const c = CUSTOMER_COUNTRIES[accCountry[i]];
    // Bigger accounts have more contacts (0.96 = the mean of the size factor).
    const want = rngC.poisson((meanContacts * (0.5 + 0.5 * Math.min(accSize[i], 4))) / 0.96);
    const n = Math.min(60, want);
    accContactStart[i] = contactSeq;
    accContactCount[i] = n;
    const used = new Set<string>();
    const pattern = rngC.int(0, 2);
    for (let k = 0; k < n; k++) {
      const name = freshPersonName(rngC, c.locale);
      const contact: ContactRecord = {
        type: 'contact',
        id: `c-${contactSeq + 1}`,
        name,
        email: uniqueEmail(emailLocal(name, pattern), accDomain[i], used),
        accountId: `a-${i + 1}`,
        title: rngC.pick(CONTACT_TITLES[c.locale]),
      };
      contactSeq++;
      yield contact;
    }
  }

  // ---- interactions -------------------------------------------------------
  for (const ix of STORY.interactions) yield withType('interaction', ix);
  const rngI = createRng(seed, 'interactions');
  let seq = 0;
  const nextId = () => `ix-${++seq}`;
  const topicShare = 0.12;
  // Expected team records per account: owner + about (1 + E[poisson(1.4)]) members.
  const meanTeam = 1 + 2.4;
  const perAccountMean = Math.max(1, (target.interactions * (1 - topicShare) - nAccounts * meanTeam) / nAccounts);
  const teamIdx: number[] = [];
  const teamW: number[] = [];

  for (let i = 0; i < nAccounts; i++) {
    const accountId = `a-${i + 1}`;
    const oi = accOffice[i];
    const owner = accOwner[i];
    teamIdx.length = 0;
    teamW.length = 0;
    teamIdx.push(owner);
    teamW.push(4);
    const nTeam = 1 + Math.min(6, rngI.poisson(1.4));
    for (let k = 0; k < nTeam; k++) {
      const p = pickFrom(rngI, facingByOffice[oi]);
      if (!teamIdx.includes(p)) {
        teamIdx.push(p);
        teamW.push(2.5 / (k + 1));
      }
    }
    const since = pastDate(rngI, 0.8);
    yield { type: 'interaction', id: nextId(), personId: `p-${owner + 1}`, accountId, kind: 'account-owner', date: since, source: accCrm[i] };
    for (let k = 1; k < teamIdx.length; k++) {
      yield { type: 'interaction', id: nextId(), personId: `p-${teamIdx[k] + 1}`, accountId, kind: 'account-team', date: pastDate(rngI, 0.8), source: accCrm[i] };
    }
    // Topics this customer cares about.
    const interests = [rngI.pick(bulkTopicIds), rngI.pick(bulkTopicIds), rngI.pick(bulkTopicIds)];
    const n = rngI.poisson(perAccountMean * accSize[i]);
    const cStart = accContactStart[i];
    const cCount = accContactCount[i];
    for (let k = 0; k < n; k++) {
      // Mostly the account team; now and then someone from anywhere in the company.
      const p = rngI.chance(0.12) ? globalTable.sample(rngI) : teamIdx[weightedIndex(rngI, teamW)];
      const dept = personDept[p] === MANAGEMENT ? 'Sales' : deptName(personDept[p]);
      const kind = ACCOUNT_KINDS[weightedIndex(rngI, KIND_TABLES.get(dept) ?? BASE_KIND_WEIGHTS)];
      const ix: InteractionRecord = { type: 'interaction', id: nextId(), personId: `p-${p + 1}`, kind, date: pastDate(rngI), accountId };
      if (cCount > 0 && kind !== 'document' && rngI.chance(0.7)) {
        // The first contacts of an account are its main contacts.
        const j = Math.min(cCount - 1, Math.floor(cCount * Math.pow(rngI.next(), 2)));
        ix.contactId = `c-${cStart + j + 1}`;
      }
      const tr = rngI.next();
      if (tr < 0.3) ix.topicIds = [rngI.pick(interests)];
      else if (tr < 0.38) {
        const a = rngI.pick(interests);
        const b = rngI.pick(interests);
        ix.topicIds = a === b ? [a] : [a, b];
      }
      switch (kind) {
        case 'email': {
          const d = rngI.next();
          ix.direction = d < 0.45 ? 'outbound' : d < 0.65 ? 'inbound' : 'both';
          ix.count = ix.direction === 'both' ? rngI.geometric(4) : rngI.geometric(1.6);
          ix.source = 'email';
          break;
        }
        case 'call': {
          const d = rngI.next();
          ix.direction = d < 0.5 ? 'outbound' : d < 0.8 ? 'inbound' : 'both';
          ix.count = rngI.geometric(1.3);
          ix.source = 'phone';
          break;
        }
        case 'meeting':
          ix.count = rngI.geometric(1.4);
          ix.source = 'calendar';
          if (rngI.chance(0.2)) ix.title = rngI.pick(['QBR', 'Kick-off', 'Workshop', 'Steering committee', 'Demo', 'Site visit']);
          break;
        case 'document':
          ix.title = rngI.pick(DOC_TITLES);
          ix.source = 'sharepoint';
          break;
        case 'case-resolved':
        case 'case-open':
          ix.source = rngI.pick(CASE_SOURCES);
          ix.title = `Case ${100_000 + ((seq * 7919) % 900_000)}${ix.topicIds ? `: ${topicLabel.get(ix.topicIds[0])}` : ''}`;
          break;
        default:
          ix.source = accCrm[i];
          ix.title = `${rngI.pick(DEAL_TITLES)} ${ix.date.slice(0, 4)}`;
      }
      yield ix;
    }
  }

  // Topic-only evidence: self-declared skills, community answers, endorsements, cases and documents.
  const rngT = createRng(seed, 'topic-evidence');
  const topicOnly = Math.round(target.interactions * topicShare);
  const topicKinds: InteractionKind[] = ['community-answer', 'endorsement', 'case-resolved', 'document', 'self-declared'];
  const topicKindWeights = [30, 20, 25, 20, 5];
  for (let k = 0; k < topicOnly; k++) {
    const p = globalTable.sample(rngT);
    const kind = topicKinds[weightedIndex(rngT, topicKindWeights)];
    // Mostly on the colleague's own skills.
    let nSkills = 0;
    while (nSkills < 4 && personSkills[p * 4 + nSkills] !== NO_SKILL) nSkills++;
    const topic = nSkills > 0 && rngT.chance(0.8) ? bulkTopicIds[personSkills[p * 4 + rngT.int(0, nSkills - 1)]] : rngT.pick(bulkTopicIds);
    const ix: InteractionRecord = { type: 'interaction', id: nextId(), personId: `p-${p + 1}`, kind, date: pastDate(rngT), topicIds: [topic] };
    if (kind === 'community-answer') ix.count = rngT.geometric(2);
    if (kind === 'endorsement') ix.count = rngT.geometric(1.5);
    ix.source = kind === 'community-answer' ? 'community' : kind === 'case-resolved' ? rngT.pick(CASE_SOURCES) : kind === 'document' ? 'sharepoint' : 'profile';
    yield ix;
  }
}

/** The whole demo graph in memory (scale ≤ MAX_IN_MEMORY_SCALE). */
export function generateDemoGraph(opts: DemoOptions = {}): Graph {
  const { scale } = checkOptions(opts);
  if (scale > MAX_IN_MEMORY_SCALE) {
    throw new RangeError(`generateDemoGraph builds scales up to ${MAX_IN_MEMORY_SCALE} in memory; use generateDemoRecords to stream scale ${scale}.`);
  }
  const g: Graph = { people: [], accounts: [], contacts: [], topics: [], interactions: [] };
  for (const r of generateDemoRecords(opts)) {
    switch (r.type) {
      case 'person': {
        const { type: _t, ...rec } = r;
        g.people.push(rec);
        break;
      }
      case 'account': {
        const { type: _t, ...rec } = r;
        g.accounts.push(rec);
        break;
      }
      case 'contact': {
        const { type: _t, ...rec } = r;
        g.contacts.push(rec);
        break;
      }
      case 'topic': {
        const { type: _t, ...rec } = r;
        g.topics.push(rec);
        break;
      }
      case 'interaction': {
        const { type: _t, ...rec } = r;
        g.interactions.push(rec);
        break;
      }
    }
  }
  return g;
}
