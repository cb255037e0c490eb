import type { EntityKind, InteractionKind, PersonSummary } from '../graph/model';

/** A colleague as the UI shows them (never a non-discoverable one): the output of PersonSummarySchema (utils/graph/schema.ts). */
export type { PersonSummary };

/**
 * One reason, structured so that the UI can put it in words in the user's
 * language: e.g. {kind:'deal-won', count:2, entityName:'Nordlicht Logistik GmbH', last:'2025-09-30'}
 * → "won 2 deals with Nordlicht Logistik GmbH, last in Sep 2025".
 */
export interface Reason {
  kind: InteractionKind | 'skill';
  count: number;
  entityId: string;
  entityKind: EntityKind;
  entityName: string;
  /** ISO date of the last such interaction. */
  last?: string;
  /** The system the last such interaction came from (its `source`, e.g. `zendesk`). */
  source?: string;
  /** Its record link (its `url`), when it has one. */
  url?: string;
  /** Contribution to the score, for ordering reasons. */
  weight: number;
  /** A skill the colleague states themself ("ask me about", preferences.ts): worded as claimed. */
  claimed?: true;
}

export interface Suggestion {
  person: PersonSummary;
  /** 0–100. */
  score: number;
  /** Strength 0–100 per entity id this colleague covers: the score a page (or a search) with only that entity shows. */
  strengths: Record<string, number>;
  /** Top reasons, strongest first. */
  reasons: Reason[];
  /** ISO date of the last interaction with any of the page's entities. */
  lastInteraction?: string;
  /** Roles on the page's accounts. */
  roles: Array<'account-owner' | 'account-team'>;
  /** The colleague's manager (from the graph's `managerId`, shown only if they may be): who can introduce the user. */
  introducer?: Introducer;
  /** Hints relative to the user ("me"), when known. */
  hints?: {
    sharedLanguages?: string[];
    sameOffice?: boolean;
    hoursOverlap?: boolean;
  };
}

/** Who can introduce the user to a colleague: the colleague's manager. */
export interface Introducer {
  id: string;
  name: string;
  email?: string;
}

export interface PersonHit {
  person: PersonSummary;
  /** Why it matched, for a customer or topic query: the structured reasons. */
  suggestion?: Suggestion;
  /** Why it matched, for a text query: the field the words were found in and its value (a skill: that skill's label). */
  matched?: { field: 'name' | 'title' | 'department' | 'location' | 'email' | 'skills'; text: string };
}
