/**
 * Import errors as data: where (file, line, column, field), a code and its
 * params (in the placeholder order of the locale message
 * `import_err_<code>`). The words are the locale files' (error-text.ts);
 * `message` is the English sentence.
 */
import type { Expected, RecordType } from '../schema';
import { formatImportError } from './error-text';
import type { ImportError, ImportErrorCode } from './types';

export const MAX_ERRORS = 20;

/**
 * The longest line (NDJSON), record (JSON array element) or row (CSV) read:
 * 1 MB of text. A longer one ends the file's reading with an error instead
 * of growing a buffer without bound (a file of one endless line).
 */
export const MAX_RECORD_CHARS = 1 << 20;

export interface Loc {
  file: string;
  /** 1-based; 0: the file as a whole. */
  line: number;
  column?: number;
}

/** Values in messages are cut so that one bad cell cannot flood the list. */
function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) as string | undefined) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

function makeError(loc: Loc, code: ImportErrorCode, params: Record<string, string | number> = {}, field?: string): ImportError {
  const e: ImportError = { file: loc.file, line: loc.line, code, message: '', params };
  if (loc.column) e.column = loc.column;
  e.message = formatImportError(e);
  if (field !== undefined) e.field = field;
  return e;
}

export const err = {
  notUtf8: (loc: Loc) => makeError(loc, 'not-utf8', { file: loc.file }),
  badJson: (loc: Loc, detail: string) => makeError(loc, 'bad-json', { detail }),
  badHeader: (loc: Loc) => makeError(loc, 'bad-header'),
  badVersion: (loc: Loc, value: unknown) => makeError(loc, 'bad-version', { value: shown(value), supported: 1 }, 'version'),
  notARecord: (loc: Loc) => makeError(loc, 'not-a-record'),
  unknownType: (loc: Loc, value: unknown) => makeError(loc, 'unknown-type', { value: shown(value) }, 'type'),
  noType: (loc: Loc) => makeError(loc, 'no-type'),
  missing: (loc: Loc, field: string) => makeError(loc, 'missing', { field }, field),
  invalid: (loc: Loc, field: string, value: unknown, expected: Expected, max?: number) =>
    makeError(loc, `invalid-${expected}`, expected === 'length' ? { field, value: shown(value), max: max ?? '?' } : { field, value: shown(value) }, field),
  needsTarget: (loc: Loc) => makeError(loc, 'needs-target'),
  unknownRef: (loc: Loc, field: string, id: string, kind: Exclude<RecordType, 'interaction'>) =>
    makeError(loc, `unknown-${kind}`, { field, id: shown(id) }, field),
  unknownOwnerEmail: (loc: Loc, field: string, email: string) => makeError(loc, 'unknown-owner-email', { field, value: shown(email) }, field),
  badQuotes: (loc: Loc) => makeError(loc, 'bad-quotes'),
  badMapping: (loc: Loc, column: string, field: string) => makeError(loc, 'bad-mapping', { column, field }, field),
  unsupportedFile: (loc: Loc) => makeError(loc, 'unsupported-file'),
  empty: (loc: Loc) => makeError(loc, 'empty'),
  writeFailed: (loc: Loc, detail: string) => makeError(loc, 'write-failed', { detail }),
  unreadable: (loc: Loc, detail: string) => makeError(loc, 'unreadable', { detail }),
  notAllowed: (loc: Loc) => makeError(loc, 'not-allowed'),
  lineTooLong: (loc: Loc) => makeError(loc, 'line-too-long', { max: MAX_RECORD_CHARS / (1 << 20) }),
};

/** Thrown to stop reading once MAX_ERRORS are collected. */
export class TooManyErrors extends Error {
  constructor() {
    super('too many errors');
  }
}

export class ErrorList {
  readonly items: ImportError[] = [];
  get full(): boolean {
    return this.items.length >= MAX_ERRORS;
  }
  get any(): boolean {
    return this.items.length > 0;
  }
  /** Adds an error; throws TooManyErrors when the list is full. */
  add(e: ImportError): void {
    if (this.items.length < MAX_ERRORS) this.items.push(e);
    if (this.items.length >= MAX_ERRORS) throw new TooManyErrors();
  }
}
