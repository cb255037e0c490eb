/**
 * The options page's view of the graph-store engineer's import port
 * (utils/messaging/import-port.ts) and CSV header sniffer. Kept in one place
 * so the page depends on the shape it uses, not on the importer's internals.
 */
import type { GraphCounts } from '@/utils/graph/model';

export type ImportMode = 'replace' | 'merge';

export interface ImportProgressLike {
  /** Records read so far. */
  records?: number;
  /** 0–1 when known. */
  fraction?: number;
  bytesRead?: number;
  totalBytes?: number;
  /** Milliseconds left, when the importer estimates it. */
  etaMs?: number;
  file?: string;
  phase?: string;
}

export interface ImportIssueLike {
  file?: string;
  line?: number;
  column?: number;
  field?: string;
  code?: string;
  message?: string;
  params?: Record<string, string | number> | Array<string | number>;
}

export interface ImportResultLike {
  ok: boolean;
  counts?: GraphCounts;
  duplicates?: number;
  errors?: Array<string | ImportIssueLike>;
  cancelled?: boolean;
}

export interface ImportHandle {
  done: Promise<ImportResultLike>;
  cancel(): void;
}

export type StartImport = (
  files: File[],
  opts: { mode?: ImportMode; mappings?: unknown; onProgress?: (p: ImportProgressLike) => void },
) => ImportHandle;

type Loader = () => Promise<unknown>;
// Resolved lazily so that the page builds before the port lands and the import code is not in the first paint.
const ports = import.meta.glob('/utils/messaging/import-port.ts') as Record<string, Loader>;

export async function loadStartImport(): Promise<StartImport | null> {
  const load = ports['/utils/messaging/import-port.ts'];
  if (!load) return null;
  const mod = (await load()) as { startImport?: StartImport };
  return mod.startImport ?? null;
}
