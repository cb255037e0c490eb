/**
 * One import, all or nothing (store.design.md): clear the inactive slot,
 * read every input through the shared checks (utils/graph/import/check.ts: validation
 * and references) into that slot (importer-stage.ts), resolve
 * what only the end can tell, and only without error commit
 * (importer-commit.ts). Whatever is inactive afterwards is cleared.
 */
import { db, newRevision, notifyGraphChanged, withGraphWriteLock, type Slot, type SlotTables } from './db';
import { toStoredAccount, toStoredContact, toStoredTopic } from './keys';
import type { GraphCounts, GraphMeta } from '../graph/model';
import { err, ErrorList, MAX_ERRORS, TooManyErrors } from '../graph/import/errors';
import type { RawRecord } from '../graph/import/records';
import { Cancelled, FileAbandoned } from '../graph/import/text';
import type { ImportError, ImportMode, ImportOptions, ImportResult } from '../graph/import/types';
import { RecordChecker } from '../graph/import/check';
import type { LiveIds } from '../graph/import/references';
import type { Table } from 'dexie';
import { clearSlot, Staging } from './importer-stage';
import { commitMerge, commitReplace } from './importer-commit';
import type { EvidenceRule } from '../governance/evidence';
import type { ProgressReporter } from './importer-progress';

/** One input: a name for errors, and its raw records a batch at a time. */
export interface Input {
  name: string;
  records: (errors: ErrorList) => AsyncIterable<RawRecord[]>;
}

/** Reads records through the shared checks (utils/graph/import/check.ts) into the staging slot. */
class Importer {
  readonly stage: Staging;
  readonly check: RecordChecker;

  constructor(stage: SlotTables, mode: ImportMode, refTime: number, rule?: EvidenceRule) {
    const errors = new ErrorList();
    const staging = new Staging(stage, errors, refTime, mode === 'replace', rule);
    this.stage = staging;
    this.check = new RecordChecker(
      {
        person: (p) => staging.put(staging.people, p),
        account: (a) => staging.put(staging.accounts, toStoredAccount(a)),
        contact: (c) => staging.putContact(toStoredContact(c)),
        topic: (t) => staging.put(staging.topics, toStoredTopic(t)),
        interaction: (i) => staging.addInteraction(i),
        get interactions() {
          return staging.interactions;
        },
      },
      errors,
    );
  }

  get errors(): ErrorList {
    return this.check.errors;
  }

  get records(): number {
    return this.check.records;
  }

  add(raw: RawRecord, file: string): void {
    this.check.add(raw, file);
  }

  /** Resolves what could only be checked at the end; adds errors. */
  async resolve(live: SlotTables | null): Promise<void> {
    await this.stage.drain(true);
    this.stage.endOfInput();
    const patches = await this.check.resolve(live ? liveIdsOf(live) : null);
    if (!this.errors.any && patches.length) await this.stage.patchOwners(patches);
  }

  counts(): GraphCounts {
    return this.check.counts();
  }

  get duplicates(): number {
    return this.check.refs.duplicates + this.stage.duplicates;
  }
}

/** The live slot as the shared reference checks ask it (merge mode). */
function liveIdsOf(live: SlotTables): LiveIds {
  const tableOf = { person: live.people, account: live.accounts, contact: live.contacts, topic: live.topics } as const;
  return {
    async held(kind, ids) {
      const found = await (tableOf[kind] as Table<unknown, string>).bulkGet([...ids]);
      return new Set(ids.filter((_, j) => found[j] !== undefined));
    },
    async personIdByEmail(email) {
      return (await live.people.where('email').equals(email).first())?.id;
    },
  };
}

export function runImport(inputs: Input[], opts: ImportOptions, fileNames: string[], started: number, progress: ProgressReporter): Promise<ImportResult> {
  const mode: ImportMode = opts.mode ?? 'replace';
  return withGraphWriteLock(async (): Promise<ImportResult> => {
    if (!db.isOpen()) await db.open();
    const liveSlot: Slot = db.slot;
    const stageSlot: Slot = liveSlot === 'a' ? 'b' : 'a';
    const live = db.tablesOf(liveSlot);
    const stage = db.tablesOf(stageSlot);
    await clearSlot(stage);
    const rule = opts.evidence?.(started);
    const imp = new Importer(stage, mode, started, rule);
    let committed = false;
    try {
      progress.emit('reading', true);
      for (const input of inputs) {
        try {
          for await (const batch of input.records(imp.errors)) {
            if (opts.signal?.aborted) throw new Cancelled();
            for (const r of batch) imp.add(r, input.name);
            progress.records = imp.records;
            progress.emit('reading');
            await imp.stage.drain();
          }
        } catch (e) {
          if (!(e instanceof FileAbandoned)) throw e;
        }
      }
      progress.emit('checking', true);
      await imp.resolve(mode === 'merge' ? live : null);
      if (!imp.errors.any && imp.records === 0) imp.errors.add(err.empty({ file: fileNames.join(', ') || 'graph', line: 0 }));
      if (imp.errors.any) return failed(imp.errors.items);
      if (opts.signal?.aborted) throw new Cancelled();
      await imp.stage.dedupeInteractions();
      progress.emit('writing', true);
      const meta: GraphMeta = {
        source: opts.source ?? 'import',
        loadedAt: new Date().toISOString(),
        counts: imp.counts(),
        revision: newRevision(),
      };
      if (fileNames.length) meta.files = fileNames;
      if (mode === 'replace') {
        await imp.stage.writeEdges();
        if (opts.signal?.aborted) throw new Cancelled();
        // The flip: one small transaction makes the staged slot the live one.
        await commitReplace(stageSlot, meta);
      } else {
        if (opts.signal?.aborted) throw new Cancelled();
        await commitMerge(live, stage, started, meta, opts.neverLoosen, rule);
      }
      committed = true;
      progress.emit('done', true);
      notifyGraphChanged(meta);
      return { ok: true, counts: meta.counts, duplicates: imp.duplicates, meta };
    } catch (e) {
      if (e instanceof Cancelled) return { ok: false, cancelled: true };
      if (e instanceof TooManyErrors) return failed(imp.errors.items);
      const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      return failed([...imp.errors.items, err.writeFailed({ file: fileNames.join(', ') || 'graph', line: 0 }, detail)].slice(0, MAX_ERRORS));
    } finally {
      // Whatever is now inactive (the old graph after a flip, or a failed or merged staging) is dropped.
      await imp.stage.drain(false).catch(() => undefined);
      await imp.stage.settle();
      await clearSlot(committed && mode === 'replace' ? live : stage).catch(() => undefined);
    }
  });
}

function failed(errors: ImportError[]): ImportResult {
  return { ok: false, errors };
}
