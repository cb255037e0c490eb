/**
 * The import parsers' public API (pure). The importer that writes the store
 * is utils/store/importer.ts (background only).
 */
export { sniffCsvHeader, type CsvHeaderInfo } from './csv';
export type { ColumnMapping, ImportError, ImportErrorCode, ImportFile, ImportMode, ImportOptions, ImportProgress, ImportResult } from './types';
export { MAX_ERRORS } from './errors';
