/**
 * Generator phase 2, accounts: the story's accounts, then invented customers
 * in 13 countries (names unique by folded key and clear of the story, domains,
 * CRM and helpdesk external ids, an owner from the regional office, ~8% a
 * former name, a log-normal size). Returns the compact per-account arrays.
 */
import type { Account } from '../graph/model';
import { normalizeKey } from '../text/normalize';
import { CUSTOMER_COUNTRIES, INDUSTRIES, NAMES, OFFICES, QUALIFIERS, slug, STEMS, type CustomerCountry } from './names';
import { pickFrom, type People } from './people';
import { base62, guid, salesforceId18, weightedIndex } from './primitives';
import { createRng, type Rng } from './random';
import { withType, type DemoRecord } from './records';
import { STORY } from './story';
import { clashesWithStoryAccount, STORY_DOMAINS, STORY_PERSON_AND_CONTACT_KEYS } from './story-guard';

const REGION_OFFICE: Record<string, string> = {
  DE: 'Berlin', AT: 'Berlin', CH: 'Berlin', NL: 'Amsterdam', BE: 'Amsterdam', DK: 'Copenhagen', NO: 'Copenhagen',
  SE: 'Stockholm', FI: 'Stockholm', GB: 'London', FR: 'London', US: 'New York', SG: 'Singapore',
};
const COUNTRY_SHARES = CUSTOMER_COUNTRIES.map((c) => c.share);
/** Legal-form weights per CUSTOMER_COUNTRIES index. */
const FORM_WEIGHTS = CUSTOMER_COUNTRIES.map((c) => c.forms.map((f) => f[1]));
const OFFICE_INDEX = new Map(OFFICES.map((o, i) => [o.city, i]));

/** The bulk accounts, by index i (id `a-${i + 1}`). */
export interface Accounts {
  count: number;
  /** Index into CUSTOMER_COUNTRIES. */
  country: Uint8Array;
  /** Bulk person index of the owner. */
  owner: Int32Array;
  /** Index into OFFICES of the office that serves the account. */
  office: Uint8Array;
  /** Log-normal size with mean 1. */
  size: Float32Array;
  /** Primary domain. */
  domain: string[];
  /** The CRM the account lives in: 'salesforce', 'hubspot' or 'dynamics'. */
  crm: string[];
}

/** A company name unique by folded key (tracked in `usedNameKeys`) and clear of the story. */
function makeCompanyName(
  rng: Rng,
  ci: number,
  industry: number,
  usedNameKeys: Set<string>,
): { name: string; base: string; domainParts: string[] } {
  const c = CUSTOMER_COUNTRIES[ci];
  const words = INDUSTRIES[industry].words[c.lang];
  const stems = STEMS[c.lang];
  const families = NAMES[c.locale].family;
  const quals = QUALIFIERS[c.lang];
  for (let attempt = 0; attempt < 40; attempt++) {
    const form = c.forms[weightedIndex(rng, FORM_WEIGHTS[ci])][0];
    const roll = rng.next();
    let base: string;
    let domainParts: string[];
    const stem = rng.pick(stems);
    const word = rng.pick(words);
    if (attempt > 20) {
      const q1 = rng.pick([...quals, ...QUALIFIERS.en]);
      const q2 = rng.pick(quals);
      base = `${stem} ${word} ${q2} ${q1}`;
      domainParts = [stem, word, q2, q1];
    } else if (roll < 0.55) {
      base = `${stem} ${word}`;
      domainParts = [stem, word];
    } else if (roll < 0.7) {
      const fam = rng.pick(families);
      base = `${stem} & ${fam}`;
      domainParts = [stem, fam];
    } else if (roll < 0.85) {
      const fam = rng.pick(families);
      base = `${fam} ${word}`;
      domainParts = [fam, word];
    } else {
      const q = rng.pick(quals);
      base = `${stem} ${word} ${q}`;
      domainParts = [stem, word, q];
    }
    const key = normalizeKey(base);
    if (usedNameKeys.has(key) || clashesWithStoryAccount(key) || STORY_PERSON_AND_CONTACT_KEYS.has(key)) continue;
    usedNameKeys.add(key);
    return { name: `${base} ${form}`, base, domainParts };
  }
  // Very large graphs (benchmarks: hundreds of thousands of accounts) exhaust the word lists of a
  // country and industry: a branch number keeps the name unique. Smaller graphs never get here.
  for (let n = usedNameKeys.size; ; n++) {
    const base = `${rng.pick(stems)} ${rng.pick(words)} ${n}`;
    const key = normalizeKey(base);
    if (usedNameKeys.has(key)) continue;
    usedNameKeys.add(key);
    return { name: `${base} ${c.forms[0][0]}`, base, domainParts: [base] };
  }
}

/** The account's domains (unique, tracked in `usedDomains`): one from the name parts, ~10% a .com as well. */
function companyDomains(rng: Rng, c: CustomerCountry, domainParts: string[], usedDomains: Set<string>): string[] {
  let domainBase = domainParts.map((p) => slug(p)).filter(Boolean).join('-');
  if (domainBase.length > 40) domainBase = domainParts.slice(0, 2).map((p) => slug(p)).join('-');
  let domain = `${domainBase}.${c.tld}`;
  for (let n = 2; usedDomains.has(domain); n++) domain = `${domainBase}${n}.${c.tld}`;
  usedDomains.add(domain);
  const domains = [domain];
  if (c.tld !== 'com' && rng.chance(0.1)) {
    const alt = `${domainBase}.com`;
    if (!usedDomains.has(alt)) {
      usedDomains.add(alt);
      domains.push(alt);
    }
  }
  return domains;
}

/** Ids in one CRM (Salesforce 60%, HubSpot, Dynamics) and now and then a second CRM or a helpdesk. */
function externalIdsFor(rng: Rng, i: number): Record<string, string> {
  const externalIds: Record<string, string> = {};
  const crmRoll = rng.next();
  if (crmRoll < 0.6) externalIds.salesforce = salesforceId18(`0015g0000${base62(100_000 + i, 6)}`);
  else if (crmRoll < 0.82) externalIds.hubspot = String(12_000_000_000 + i * 37);
  else externalIds.dynamics = guid(rng);
  if (rng.chance(0.15) && !externalIds.hubspot) externalIds.hubspot = String(12_000_000_000 + i * 37);
  if (rng.chance(0.3)) externalIds.zendesk = String(400_000_000 + i * 13);
  else if (rng.chance(0.15)) externalIds.freshdesk = String(70_000_000 + i * 11);
  return externalIds;
}

/** Yields the account records (story first); returns the bulk's compact arrays. */
export function* generateAccounts(seed: number, targetAccounts: number, people: People): Generator<DemoRecord, Accounts> {
  for (const a of STORY.accounts) yield withType('account', a);
  const rng = createRng(seed, 'accounts');
  const n = targetAccounts - STORY.accounts.length;
  const acc: Accounts = {
    count: n,
    country: new Uint8Array(n),
    owner: new Int32Array(n),
    office: new Uint8Array(n),
    size: new Float32Array(n),
    domain: new Array<string>(n),
    crm: new Array<string>(n),
  };
  const usedNameKeys = new Set<string>();
  const usedDomains = new Set<string>(STORY_DOMAINS);

  for (let i = 0; i < n; i++) {
    const ci = weightedIndex(rng, COUNTRY_SHARES);
    const c = CUSTOMER_COUNTRIES[ci];
    const industry = rng.int(0, INDUSTRIES.length - 1);
    const { name, domainParts } = makeCompanyName(rng, ci, industry, usedNameKeys);
    const domains = companyDomains(rng, c, domainParts, usedDomains);
    const home = OFFICE_INDEX.get(REGION_OFFICE[c.code]) ?? 0;
    const oi = rng.chance(0.85) ? home : rng.int(0, OFFICES.length - 1);
    const owner = pickFrom(rng, people.salesByOffice[oi], people);
    const externalIds = externalIdsFor(rng, i);
    acc.crm[i] = externalIds.salesforce ? 'salesforce' : externalIds.hubspot ? 'hubspot' : 'dynamics';

    const account: Account = {
      id: `a-${i + 1}`,
      name,
      domains,
      industry: INDUSTRIES[industry].industry,
      country: c.code,
      ownerId: `p-${owner + 1}`,
      externalIds,
      url: `https://www.${domains[0]}`,
    };
    if (rng.chance(0.08)) {
      // A former name (renamed or merged), unique like every other name.
      const former = makeCompanyName(rng, ci, industry, usedNameKeys);
      account.aliases = [former.name];
    }
    acc.country[i] = ci;
    acc.owner[i] = owner;
    acc.office[i] = oi;
    acc.domain[i] = domains[0];
    // Log-normal account size with mean 1: most accounts are small, a few are big.
    acc.size[i] = Math.exp(1.1 * rng.normal() - 0.605);
    yield withType('account', account);
  }
  return acc;
}
