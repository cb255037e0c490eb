/**
 * Which chosen CSV files need the column-mapping step (pure and small: the
 * step's UI and the format's schema load only when a file needs them).
 */
import type { RecordType } from '@/utils/graph/schema';

/** What the page needs to know about one CSV file's header (from the importer's sniffCsvHeader). */
export interface CsvHeaderInfo {
  columns: string[];
  /** The record type, when a type column, the file name or the columns tell it. */
  type?: RecordType;
  /** True when the header follows the format and no mapping is needed. */
  matches: boolean;
  /** Suggested field → column. */
  suggested?: Record<string, string>;
}

export interface CsvFilePlan {
  file: File;
  info: CsvHeaderInfo;
}

export interface CsvMappingPlan {
  /** Every selected file (mapped or not), in the order chosen. */
  files: File[];
  /** The CSV files that need a mapping. */
  csv: CsvFilePlan[];
}

/** fileName → the record type and field → column chosen (the importer's ColumnMapping). */
export type CsvMappings = Record<string, { type: RecordType; columns: Record<string, string> }>;

export type SniffCsv = (file: File) => Promise<CsvHeaderInfo>;

let sniffer: SniffCsv | null | undefined;
/** Set by the importer binding (or a test). */
export function setCsvSniffer(fn: SniffCsv | null) {
  sniffer = fn;
}

/** The plan for the mapping step, or null when every file can be imported as is. */
export async function prepareCsvMapping(files: File[], sniff: SniffCsv | null | undefined = sniffer): Promise<CsvMappingPlan | null> {
  if (!sniff) return null;
  const csv: CsvFilePlan[] = [];
  for (const file of files) {
    if (!/\.csv$/i.test(file.name)) continue;
    const info = await sniff(file);
    if (!info.matches) csv.push({ file, info });
  }
  return csv.length ? { files, csv } : null;
}

