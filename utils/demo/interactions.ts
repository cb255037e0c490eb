/**
 * Generator phase 4, interactions: the story's interactions, then per bulk
 * account its owner and team records and Poisson(size × mean) interactions
 * (mostly the account team, kinds by department, recent dates more likely,
 * some on the account's interest topics), then topic-only evidence, mostly
 * on the colleagues' own skills. Streams; keeps nothing per interaction.
 */
import type { Accounts } from './accounts';
import type { Contacts } from './contacts';
import {
  ACCOUNT_KINDS,
  BASE_KIND_WEIGHTS,
  CASE_SOURCES,
  DEAL_TITLES,
  DOC_TITLES,
  KIND_TABLES,
  MEETING_TITLES,
  TOPIC_EVIDENCE_KINDS,
  TOPIC_EVIDENCE_WEIGHTS,
} from './interaction-kinds';
import { deptName, MANAGEMENT, NO_SKILL, pickFrom, type People } from './people';
import { pastDate, weightedIndex } from './primitives';
import { createRng, type Rng } from './random';
import { withType, type DemoRecord, type InteractionRecord } from './records';
import { STORY } from './story';
import { CATALOGUE_TOPIC_IDS, CATALOGUE_TOPICS } from './topics';

/** Share of the interactions that are topic-only evidence. */
const TOPIC_SHARE = 0.12;
/** Expected team records per account: owner + about (1 + E[poisson(1.4)]) members. */
const MEAN_TEAM = 1 + 2.4;
const TOPIC_LABEL = new Map(CATALOGUE_TOPICS.map((t) => [t.id, t.label]));

/** The interaction id counter, shared by both bulk parts (ids `ix-1`, `ix-2`, ...). */
interface IdSequence {
  seq: number;
}
const nextId = (ids: IdSequence): string => `ix-${++ids.seq}`;

/** Yields the interaction records: story, account interactions, topic-only evidence. */
export function* generateInteractions(
  seed: number,
  targetInteractions: number,
  people: People,
  accounts: Accounts,
  contacts: Contacts,
): Generator<DemoRecord, void> {
  for (const ix of STORY.interactions) yield withType('interaction', ix);
  const ids: IdSequence = { seq: 0 };
  yield* accountInteractions(seed, targetInteractions, people, accounts, contacts, ids);
  yield* topicEvidence(seed, targetInteractions, people, ids);
}

function* accountInteractions(
  seed: number,
  targetInteractions: number,
  people: People,
  accounts: Accounts,
  contacts: Contacts,
  ids: IdSequence,
): Generator<InteractionRecord, void> {
  const rng = createRng(seed, 'interactions');
  const nAccounts = accounts.count;
  const perAccountMean = Math.max(1, (targetInteractions * (1 - TOPIC_SHARE) - nAccounts * MEAN_TEAM) / nAccounts);
  const personDept = people.dept;
  const teamIdx: number[] = [];
  const teamW: number[] = [];

  for (let i = 0; i < nAccounts; i++) {
    const accountId = `a-${i + 1}`;
    const owner = accounts.owner[i];
    const crm = accounts.crm[i];
    teamIdx.length = 0;
    teamW.length = 0;
    teamIdx.push(owner);
    teamW.push(4);
    const nTeam = 1 + Math.min(6, rng.poisson(1.4));
    const facing = people.facingByOffice[accounts.office[i]];
    for (let k = 0; k < nTeam; k++) {
      const p = pickFrom(rng, facing, people);
      if (!teamIdx.includes(p)) {
        teamIdx.push(p);
        teamW.push(2.5 / (k + 1));
      }
    }
    const since = pastDate(rng, 0.8);
    yield { type: 'interaction', id: nextId(ids), personId: `p-${owner + 1}`, accountId, kind: 'account-owner', date: since, source: crm };
    for (let k = 1; k < teamIdx.length; k++) {
      yield { type: 'interaction', id: nextId(ids), personId: `p-${teamIdx[k] + 1}`, accountId, kind: 'account-team', date: pastDate(rng, 0.8), source: crm };
    }
    // Topics this customer cares about.
    const interests = [rng.pick(CATALOGUE_TOPIC_IDS), rng.pick(CATALOGUE_TOPIC_IDS), rng.pick(CATALOGUE_TOPIC_IDS)];
    const n = rng.poisson(perAccountMean * accounts.size[i]);
    const cStart = contacts.start[i];
    const cCount = contacts.count[i];
    for (let k = 0; k < n; k++) {
      // Mostly the account team; now and then someone from anywhere in the company.
      const p = rng.chance(0.12) ? people.everyone.sample(rng) : teamIdx[weightedIndex(rng, teamW)];
      const dept = personDept[p] === MANAGEMENT ? 'Sales' : deptName(personDept[p]);
      const kind = ACCOUNT_KINDS[weightedIndex(rng, KIND_TABLES.get(dept) ?? BASE_KIND_WEIGHTS)];
      const ix: InteractionRecord = { type: 'interaction', id: nextId(ids), personId: `p-${p + 1}`, kind, date: pastDate(rng), accountId };
      if (cCount > 0 && kind !== 'document' && rng.chance(0.7)) {
        // The first contacts of an account are its main contacts.
        const j = Math.min(cCount - 1, Math.floor(cCount * Math.pow(rng.next(), 2)));
        ix.contactId = `c-${cStart + j + 1}`;
      }
      const tr = rng.next();
      if (tr < 0.3) ix.topicIds = [rng.pick(interests)];
      else if (tr < 0.38) {
        const a = rng.pick(interests);
        const b = rng.pick(interests);
        ix.topicIds = a === b ? [a] : [a, b];
      }
      addKindDetails(rng, ix, ids.seq, crm);
      yield ix;
    }
  }
}

/** Where a demo case would be opened (the help desks' agent URLs; ServiceNow's need an instance-specific path). */
const CASE_LINKS: Record<string, string> = {
  zendesk: 'https://kennerdemo.zendesk.com/agent/tickets/',
  freshdesk: 'https://kennerdemo.freshdesk.com/a/tickets/',
};

/** Direction, count, source and title as the interaction's kind has them. */
function addKindDetails(rng: Rng, ix: InteractionRecord, seq: number, crm: string): void {
  switch (ix.kind) {
    case 'email': {
      const d = rng.next();
      ix.direction = d < 0.45 ? 'outbound' : d < 0.65 ? 'inbound' : 'both';
      ix.count = ix.direction === 'both' ? rng.geometric(4) : rng.geometric(1.6);
      ix.source = 'email';
      break;
    }
    case 'call': {
      const d = rng.next();
      ix.direction = d < 0.5 ? 'outbound' : d < 0.8 ? 'inbound' : 'both';
      ix.count = rng.geometric(1.3);
      ix.source = 'phone';
      break;
    }
    case 'meeting':
      ix.count = rng.geometric(1.4);
      ix.source = 'calendar';
      if (rng.chance(0.2)) ix.title = rng.pick(MEETING_TITLES);
      break;
    case 'document':
      ix.title = rng.pick(DOC_TITLES);
      ix.source = 'sharepoint';
      break;
    case 'case-resolved':
    case 'case-open':
    {
      ix.source = rng.pick(CASE_SOURCES);
      const caseNo = 100_000 + ((seq * 7919) % 900_000);
      ix.title = `Case ${caseNo}${ix.topicIds ? `: ${TOPIC_LABEL.get(ix.topicIds[0])}` : ''}`;
      const link = CASE_LINKS[ix.source];
      if (link) ix.url = `${link}${caseNo}`;
      break;
    }
    default:
      ix.source = crm;
      ix.title = `${rng.pick(DEAL_TITLES)} ${ix.date.slice(0, 4)}`;
  }
}

/** Topic-only evidence: self-declared skills, community answers, endorsements, cases and documents. */
function* topicEvidence(seed: number, targetInteractions: number, people: People, ids: IdSequence): Generator<InteractionRecord, void> {
  const rng = createRng(seed, 'topic-evidence');
  const topicOnly = Math.round(targetInteractions * TOPIC_SHARE);
  const skills = people.skills;
  for (let k = 0; k < topicOnly; k++) {
    const p = people.everyone.sample(rng);
    const kind = TOPIC_EVIDENCE_KINDS[weightedIndex(rng, TOPIC_EVIDENCE_WEIGHTS)];
    // Mostly on the colleague's own skills.
    let nSkills = 0;
    while (nSkills < 4 && skills[p * 4 + nSkills] !== NO_SKILL) nSkills++;
    const topic = nSkills > 0 && rng.chance(0.8) ? CATALOGUE_TOPIC_IDS[skills[p * 4 + rng.int(0, nSkills - 1)]] : rng.pick(CATALOGUE_TOPIC_IDS);
    const ix: InteractionRecord = { type: 'interaction', id: nextId(ids), personId: `p-${p + 1}`, kind, date: pastDate(rng), topicIds: [topic] };
    if (kind === 'community-answer') ix.count = rng.geometric(2);
    if (kind === 'endorsement') ix.count = rng.geometric(1.5);
    ix.source = kind === 'community-answer' ? 'community' : kind === 'case-resolved' ? rng.pick(CASE_SOURCES) : kind === 'document' ? 'sharepoint' : 'profile';
    yield ix;
  }
}
