/**
 * Validation of one raw record: its type, then the record schema of
 * utils/graph/schema.ts (ordinary interactions by fastInteraction first,
 * which answers as the schema does or declines). Problems become located
 * errors in the format's words; a valid record comes back typed, without
 * absent fields. References between records are checked by
 * references.ts (pure: shared by the extension's importer and the company graph service).
 */
import type { z } from 'zod';
import { accountSchema, contactSchema, fastInteraction, interactionSchema, isExpected, isRecordType, personSchema, topicSchema, type RecordOf, type RecordType } from '../schema';
import { err, type ErrorList, type Loc } from './errors';
import type { RawRecord } from './records';

/** A record that passed its schema, with its type. */
export type ValidRecord = { [T in RecordType]: { type: T; record: RecordOf[T] } }[RecordType];

/** Where a field of the record is (its column, for CSV); the record's line without a field. */
export type Locate = (field?: string) => Loc;

export function locator(raw: RawRecord, file: string): Locate {
  return (field) => {
    const column = field ? (raw.columns?.get(field) ?? raw.columns?.get(field.split('.')[0])) : undefined;
    return column ? { file, line: raw.line, column } : { file, line: raw.line };
  };
}

/** Drops absent fields (and objects left empty), in place. */
function clean<T extends object>(o: T): T {
  for (const k of Object.keys(o)) {
    const v: unknown = Reflect.get(o, k);
    if (v === undefined) Reflect.deleteProperty(o, k);
    else if (v && typeof v === 'object' && !Array.isArray(v)) {
      clean(v);
      if (Object.keys(v).length === 0) Reflect.deleteProperty(o, k);
    }
  }
  return o;
}

/** Checks one record; reports what is wrong and returns undefined, or returns the typed record. */
export function validateRecord(raw: RawRecord, loc: Locate, errors: ErrorList): ValidRecord | undefined {
  const type = typeof raw.type === 'string' ? raw.type.trim() : raw.type;
  if (type === undefined || type === null || type === '') {
    errors.add(err.missing(loc('type'), 'type'));
    return undefined;
  }
  if (!isRecordType(type)) {
    errors.add(err.unknownType(loc('type'), type));
    return undefined;
  }
  const failed = (e: z.ZodError) => {
    for (const issue of e.issues) reportIssue(issue, raw, loc, errors);
    return undefined;
  };
  // A case per record type keeps each record's own type (no cast); the cases look alike by design.
  switch (type) {
    case 'person': {
      const r = personSchema.safeParse(raw.value);
      return r.success ? { type, record: clean(r.data) } : failed(r.error);
    }
    case 'account': {
      const r = accountSchema.safeParse(raw.value);
      return r.success ? { type, record: clean(r.data) } : failed(r.error);
    }
    case 'contact': {
      const r = contactSchema.safeParse(raw.value);
      return r.success ? { type, record: clean(r.data) } : failed(r.error);
    }
    case 'topic': {
      const r = topicSchema.safeParse(raw.value);
      return r.success ? { type, record: clean(r.data) } : failed(r.error);
    }
    case 'interaction': {
      const fast = fastInteraction(raw.value);
      if (fast) return { type, record: fast };
      const r = interactionSchema.safeParse(raw.value);
      return r.success ? { type, record: clean(r.data) } : failed(r.error);
    }
  }
}

/** The limit a too-long value broke (zod's `maximum`, or the `params` of a custom check). */
function maximumOf(issue: { maximum?: unknown; params?: { maximum?: unknown } }): number | undefined {
  const m = issue.maximum ?? issue.params?.maximum;
  return typeof m === 'number' ? m : typeof m === 'bigint' ? Number(m) : undefined;
}

/** One zod issue as an import error: "missing" when the value is absent, else invalid-<expected> with the value. */
function reportIssue(issue: { path: PropertyKey[]; message: string; maximum?: unknown; params?: { maximum?: unknown } }, raw: RawRecord, loc: Locate, errors: ErrorList): void {
  const path = issue.path.map(String);
  const numeric = path.findIndex((p) => /^\d+$/.test(p));
  const fieldPath = numeric === -1 ? path : path.slice(0, numeric);
  const field = fieldPath.join('.') || '?';
  let value: unknown = raw.value;
  for (const p of fieldPath) value = value && typeof value === 'object' ? Reflect.get(value, p) : undefined;
  if (numeric !== -1) {
    const idx = Number(path[numeric]);
    const list: unknown[] = typeof value === 'string' ? value.split('|').map((s) => s.trim()).filter(Boolean) : Array.isArray(value) ? value : [value];
    value = list[idx];
  }
  const absent = value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
  if (absent) errors.add(err.missing(loc(field), field));
  else errors.add(err.invalid(loc(field), field, value, isExpected(issue.message) ? issue.message : 'text', maximumOf(issue)));
}
