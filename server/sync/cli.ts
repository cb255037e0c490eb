/**
 * The sync's commands (server/main.ts wires them):
 * `build-graph --out FILE [--config FILE] [--data DIR]` and
 * `connectors report|pins|pin|unpin|runs|sync …`. Each returns an exit code
 * and writes to the given output (tests read it).
 */
import type { Db } from '../db/database';
import { buildGraph } from './build';
import { buildFromMirrors, runLine, syncAll, type SyncSetup } from './pipeline';
import type { ResolveReport } from './resolve';
import { addPin, listPins, listRuns, PIN_KINDS, removePin, type PinKind } from './store';

export interface Out {
  log: (line: string) => void;
  error: (line: string) => void;
}

/** `--name value` options and the remaining arguments. */
export function options(args: string[], names: string[]): { opts: Record<string, string>; rest: string[]; missing?: string } {
  const opts: Record<string, string> = {};
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const name = args[k].startsWith('--') ? args[k].slice(2) : undefined;
    if (name && names.includes(name)) {
      if (k + 1 >= args.length) return { opts, rest, missing: name };
      opts[name] = args[++k];
    } else rest.push(args[k]);
  }
  return { opts, rest };
}

export async function buildGraphCommand(setup: SyncSetup, out: string, dataDir: string, o: Out): Promise<number> {
  const { runs, graph } = await buildGraph({ setup, out, dataDir });
  for (const r of runs) (r.status === 'ok' ? o.log : o.error)(runLine(r));
  const c = graph.report.counts;
  o.log(`Wrote ${out}: ${c.people} people, ${c.accounts} accounts, ${c.contacts} contacts, ${c.topics} topics, ${c.interactions} interactions.`);
  printReportSummary(graph.report, o);
  return runs.every((r) => r.status === 'ok') ? 0 : 1;
}

export function printReportSummary(r: ResolveReport, o: Out): void {
  o.log(`Identity: ${r.merged.length} customers merged from several systems, ${r.conflicts.length} domain conflicts, ${r.unmatched.accounts.length} accounts in one system only.`);
  o.log(
    `Dropped: ${r.unmatched.interactionsWithoutPerson} interactions of unknown colleagues, ${r.unmatched.interactionsWithoutTarget} without a known customer or topic, ${r.unmatched.externalAddresses} external addresses of no known customer (not stored); governance: ${r.governance.excluded} excluded, ${r.governance.optedOut} opted out, ${r.governance.olderThanLookBack} older than the look-back.`,
  );
  if (r.suggestions.length) o.log(`Vocabulary: ${r.suggestions.length} unmapped terms (see: connectors report).`);
}

function printReport(r: ResolveReport, o: Out): void {
  printReportSummary(r, o);
  for (const m of r.merged) o.log(`  merged   ${m.id} "${m.name}" = ${m.members.join(' + ')} (by ${m.by.join(', ')})`);
  for (const c of r.conflicts) o.log(`  conflict ${c.domain} claimed by ${c.accounts.join(', ')}  (decide: connectors pin domain ${c.domain} <account>)`);
  for (const u of r.unmatched.accounts) o.log(`  alone    ${u.ref} "${u.name}"  (if it is another system's customer: connectors pin merge ${u.ref} <account>)`);
  for (const s of r.suggestions.slice(0, 200)) o.log(`  unmapped ${s.field} = "${s.value}" (${s.count} interactions)`);
}

const PIN_USAGE = 'connectors pin merge <source:id> <source:id> | pin apart <source:id> <source:id> | pin domain <domain> <source:id>';

/** `connectors …` against a database that holds the mirrors (the service's, or build-graph's --data). */
export async function connectorsCommand(db: Db, setup: SyncSetup | undefined, args: string[], o: Out): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'report': {
      if (!setup) return usage(o, 'connectors report needs the connectors file: --config FILE or KENNER_CONNECTORS.');
      const g = await buildFromMirrors(db, setup);
      if (rest.includes('--json')) o.log(JSON.stringify(g.report, null, 2));
      else printReport(g.report, o);
      return 0;
    }
    case 'pins':
      for (const p of await listPins(db)) o.log(`${p.id}\t${p.kind}\t${p.a}\t${p.b}`);
      return 0;
    case 'pin': {
      const [kind, a, b] = rest;
      if (!PIN_KINDS.includes(kind as PinKind) || !a || !b) return usage(o, PIN_USAGE);
      if (kind !== 'domain' && (!a.includes(':') || !b.includes(':'))) return usage(o, `Name accounts as <source>:<source id>, e.g. salesforce:0015g00000ABCDEF. ${PIN_USAGE}`);
      if (kind === 'domain' && !b.includes(':')) return usage(o, `Name the account as <source>:<source id>. ${PIN_USAGE}`);
      await addPin(db, kind as PinKind, kind === 'domain' ? a.toLowerCase() : a, b);
      o.log(`Pinned: ${kind} ${a} ${b}. The next sync obeys it.`);
      return 0;
    }
    case 'unpin': {
      if (!rest[0]) return usage(o, 'connectors unpin <pin id> (see: connectors pins)');
      const ok = await removePin(db, rest[0]);
      (ok ? o.log : o.error)(ok ? `Removed pin ${rest[0]}.` : `No pin ${rest[0]}.`);
      return ok ? 0 : 1;
    }
    case 'runs':
      for (const r of await listRuns(db, { limit: 50 })) {
        o.log(`${r.startedAt}\t${r.source}\t${r.status}${r.error ? ` (${r.error})` : ''}\t${r.pages} pages\t${JSON.stringify(r.counts)}\t${r.requests} requests\t${r.recordsPerSecond ?? '-'} records/s`);
      }
      return 0;
    case 'sync': {
      if (!setup) return usage(o, 'connectors sync needs the connectors file: --config FILE or KENNER_CONNECTORS.');
      const r = await syncAll(db, setup);
      for (const run of r.runs) (run.status === 'ok' ? o.log : o.error)(runLine(run));
      o.log(r.write.ok ? `Graph: ${JSON.stringify(r.write.upserted)} written, ${JSON.stringify(r.write.deleted)} deleted, in ${r.write.ms} ms.` : 'The graph could not be written.');
      return r.write.ok && r.runs.every((x) => x.status === 'ok') ? 0 : 1;
    }
    default:
      return usage(o, `connectors report [--json] | pins | ${PIN_USAGE} | unpin <id> | runs | sync`);
  }
}

function usage(o: Out, text: string): number {
  o.error(text);
  return 1;
}
