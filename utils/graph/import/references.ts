/**
 * References between the records of one import: which ids it defines (and
 * how often: later duplicates win and are counted), which ids its records
 * point at, and account owners given by email (CRM reports). What only the
 * end of the input can tell is resolved there, against the import and, in
 * merge mode, the live graph.
 */
import type { RecordType } from '../schema';
import { err, type ErrorList, type Loc } from './errors';
import type { Locate } from './validate';

/** Record types with ids that other records point at. */
export type RefKind = Exclude<RecordType, 'interaction'>;

const READ_BATCH = 10000;

/**
 * The live graph, as merge mode sees it (the extension's IndexedDB store, the
 * company graph service's PostgreSQL): pure code asks, each store answers.
 */
export interface LiveIds {
  /** Of these ids of one kind, those the live graph holds. */
  held(kind: RefKind, ids: readonly string[]): Promise<ReadonlySet<string>>;
  /** The colleague with this (lower-case) email, if any. */
  personIdByEmail(email: string): Promise<string | undefined>;
}

interface PendingRef {
  loc: Loc;
  field: string;
  kind: RefKind;
  id: string;
}

/**
 * The reference checks of one import, kept in memory: every id defined and the
 * first place of each reference not yet defined. The extension's importer uses
 * it as is; the company graph service's (server/graph/references.ts) keeps the
 * same things in staging tables instead and answers them in SQL, with the same
 * errors in the same order.
 */
export class References {
  readonly ids: Record<RefKind, Set<string>> = { person: new Set(), account: new Set(), contact: new Set(), topic: new Set() };
  /** Ids defined more than once (the later record won). */
  duplicates = 0;
  private readonly emails = new Map<string, string>();
  private readonly pending = new Map<string, PendingRef>();
  private readonly pendingOwners = new Map<string, { loc: Loc; field: string; email: string }>();

  /** A record of this kind and id was read. */
  define(kind: RefKind, id: string): void {
    const set = this.ids[kind];
    if (set.has(id)) this.duplicates++;
    else set.add(id);
  }

  /** Distinct ids of this kind defined (valid once `resolve` has run). */
  defined(kind: RefKind): number {
    return this.ids[kind].size;
  }

  /** A colleague's email, for owners given by email. */
  personEmail(email: string, personId: string): void {
    this.emails.set(email, personId);
  }

  /** `field` points at `id`: remembered (its first place) until an import record or the live graph defines it. */
  ref(kind: RefKind, id: string | undefined, field: string, loc: Locate): void {
    if (id === undefined || this.ids[kind].has(id)) return;
    const key = `${kind}\u0000${id}`;
    if (!this.pending.has(key)) this.pending.set(key, { loc: loc(field), field, kind, id });
  }

  /**
   * An account's owner given by email (a CRM report's `ownerEmail`): the
   * colleague's id when already known, else remembered for the end. An
   * account with an ownerId (or no owner email) forgets an earlier one.
   */
  ownerByEmail(accountId: string, ownerId: string | undefined, ownerEmail: unknown, loc: Locate): string | undefined {
    if (!ownerId && typeof ownerEmail === 'string' && ownerEmail.trim()) {
      const email = ownerEmail.trim().toLowerCase();
      const known = this.emails.get(email);
      if (known) return known;
      this.pendingOwners.set(accountId, { loc: loc('ownerEmail'), field: 'ownerEmail', email });
    } else this.pendingOwners.delete(accountId);
    return undefined;
  }

  /**
   * At the end of the input: reports references that nothing defines and
   * owner emails that no colleague has; returns the owners found by email
   * afterwards, as [accountId, personId].
   */
  async resolve(live: LiveIds | null, errors: ErrorList): Promise<Array<[string, string]>> {
    await this.reportUnknown(live, errors);
    return this.resolveOwners(live, errors);
  }

  /**
   * References that neither the import nor (merge) the live graph defines, each at its first
   * place, in reading order (files in the order read, lines ascending).
   */
  protected async reportUnknown(live: LiveIds | null, errors: ErrorList): Promise<void> {
    // References to ids the import did not define: in merge mode the live graph may hold them.
    let unresolved = [...this.pending.values()].filter((p) => !this.ids[p.kind].has(p.id));
    if (unresolved.length && live) {
      const held = new Set<PendingRef>();
      for (let i = 0; i < unresolved.length; i += READ_BATCH) {
        const part = unresolved.slice(i, i + READ_BATCH);
        const byKind = new Map<RefKind, PendingRef[]>();
        for (const p of part) {
          const list = byKind.get(p.kind);
          if (list) list.push(p);
          else byKind.set(p.kind, [p]);
        }
        for (const [kind, list] of byKind) {
          const found = await live.held(kind, list.map((p) => p.id));
          for (const p of list) if (found.has(p.id)) held.add(p);
        }
      }
      // Still in reading order (the order of their first places), as without a live graph.
      unresolved = unresolved.filter((p) => !held.has(p));
    }
    for (const p of unresolved) errors.add(err.unknownRef(p.loc, p.field, p.id, p.kind));
  }

  /** Owners given by email (CRM reports): the colleague with that email, in the import or (merge) the graph. */
  protected async resolveOwners(live: LiveIds | null, errors: ErrorList): Promise<Array<[string, string]>> {
    const patches: Array<[string, string]> = [];
    for (const [accountId, o] of this.pendingOwners) {
      let personId = this.emails.get(o.email);
      if (!personId && live) personId = await live.personIdByEmail(o.email);
      if (personId) patches.push([accountId, personId]);
      else errors.add(err.unknownOwnerEmail(o.loc, o.field, o.email));
    }
    return patches;
  }
}
