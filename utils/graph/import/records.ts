/** What a parser hands the importer: one raw record and where it came from. */
export interface RawRecord {
  /** The record's type: from its "type" field, its JSON array, or its CSV file. */
  type: unknown;
  value: Record<string, unknown>;
  /** 1-based line where the record starts. */
  line: number;
  /** CSV: 1-based column of each field (top-level name or dotted path). */
  columns?: ReadonlyMap<string, number>;
}
