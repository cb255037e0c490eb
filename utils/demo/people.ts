/**
 * Generator phase 1, people: the story's colleagues, then the bulk colleagues
 * in seven offices (a country manager and a head per department, titles,
 * languages, skills, chat handles, Pareto activity). Returns the compact
 * per-person arrays and the pools later phases pick colleagues from.
 */
import type { Person } from '../graph/model';
import { DEPARTMENTS, OFFICES, type NameLocale } from './names';
import { base62, emailLocal, freshPersonName, uniqueEmail, weightedIndex } from './primitives';
import { createRng, WeightedTable, type Rng } from './random';
import { withType, type DemoRecord } from './records';
import { DEMO_COMPANY_DOMAIN, STORY } from './story';
import { CATALOGUE_TOPIC_IDS } from './topics';

/** Department index of the office leads (not an index into DEPARTMENTS). */
export const MANAGEMENT = 255;
/** Padding of People.skills. */
export const NO_SKILL = 255;
export const deptName = (di: number): string => (di === MANAGEMENT ? 'Management' : DEPARTMENTS[di].name);

const CUSTOMER_FACING = new Set(['Sales', 'Customer Success', 'Support', 'Consulting']);
/** The language a name locale adds to the office's languages. */
const LOCALE_LANGUAGE: Partial<Record<NameLocale, string>> = { fr: 'fr', de: 'de', fi: 'fi', no: 'no', sv: 'sv', da: 'da', nl: 'nl' };

/** Colleagues (bulk indices) to pick from, weighted. */
export interface PersonPool {
  idx: Int32Array;
  table: WeightedTable;
}

/** The bulk colleagues, by index i (id `p-${i + 1}`). */
export interface People {
  count: number;
  /** Department index into DEPARTMENTS; MANAGEMENT for the office leads. */
  dept: Uint8Array;
  /** Index into OFFICES. */
  office: Uint8Array;
  /** Up to four skills per person (indices into CATALOGUE_TOPIC_IDS at i * 4 ...), padded with NO_SKILL. */
  skills: Uint8Array;
  /** Everyone, weighted by activity. */
  everyone: WeightedTable;
  /** Customer-facing colleagues per office, weighted by activity. */
  facingByOffice: PersonPool[];
  /** Sales and Customer Success per office (account owners), weighted by 0.5 + activity. */
  salesByOffice: PersonPool[];
}

/** A colleague from the pool, or from everyone when the pool is empty. */
export function pickFrom(rng: Rng, pool: PersonPool, people: People): number {
  return pool.idx.length ? pool.idx[pool.table.sample(rng)] : people.everyone.sample(rng);
}

/** Yields the person records (story first); returns the bulk's compact arrays. */
export function* generatePeople(seed: number, targetPeople: number): Generator<DemoRecord, People> {
  for (const p of STORY.people) yield withType('person', p);
  const rng = createRng(seed, 'people');
  const n = targetPeople - STORY.people.length;
  const dept = new Uint8Array(n);
  const skillsOf = new Uint8Array(n * 4).fill(NO_SKILL);
  const office = new Uint8Array(n);
  const activity = new Float64Array(n);
  const usedCompanyEmails = new Set<string>();
  const heads = new Map<string, string>();
  const officeLeads: (string | undefined)[] = OFFICES.map(() => undefined);
  const officeShares = OFFICES.map((o) => o.share);
  const deptWeights = DEPARTMENTS.map((d) => d.weight);
  const officeLocaleWeights = OFFICES.map((o) => o.locales.map((l) => l[1]));
  for (let i = 0; i < n; i++) {
    const id = `p-${i + 1}`;
    const oi = weightedIndex(rng, officeShares);
    const o = OFFICES[oi];
    const locale = o.locales[weightedIndex(rng, officeLocaleWeights[oi])][0];
    const name = freshPersonName(rng, locale);
    const email = uniqueEmail(emailLocal(name, 0), DEMO_COMPANY_DOMAIN, usedCompanyEmails);
    let managerId: string | undefined;
    let department: string;
    let title: string;
    let di: number;
    if (!officeLeads[oi]) {
      officeLeads[oi] = id;
      di = MANAGEMENT;
      department = 'Management';
      title = `Country Manager ${o.country}`;
    } else {
      di = weightedIndex(rng, deptWeights);
      const d = DEPARTMENTS[di];
      department = d.name;
      const headKey = `${oi}|${di}`;
      const head = heads.get(headKey);
      if (!head) {
        heads.set(headKey, id);
        title = `Head of ${d.name}, ${o.city}`;
        managerId = officeLeads[oi];
      } else {
        title = rng.pick(d.titles);
        managerId = head;
      }
    }
    dept[i] = di;
    office[i] = oi;
    // Pareto-distributed activity (a few colleagues do most of the work), scaled by department.
    const pareto = Math.min(300, Math.pow(1 - rng.next(), -1 / 1.16));
    activity[i] = (di === MANAGEMENT ? 0.3 : DEPARTMENTS[di].active) * pareto;

    const languages = [...o.languages];
    const extra = LOCALE_LANGUAGE[locale];
    if (extra && !languages.includes(extra)) languages.push(extra);
    if (!languages.includes('de') && rng.chance(0.2)) languages.push('de');
    if (!languages.includes('en')) languages.push('en');
    const skills: string[] = [];
    const nSkills = rng.chance(0.6) ? rng.int(1, 4) : 0;
    for (let s = 0; s < nSkills; s++) {
      const ti = rng.int(0, CATALOGUE_TOPIC_IDS.length - 1);
      if (skills.includes(CATALOGUE_TOPIC_IDS[ti])) continue;
      skillsOf[i * 4 + skills.length] = ti;
      skills.push(CATALOGUE_TOPIC_IDS[ti]);
    }
    const person: Person = {
      id,
      name,
      email,
      title,
      department,
      location: o.city,
      country: o.country,
      timezone: o.timezone,
      languages,
    };
    if (managerId) person.managerId = managerId;
    if (skills.length) person.skills = skills;
    const chatRoll = rng.next();
    if (chatRoll < 0.55) person.chat = { teams: email };
    else if (chatRoll < 0.8) person.chat = { slack: `U0${base62(i * 7919 + 1000, 7).toUpperCase()}` };
    if (rng.chance(0.01)) person.discoverable = false;
    yield withType('person', person);
  }

  // Who can be picked for what: customer-facing colleagues per office, and everyone.
  const facingByOffice = OFFICES.map((_, oi) => {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) if (office[i] === oi && CUSTOMER_FACING.has(deptName(dept[i]))) idx.push(i);
    return { idx: Int32Array.from(idx), table: new WeightedTable(idx.map((i) => activity[i])) };
  });
  const salesByOffice = OFFICES.map((_, oi) => {
    const idx: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = deptName(dept[i]);
      if (office[i] === oi && (d === 'Sales' || d === 'Customer Success')) idx.push(i);
    }
    return { idx: Int32Array.from(idx), table: new WeightedTable(idx.map((i) => 0.5 + activity[i])) };
  });
  return { count: n, dept, office, skills: skillsOf, everyone: new WeightedTable(activity), facingByOffice, salesByOffice };
}
