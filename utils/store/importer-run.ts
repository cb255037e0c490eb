/**
 * One import, all or nothing (store.design.md): clear the inactive slot,
 * read every input through validation (importer-validate.ts) and reference
 * checks (importer-references.ts) into that slot (importer-stage.ts), resolve
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
import { locator, validateRecord } from './importer-validate';
import { References } from './importer-references';
import { clearSlot, Staging } from './importer-stage';
import { commitMerge, commitReplace } from './importer-commit';
import type { ProgressReporter } from './importer-progress';

/** One input: a name for errors, and its raw records a batch at a time. */
export interface Input {
  name: string;
  records: (errors: ErrorList) => AsyncIterable<RawRecord[]>;
}

/** Reads records: validates them, tracks their references, stages them. */
class Importer {
  readonly errors = new ErrorList();
  readonly refs = new References();
  readonly stage: Staging;
  records = 0;

  constructor(stage: SlotTables, mode: ImportMode, refTime: number) {
    this.stage = new Staging(stage, this.errors, refTime, mode === 'replace');
  }

  add(raw: RawRecord, file: string): void {
    this.records++;
    const loc = locator(raw, file);
    const valid = validateRecord(raw, loc, this.errors);
    if (!valid) return;
    const { refs, stage } = this;
    switch (valid.type) {
      case 'person': {
        const p = valid.record;
        refs.define('person', p.id);
        if (p.email) refs.personEmail(p.email, p.id);
        refs.ref('person', p.managerId, 'managerId', loc);
        for (const s of p.skills ?? []) refs.ref('topic', s, 'skills', loc);
        return stage.put(stage.people, p);
      }
      case 'account': {
        const a = valid.record;
        refs.define('account', a.id);
        refs.ref('person', a.ownerId, 'ownerId', loc);
        const owner = refs.ownerByEmail(a.id, a.ownerId, raw.value.ownerEmail, loc);
        if (owner) a.ownerId = owner;
        return stage.put(stage.accounts, toStoredAccount(a));
      }
      case 'contact': {
        const c = valid.record;
        refs.define('contact', c.id);
        refs.ref('account', c.accountId, 'accountId', loc);
        return stage.put(stage.contacts, toStoredContact(c));
      }
      case 'topic':
        refs.define('topic', valid.record.id);
        return stage.put(stage.topics, toStoredTopic(valid.record));
      case 'interaction': {
        const i = valid.record;
        if (!i.accountId && !i.contactId && !i.topicIds?.length) {
          this.errors.add(err.needsTarget(loc()));
          return;
        }
        refs.ref('person', i.personId, 'personId', loc);
        refs.ref('account', i.accountId, 'accountId', loc);
        refs.ref('contact', i.contactId, 'contactId', loc);
        for (const tid of i.topicIds ?? []) refs.ref('topic', tid, 'topicIds', loc);
        return stage.addInteraction(i);
      }
    }
  }

  /** Resolves what could only be checked at the end; adds errors. */
  async resolve(live: SlotTables | null): Promise<void> {
    await this.stage.drain(true);
    const patches = await this.refs.resolve(live, this.errors);
    if (!this.errors.any && patches.length) await this.stage.patchOwners(patches);
  }

  counts(): GraphCounts {
    const { ids } = this.refs;
    return { people: ids.person.size, accounts: ids.account.size, contacts: ids.contact.size, topics: ids.topic.size, interactions: this.stage.interactions };
  }

  get duplicates(): number {
    return this.refs.duplicates + this.stage.duplicates;
  }
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
    const imp = new Importer(stage, mode, started);
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
        await commitMerge(live, stage, started, meta, opts.neverLoosen);
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
