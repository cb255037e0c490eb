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
  /**
   * A sync from a remote source (merge mode): it never loosens what the
   * local graph keeps hidden. A colleague stored with `discoverable: false`
   * stays so, whatever the incoming record says (the stricter value wins).
   */
  neverLoosen?: boolean;
  /**
   * Which interactions become evidence (works-council mode: external only,
   * none before `since`), for the time the evidence is written for; the
   * rule of utils/governance/evidence.ts. Absent: all of them.
   */
  evidence?: (refTime: number) => { externalOnly: boolean; since: string | null };
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

/** Every error code the importer emits, besides `invalid-<expected>` (one per EXPECTED code of schema.ts). */
export const BASE_ERROR_CODES = [
  'not-utf8',
  'bad-json',
  'bad-header',
  'bad-version',
  'not-a-record',
  'unknown-type',
  'no-type',
  'missing',
  'needs-target',
  'unknown-person',
  'unknown-account',
  'unknown-contact',
  'unknown-topic',
  'unknown-owner-email',
  'bad-quotes',
  'bad-mapping',
  'unsupported-file',
  'empty',
  'write-failed',
  'not-allowed',
  'line-too-long',
  'unreadable',
] as const;

export type ImportErrorCode = (typeof BASE_ERROR_CODES)[number] | `invalid-${Expected}`;

/**
 * One problem, located: `line` is 1-based (0: the file as a whole), `column`
 * (CSV) is the 1-based position of the column. `code` + `params` say what
 * is wrong: the words are the locale message `import_err_<code>` (dashes as
 * underscores; importErrorKey) with the values of `params`, in order, as its
 * $1, $2, …, placed by the `import_err_place_*` messages (formatImportError
 * in error-text.ts, with any translate function). `message` is that sentence
 * in English, from public/_locales/en/messages.json.
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
