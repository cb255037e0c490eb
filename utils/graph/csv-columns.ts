/**
 * The CSV encoding of the interchange format (docs/graph-format.md): one file
 * per record type, its columns, lists joined by `|`, nested objects as dotted
 * columns. The columns are the schema's fields (RECORD_FIELDS, in schema
 * order). Used by writers (the demo generator's CSV output, tests); the
 * importer reads any column order.
 */
import { RECORD_FIELDS, type RecordOf, type RecordType } from './schema';

export type CsvRecordType = RecordType;

export const CSV_FILES: Record<CsvRecordType, string> = {
  person: 'people.csv',
  account: 'accounts.csv',
  contact: 'contacts.csv',
  topic: 'topics.csv',
  interaction: 'interactions.csv',
};

export const CSV_COLUMNS: Record<CsvRecordType, readonly string[]> = RECORD_FIELDS;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.map(cell).join('|');
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return JSON.stringify(v);
}

/** One CSV row of a record, in the order of CSV_COLUMNS[type]. */
export function csvRow<T extends CsvRecordType>(type: T, record: RecordOf[T]): string[] {
  const r: Readonly<Record<string, unknown>> = record;
  return CSV_COLUMNS[type].map((col) => {
    const dot = col.indexOf('.');
    if (dot === -1) return cell(r[col]);
    const obj = r[col.slice(0, dot)];
    return obj !== null && typeof obj === 'object' ? cell((obj as Readonly<Record<string, unknown>>)[col.slice(dot + 1)]) : '';
  });
}
