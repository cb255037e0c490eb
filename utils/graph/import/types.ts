import type { GraphCounts, GraphMeta } from '../model';
import type { Expected, RecordType } from '../schema';

/** One input file: its text, in chunks (never the whole file as one string). */
export interface ImportFile {
  name: string;
  /** Size in bytes, for progress. */
  size?: number;
  chunks: AsyncIterable<string>;
}

/**
 * Column mapping of one CSV file (a CRM report export): target field →
 * source column, e.g. `{ name: 'Account Name', domains: 'Website',
 * ownerEmail: 'Account Owner Email', id: 'Account ID',
 * 'externalIds.salesforce': 'Account ID' }`. Target fields are those of
 * RECORD_FIELDS (dotted for nested ones) plus `ownerEmail` (accounts: the
 * owner's email, turned into `ownerId` by looking the colleague up).
 * Either that plain object, or `{ type, columns }` where `type` names the
 * record type of the file when neither a `type` column nor the file name
 * tells it.
 */
export type ColumnMapping = Record<string, string> | { type?: RecordType; columns: Record<string, string> };

export type ImportMode = 'replace' | 'merge';

export interface ImportOptions {
  mode?: ImportMode;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** File name → column mapping (CSV only). */
  mappings?: Record<string, ColumnMapping>;
  source?: GraphMeta['source'];
}

export type ImportPhase = 'reading' | 'checking' | 'writing' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** The file being read. */
  file?: string;
  /** Records read so far (all files). */
  records: number;
  bytesRead: number;
  /** Sum of the known file sizes (bytes), if every size is known. */
  bytesTotal?: number;
  /** bytesRead / bytesTotal (0–1), when the total is known. */
  fraction?: number;
  elapsedMs: number;
  /** Estimated time left, from bytes read so far. */
  etaMs?: number;
}

export type ImportErrorCode =
  | 'not-utf8'
  | 'bad-json'
  | 'bad-header'
  | 'bad-version'
  | 'not-a-record'
  | 'unknown-type'
  | 'no-type'
  | 'missing'
  | `invalid-${Expected}`
  | 'needs-target'
  | 'unknown-person'
  | 'unknown-account'
  | 'unknown-contact'
  | 'unknown-topic'
  | 'unknown-owner-email'
  | 'bad-quotes'
  | 'bad-mapping'
  | 'unsupported-file'
  | 'empty'
  | 'write-failed'
  | 'not-allowed';

/**
 * One problem, located: `line` is 1-based (0: the file as a whole), `column`
 * (CSV) is the 1-based position of the column. `message` is the English
 * sentence with its place; `code` + `params` let the UI say what is wrong
 * in the user's language: the locale key is `import_err_<code>` (dashes as
 * underscores) and the values of `params`, in order, are its $1, $2, ….
 */
export interface ImportError {
  file: string;
  line: number;
  column?: number;
  field?: string;
  code: ImportErrorCode;
  message: string;
  params: Record<string, string | number>;
}

export interface ImportResult {
  ok: boolean;
  counts?: GraphCounts;
  /** Records whose id an earlier record of the same import already had (the later one won). */
  duplicates?: number;
  errors?: ImportError[];
  cancelled?: boolean;
  meta?: GraphMeta;
}

export type { RecordType };
