/**
 * Binds the CSV mapping step to the importer's pure header sniffer
 * (sniffCsvHeader in utils/graph/import/). Only pure parsing helpers are
 * loaded here, never the graph store.
 */
import { setCsvSniffer, type CsvHeaderInfo, type RecordType } from './CsvMapping';

type Loader = () => Promise<Record<string, unknown>>;
const modules = import.meta.glob('/utils/graph/import/*.ts') as Record<string, Loader>;

/** Reads enough of a file for its header row. */
async function head(file: File, bytes = 64 * 1024): Promise<string> {
  return file.slice(0, bytes).text();
}

/** Normalises whatever shape the sniffer returns into what the page needs. */
export function toHeaderInfo(raw: any): CsvHeaderInfo {
  const columns: string[] = raw?.columns ?? raw?.header ?? raw?.headers ?? [];
  const type: RecordType | undefined = raw?.type ?? raw?.recordType ?? undefined;
  const matches: boolean = Boolean(raw?.matches ?? raw?.known ?? raw?.ok ?? raw?.recognised ?? raw?.recognized ?? false);
  const suggested: Record<string, string> | undefined = raw?.suggested ?? raw?.suggestions ?? raw?.mapping ?? undefined;
  return { columns, type, matches, suggested };
}

export function bindImporter(): void {
  const entry = Object.entries(modules).find(([path]) => /sniff|csv/i.test(path));
  if (!entry) return;
  const load = entry[1];
  setCsvSniffer(async (file) => {
    const mod = await load();
    const sniff = mod.sniffCsvHeader as ((text: string, fileName: string) => unknown) | undefined;
    if (!sniff) return { columns: [], matches: true };
    return toHeaderInfo(await sniff(await head(file), file.name));
  });
}
