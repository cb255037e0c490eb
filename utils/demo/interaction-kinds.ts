/**
 * What kinds of interaction the demo generator draws, and how often: account
 * interaction kinds weighted by the colleague's department (email > meeting >
 * call; deals rare except in Sales; Support does cases), the kinds of
 * topic-only evidence, and the titles and sources that go with them.
 */
import type { InteractionKind } from '../graph/model';
import { DEPARTMENTS } from './names';

export const ACCOUNT_KINDS: InteractionKind[] = ['email', 'meeting', 'call', 'document', 'case-resolved', 'case-open', 'deal-open', 'deal-won', 'deal-lost'];
/** Weights of ACCOUNT_KINDS for a department without factors of its own. */
export const BASE_KIND_WEIGHTS = [34, 20, 16, 7, 7, 2, 2.5, 1.5, 1];
const KIND_FACTORS: Record<string, number[]> = {
  Sales: [1, 1.2, 1.3, 0.8, 0.1, 0.1, 3, 3, 3],
  'Customer Success': [1, 1.3, 1, 0.8, 1, 1, 0.8, 0.8, 0.5],
  Support: [1, 0.5, 1, 0.5, 5, 4, 0.05, 0.05, 0.05],
  Consulting: [0.9, 1.5, 0.7, 2.5, 0.8, 0.5, 0.3, 0.2, 0.1],
};
/** Weights of ACCOUNT_KINDS per department name (departments without factors rarely touch deals). */
export const KIND_TABLES = new Map<string, number[]>(
  DEPARTMENTS.map((d) => [d.name, BASE_KIND_WEIGHTS.map((w, i) => w * (KIND_FACTORS[d.name]?.[i] ?? (i >= 6 ? 0.05 : 1)))]),
);

/** Topic-only evidence: self-declared skills, community answers, endorsements, cases and documents. */
export const TOPIC_EVIDENCE_KINDS: InteractionKind[] = ['community-answer', 'endorsement', 'case-resolved', 'document', 'self-declared'];
export const TOPIC_EVIDENCE_WEIGHTS = [30, 20, 25, 20, 5];

export const CASE_SOURCES = ['zendesk', 'freshdesk', 'servicenow'];
export const DEAL_TITLES = ['Renewal', 'Expansion', 'New licences', 'Pilot', 'Upgrade', 'Framework agreement', 'Support contract'];
export const DOC_TITLES = ['Proposal', 'Statement of work', 'Solution design', 'Security questionnaire', 'Workshop minutes', 'Project plan'];
export const MEETING_TITLES = ['QBR', 'Kick-off', 'Workshop', 'Steering committee', 'Demo', 'Site visit'];
