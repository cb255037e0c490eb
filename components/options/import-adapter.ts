/**
 * The options page's view of the import port (utils/messaging/import-port.ts:
 * startImport streams the files to the background importer). The page
 * depends on the shape it uses, not on the importer's internals.
 */
import type { GraphCounts } from '@/utils/graph/model';
import type { RecordType } from '@/utils/graph/schema';

export type ImportMode = 'replace' | 'merge';

export interface ImportProgressLike {
  /** Records read so far. */
  records?: number;
  /** 0–1 when known. */
  fraction?: number;
  bytesRead?: number;
  bytesTotal?: number;
  elapsedMs?: number;
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
  opts: { mode?: ImportMode; mappings?: Record<string, { type?: RecordType; columns: Record<string, string> }>; onProgress?: (p: ImportProgressLike) => void },
) => ImportHandle;

/** The import port, loaded when the user picks files (not needed for the first paint). */
export async function loadStartImport(): Promise<StartImport> {
  const { startImport } = await import('@/utils/messaging/import-port');
  return startImport;
}
