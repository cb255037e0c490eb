/**
 * Binds the CSV mapping step to the importer's pure header sniffer
 * (sniffCsvHeader in utils/graph/import/csv.ts: papaparse only, never the
 * graph store). Loaded on demand, when CSV files are chosen.
 */
import { setCsvSniffer, type CsvHeaderInfo } from './csv-plan';

/** Reads enough of a file for its header row and a first data row. */
async function head(file: File, bytes = 64 * 1024): Promise<string> {
  return file.slice(0, bytes).text();
}

/** The sniffer's answer in the page's terms. */
export function toHeaderInfo(raw: { columns: string[]; type?: CsvHeaderInfo['type']; needsMapping: boolean; suggestedMapping: Record<string, string> }): CsvHeaderInfo {
  return { columns: raw.columns, type: raw.type, matches: !raw.needsMapping, suggested: raw.suggestedMapping };
}

export function bindImporter(): void {
  setCsvSniffer(async (file) => {
    const { sniffCsvHeader } = await import('@/utils/graph/import/csv');
    return toHeaderInfo(sniffCsvHeader(await head(file), file.name));
  });
}
