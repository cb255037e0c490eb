/**
 * The importer's public API. importGraph/importGraphObject write the store
 * (background only); sniffCsvHeader and the types are pure.
 */
export { importGraph, importGraphObject, importGraphRecords } from './importer';
export { sniffCsvHeader, type CsvHeaderInfo } from './csv';
export type { ColumnMapping, ImportError, ImportErrorCode, ImportFile, ImportMode, ImportOptions, ImportProgress, ImportResult } from './types';
export { MAX_ERRORS } from './errors';
