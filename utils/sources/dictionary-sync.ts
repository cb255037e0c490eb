/**
 * Dictionary sync of the remote company-graph service: `GET /v1/dictionary`
 * page by page into the local graph. BACKGROUND ONLY (graph store, storage).
 *
 * - Incremental: `since=<revision of the last completed sync>`; a `410`
 *   (cursor or revision too old) starts a full sync once.
 * - Resumable: the cursor is persisted after every page (`local:sourceSync`),
 *   so a service worker stopped mid-way continues where it was.
 * - Records are merged with the importer (merge mode); a page whose
 *   references the graph lacks is retried without them (names first).
 *   Tombstones are applied with the store's removeRecords (utils/store/remove.ts).
 * - Company email domains become non-discoverable placeholder people.
 */
import { addRecord, type Graph, type Person } from '../graph/model';
import type { SyncResult, SyncState } from '../messaging/sources';
import { DictionaryPageSchema, type DictionaryItem, type DictionaryPage } from '../contract/graph-api';
import { removeRecords, type RemovalIds } from '../store/remove';
import { errorMessage, scrubSecrets, SourceError } from './http';
import { remoteSyncItem } from './state';
import type { GraphServiceClient } from './graph-service-client';

/** Tombstones kept for a later page at most. */
const PENDING_DELETES_KEPT = 10_000;

export type ImportGraph = (graph: Graph) => Promise<{ ok: boolean; errors?: Array<{ message: string }> }>;

export interface SyncOptions {
  /** Start over (no `since`, no cursor). */
  full?: boolean;
  signal?: AbortSignal;
  /** Stop after this many pages (the sync is resumed by the next call). */
  maxPages?: number;
}

export interface DictionarySyncDeps {
  client: Pick<GraphServiceClient, 'base' | 'call'>;
  /** Writes dictionary records into the local graph (the importer, merge mode). */
  importGraph: ImportGraph;
  /** Page size asked for. */
  pageLimit: number;
  /** One page. */
  timeoutMs: number;
  /** A sync failed (recorded for the options page). */
  onFailure: (err: unknown, path: string) => Promise<void>;
  /** The service answered (false) or failed (true). */
  onHealth: (degraded: boolean) => void;
}

export interface DictionarySync {
  /** One sync at a time: a call while one runs gets that one's result. */
  sync(o?: SyncOptions): Promise<SyncResult>;
  readonly syncing: boolean;
  /** The sync state of this service (revision, cursor, pending tombstones). */
  state(): SyncState;
  /** Loads the persisted state (call once after creating). */
  ready(): Promise<void>;
}

/** Placeholder colleague for a company email domain (never shown: not discoverable). */
function domainPerson(domain: string): Person {
  const d = domain.toLowerCase().replace(/^@/, '');
  return { id: `kenner-domain:${d}`, name: d, email: `colleagues@${d}`, discoverable: false };
}

/** Turns one dictionary page into graph records (merge) and deletions. */
function pageToGraph(items: DictionaryItem[]): { graph: Graph; deletes: Array<{ type: string; id: string }> } {
  const graph: Graph = { people: [], accounts: [], contacts: [], topics: [], interactions: [] };
  const deletes: Array<{ type: string; id: string }> = [];
  for (const it of items) {
    if ('deleted' in it) {
      deletes.push({ type: it.type, id: it.type === 'domain' ? domainPerson(it.id).id : it.id });
      continue;
    }
    switch (it.type) {
      case 'person': {
        // The dictionary sync stores people without their manager link.
        const { managerId: _m, ...p } = it;
        addRecord(graph, p);
        break;
      }
      case 'domain':
        graph.people.push(domainPerson(it.domain));
        break;
      default:
        addRecord(graph, it);
    }
  }
  return { graph, deletes };
}

/** The same records without references to other records (a retry when the graph lacks a referenced id). */
function withoutReferences(g: Graph): Graph {
  return {
    ...g,
    contacts: g.contacts.map(({ accountId: _a, ...c }) => c),
    people: g.people.map(({ skills: _s, managerId: _m, ...p }) => p),
  };
}

/** Tombstones by the table they remove from (a domain's placeholder is a person). */
function removalIds(deletes: Array<{ type: string; id: string }>): Required<Pick<RemovalIds, 'people' | 'accounts' | 'contacts' | 'topics'>> {
  const ids = { people: [] as string[], accounts: [] as string[], contacts: [] as string[], topics: [] as string[] };
  for (const d of deletes) {
    const table = d.type === 'account' ? ids.accounts : d.type === 'contact' ? ids.contacts : d.type === 'topic' ? ids.topics : ids.people;
    table.push(d.id);
  }
  return ids;
}

export function createDictionarySync(deps: DictionarySyncDeps): DictionarySync {
  const { client } = deps;
  const base = client.base;
  let syncState: SyncState = {};
  let syncing: Promise<SyncResult> | null = null;

  async function persistSync(next: SyncState): Promise<void> {
    syncState = next;
    await remoteSyncItem.setValue(next);
  }

  async function writePage(items: DictionaryItem[]): Promise<{ written: number; deleted: number }> {
    const { graph, deletes } = pageToGraph(items);
    const written = graph.people.length + graph.accounts.length + graph.contacts.length + graph.topics.length;
    if (written) {
      const res = await deps.importGraph(graph);
      if (!res.ok) {
        // A record refers to one the graph does not hold (yet): keep the names, drop the references.
        const retry = await deps.importGraph(withoutReferences(graph));
        if (!retry.ok) throw new SourceError('invalid', `The dictionary could not be stored: ${res.errors?.[0]?.message ?? 'import failed'}`, undefined, '/v1/dictionary');
      }
    }
    let deleted = 0;
    let pending = [...(syncState.pendingDeletes ?? []), ...deletes];
    if (pending.length) {
      await removeRecords(removalIds(pending));
      deleted = pending.length;
      pending = [];
    }
    syncState = { ...syncState, pendingDeletes: pending.length ? pending.slice(-PENDING_DELETES_KEPT) : undefined };
    return { written, deleted };
  }

  async function fetchPage(prog: NonNullable<SyncState['inProgress']>, signal: AbortSignal | undefined): Promise<DictionaryPage> {
    const q = new URLSearchParams();
    if (prog.cursor) q.set('cursor', prog.cursor);
    else if (prog.since) q.set('since', prog.since);
    q.set('limit', String(deps.pageLimit));
    return client.call(`/v1/dictionary?${q}`, { timeoutMs: deps.timeoutMs, schema: DictionaryPageSchema, signal });
  }

  async function runSync(o: SyncOptions): Promise<SyncResult> {
    const stored = await remoteSyncItem.getValue();
    let state: SyncState = stored.for === base ? stored : { for: base };
    const resumed = !!state.inProgress && !o.full;
    if (!state.inProgress || o.full) {
      state = { ...state, inProgress: { cursor: null, since: o.full ? undefined : state.revision, startedAt: new Date().toISOString(), pages: 0, records: 0 } };
    }
    syncState = state;
    await persistSync(state);
    let pages = 0;
    let records = 0;
    let deleted = 0;
    let restarted = false;
    let revision: string | undefined;
    try {
      for (;;) {
        if (o.maxPages !== undefined && pages >= o.maxPages) return { ok: false, pages, records, deleted, resumed, error: 'stopped' };
        const prog = syncState.inProgress;
        if (!prog) throw new Error('The dictionary sync lost its progress');
        let page: DictionaryPage;
        try {
          page = await fetchPage(prog, o.signal);
        } catch (e) {
          if (e instanceof SourceError && e.status === 410 && !restarted) {
            // Cursor or revision too old: start a full sync.
            restarted = true;
            await persistSync({ ...syncState, inProgress: { ...prog, cursor: null, since: undefined } });
            continue;
          }
          throw e;
        }
        const w = await writePage(page.items);
        pages += 1;
        records += w.written;
        deleted += w.deleted;
        revision = page.revision;
        await persistSync({ ...syncState, inProgress: { ...prog, cursor: page.nextCursor, pages: prog.pages + 1, records: prog.records + w.written } });
        if (!page.nextCursor) break;
      }
      await persistSync({ for: base, revision, completedAt: new Date().toISOString(), pendingDeletes: syncState.pendingDeletes });
      deps.onHealth(false);
      return { ok: true, pages, records, deleted, revision, resumed };
    } catch (e) {
      await deps.onFailure(e, '/v1/dictionary');
      if (!(e instanceof SourceError && e.kind === 'aborted')) deps.onHealth(true);
      return { ok: false, pages, records, deleted, resumed, error: scrubSecrets(errorMessage(e)) };
    }
  }

  return {
    sync(o = {}) {
      syncing ??= runSync(o).finally(() => (syncing = null));
      return syncing;
    },
    get syncing() {
      return !!syncing;
    },
    state() {
      return syncState;
    },
    async ready() {
      const s = await remoteSyncItem.getValue();
      syncState = s.for === base ? s : {};
    },
  };
}
