/**
 * Import errors in the format's words: where (file, line, column, field) and
 * what, as an English sentence plus code + params for the locale files
 * (`import_err_<code>`, params in placeholder order).
 */
import { EXPECTED_TEXT, type Expected, type RecordType } from '../schema';
import type { ImportError, ImportErrorCode } from './types';

export const MAX_ERRORS = 20;

export interface Loc {
  file: string;
  /** 1-based; 0: the file as a whole. */
  line: number;
  column?: number;
}

/** What is wrong, without the place: English text per code, $1… from params in order. */
const WHAT: Record<string, string> = {
  'not-utf8': '$1 is not UTF-8; it looks like Windows-1252: save it as UTF-8',
  'bad-json': 'this is not valid JSON ($1)',
  'bad-header': 'this is not a Kenner graph: it must begin with {"format":"kenner-graph","version":1}',
  'bad-version': '"version" holds "$1", which is not a version this Kenner reads ($2)',
  'not-a-record': 'this is not a record (an object with named fields)',
  'unknown-type': '"type" holds "$1", which is not one of person, account, contact, topic, interaction',
  'no-type':
    'the record type is unknown: name the file people.csv, accounts.csv, contacts.csv, topics.csv or interactions.csv, or add a "type" column',
  missing: '"$1" is missing',
  'needs-target': 'an interaction needs at least one of "accountId", "contactId" or "topicIds"',
  'unknown-person': '"$1" refers to "$2", but no person has that id',
  'unknown-account': '"$1" refers to "$2", but no account has that id',
  'unknown-contact': '"$1" refers to "$2", but no contact has that id',
  'unknown-topic': '"$1" refers to "$2", but no topic has that id',
  'unknown-owner-email': '"$1" holds "$2", but no colleague has that email',
  'bad-quotes': 'a quoted value is not closed',
  'bad-mapping': 'the column mapping takes "$2" from the column "$1", which the file does not have',
  'unsupported-file': 'Kenner reads .json, .jsonl, .ndjson and .csv files',
  empty: 'the import holds no records',
  'write-failed': 'the graph could not be saved ($1)',
  'not-allowed': "importing is switched off by your organisation's administrator",
};
for (const [k, v] of Object.entries(EXPECTED_TEXT)) WHAT[`invalid-${k}`] = `"$1" holds "$2", which is not ${v}`;

/** Every error code the importer emits. */
export const ERROR_CODES = Object.keys(WHAT) as ImportErrorCode[];

export function whatText(code: ImportErrorCode, params: Record<string, string | number>): string {
  const values = Object.values(params);
  return (WHAT[code] ?? code).replace(/\$(\d)/g, (_, n: string) => String(values[Number(n) - 1] ?? ''));
}

/** Values in messages are cut so that one bad cell cannot flood the list. */
export function shown(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

export function makeError(loc: Loc, code: ImportErrorCode, params: Record<string, string | number> = {}, field?: string): ImportError {
  const what = whatText(code, params);
  let message: string;
  if (code === 'not-utf8') message = loc.line > 0 ? `${what} (first at line ${loc.line})` : what;
  else message = `${loc.line > 0 ? `${loc.file} line ${loc.line}` : loc.file}: ${what}${loc.column ? ` (column ${loc.column})` : ''}`;
  const e: ImportError = { file: loc.file, line: loc.line, code, message, params };
  if (loc.column) e.column = loc.column;
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
  invalid: (loc: Loc, field: string, value: unknown, expected: Expected) =>
    makeError(loc, `invalid-${expected}`, { field, value: shown(value) }, field),
  needsTarget: (loc: Loc) => makeError(loc, 'needs-target'),
  unknownRef: (loc: Loc, field: string, id: string, kind: Exclude<RecordType, 'interaction'>) =>
    makeError(loc, `unknown-${kind}`, { field, id: shown(id) }, field),
  unknownOwnerEmail: (loc: Loc, field: string, email: string) => makeError(loc, 'unknown-owner-email', { field, value: shown(email) }, field),
  badQuotes: (loc: Loc) => makeError(loc, 'bad-quotes'),
  badMapping: (loc: Loc, column: string, field: string) => makeError(loc, 'bad-mapping', { column, field }, field),
  unsupportedFile: (loc: Loc) => makeError(loc, 'unsupported-file'),
  empty: (loc: Loc) => makeError(loc, 'empty'),
  writeFailed: (loc: Loc, detail: string) => makeError(loc, 'write-failed', { detail }),
  notAllowed: (loc: Loc) => makeError(loc, 'not-allowed'),
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
