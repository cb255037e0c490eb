/**
 * CSV (.csv): one file per record type; the type from a `type` column, the
 * file name or a column mapping. Parsed with papaparse's own parser, driven
 * chunk by chunk: each chunk is parsed up to its last complete row and the
 * rest (a row cut by the chunk boundary, quoted newlines included) is carried
 * into the next one. `,` `;` or tab delimiter and LF/CRLF line ends are
 * detected from the header row. Pure: safe to load in extension pages
 * (sniffCsvHeader is what the options page's mapping step calls).
 */
import Papa from 'papaparse';
import { RECORD_FIELDS, RECORD_TYPES, REQUIRED_FIELDS, type RecordType } from '../schema';
import { err, type ErrorList } from './errors';
import type { RawRecord } from './records';
import { checkRecordLength, countNewlines } from './text';
import type { ColumnMapping } from './types';

export type Delimiter = ',' | ';' | '\t';

/** Scans the header row (quotes respected): its delimiter and line ending. */
function detectDialect(text: string): { delimiter: Delimiter; newline: '\n' | '\r\n' | '\r' } {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQ = false;
  let newline: '\n' | '\r\n' | '\r' = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQ = !inQ;
    else if (!inQ && (c === ',' || c === ';' || c === '\t')) counts[c]++;
    else if (!inQ && (c === '\n' || c === '\r')) {
      newline = c === '\r' ? (text[i + 1] === '\n' ? '\r\n' : '\r') : '\n';
      break;
    }
  }
  const delimiter = (Object.entries(counts) as Array<[Delimiter, number]>).sort((a, b) => b[1] - a[1])[0];
  return { delimiter: delimiter[1] > 0 ? delimiter[0] : ',', newline };
}

const TYPE_WORDS: Array<[RegExp, RecordType]> = [
  [/^(people|persons?|colleagues?|employees?)$/, 'person'],
  [/^(accounts?|companies|company|customers?)$/, 'account'],
  [/^contacts?$/, 'contact'],
  [/^topics?$/, 'topic'],
  [/^interactions?$/, 'interaction'],
];

/** people.csv → person, "2025 accounts.csv" → account; undefined when the name says nothing. */
export function typeFromFileName(name: string): RecordType | undefined {
  const base = name.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '').toLowerCase();
  for (const word of base.split(/[^a-z]+/).filter(Boolean).reverse()) {
    for (const [re, type] of TYPE_WORDS) if (re.test(word)) return type;
  }
  return undefined;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9.]/g, '');

/** Every field a CSV header may name directly (squashed spelling → canonical dotted path). */
const KNOWN_FIELDS = new Map<string, string>();
for (const t of RECORD_TYPES) for (const f of RECORD_FIELDS[t]) KNOWN_FIELDS.set(squash(f), f);
KNOWN_FIELDS.set('owneremail', 'ownerEmail');
KNOWN_FIELDS.set('type', 'type');

function canonicalField(header: string): string | undefined {
  const h = header.trim();
  const known = KNOWN_FIELDS.get(squash(h));
  if (known) return known;
  const m = /^(externalIds|chat)\.(.+)$/i.exec(h);
  if (m) return `${m[1].toLowerCase() === 'chat' ? 'chat' : 'externalIds'}.${m[2].trim().toLowerCase()}`;
  return undefined;
}

/** Typical column names of CRM report exports (squashed, lower case) → target field, per record type. */
const SYNONYMS: Record<RecordType, Record<string, string[]>> = {
  account: {
    id: ['accountid', 'id', 'recordid', 'companyid', 'accountnumber', 'kundennummer'],
    name: ['accountname', 'name', 'companyname', 'company', 'organization', 'organisation', 'organizationname', 'firmenname', 'firma', 'bedrijfsnaam', 'bedrijf', 'firmanavn', 'foretagsnamn', 'foretag'],
    domains: ['website', 'domain', 'domains', 'companydomainname', 'web', 'webseite', 'webadresse', 'webbplats', 'hjemmeside'],
    industry: ['industry', 'branche', 'bransch', 'sector', 'sektor'],
    country: ['billingcountry', 'country', 'countryregion', 'land', 'shippingcountry', 'addresscountry'],
    ownerEmail: ['accountowneremail', 'owneremail', 'companyowneremail', 'accountowneremailaddress'],
    ownerId: ['ownerid', 'accountownerid'],
    url: ['url', 'recordurl', 'link'],
    'externalIds.salesforce': ['accountid', 'salesforceid', '18digitaccountid', 'accountid18'],
    'externalIds.hubspot': ['recordid', 'companyid', 'hubspotid'],
    'externalIds.dynamics': ['accountguid', 'dynamicsid'],
  },
  contact: {
    id: ['contactid', 'id', 'recordid'],
    name: ['fullname', 'name', 'contactname', 'contact'],
    email: ['email', 'emailaddress', 'e-mail', 'mail', 'emailadresse'],
    accountId: ['accountid', 'companyid', 'associatedcompanyid'],
    title: ['title', 'jobtitle', 'position', 'funktion', 'functie', 'titel'],
  },
  person: {
    id: ['employeeid', 'personid', 'id', 'userid', 'personnelnumber', 'personalnummer'],
    name: ['fullname', 'name', 'employeename', 'displayname'],
    email: ['email', 'workemail', 'emailaddress', 'mail', 'userprincipalname'],
    title: ['title', 'jobtitle', 'position'],
    department: ['department', 'abteilung', 'afdeling', 'avdelning'],
    location: ['location', 'office', 'officelocation', 'standort', 'kantoor', 'kontor'],
    country: ['country', 'land', 'countryregion'],
    managerId: ['managerid', 'manageremployeeid'],
  },
  topic: {
    id: ['topicid', 'id'],
    label: ['label', 'topic', 'name', 'title', 'thema', 'onderwerp', 'emne', 'amne'],
    aliases: ['aliases', 'synonyms', 'keywords'],
    kind: ['kind', 'category'],
  },
  interaction: {
    id: ['interactionid', 'activityid', 'id'],
    personId: ['personid', 'employeeid', 'ownerid', 'userid'],
    kind: ['kind', 'activitytype', 'type'],
    date: ['date', 'activitydate', 'closedate', 'createddate'],
    accountId: ['accountid', 'companyid'],
    contactId: ['contactid'],
    topicIds: ['topicids', 'topics'],
    title: ['title', 'subject', 'opportunityname', 'name'],
  },
};

function findColumn(columns: string[], wanted: string): number {
  const exact = columns.indexOf(wanted);
  if (exact !== -1) return exact;
  const w = squash(wanted);
  return columns.findIndex((c) => squash(c) === w);
}

/** The record type that a set of columns most likely holds. */
function guessTypeFromColumns(columns: string[]): RecordType | undefined {
  const has = (...names: string[]) => names.some((n) => columns.some((c) => squash(c) === n));
  if (has('personid') && has('kind', 'date')) return 'interaction';
  if (has('label')) return 'topic';
  if (has('accountname', 'website', 'domains', 'industry', 'companyname', 'companydomainname', 'accountowneremail', 'owneremail')) return 'account';
  if (has('email', 'emailaddress') && has('accountid', 'companyid', 'associatedcompanyid', 'accountname', 'company')) return 'contact';
  if (has('department', 'managerid', 'skills', 'timezone', 'languages', 'employeeid')) return 'person';
  return undefined;
}

export interface CsvHeaderInfo {
  delimiter: Delimiter;
  columns: string[];
  /** The record type: from a `type` column's first value, the file name, or guessed from the columns. */
  type?: RecordType;
  /** True when the columns do not name the required fields of the type directly. */
  needsMapping: boolean;
  /** Target field → source column, for the mapping step (only columns that exist). */
  suggestedMapping: Record<string, string>;
  /** Same as !needsMapping (the name the options page's adapter reads). */
  matches: boolean;
  /** Same as suggestedMapping (the name the options page's adapter reads). */
  suggested: Record<string, string>;
}

/** Reads the header row of a CSV file (its first chunk) for the options page's mapping step. */
export function sniffCsvHeader(firstChunk: string, fileName = ''): CsvHeaderInfo {
  const text = firstChunk.charCodeAt(0) === 0xfeff ? firstChunk.slice(1) : firstChunk;
  const { delimiter, newline } = detectDialect(text);
  const collect = (ignoreLastRow: boolean) => {
    const rows: string[][] = [];
    const step = (r: { data: string[][] }) => void rows.push(r.data[0]);
    new Papa.Parser({ delimiter, newline, step }).parse(text, 0, ignoreLastRow);
    return rows;
  };
  let rows = collect(true);
  if (rows.length < 2) rows = collect(false);
  const columns = (rows[0] ?? []).map((c) => c.trim());
  const typeCol = columns.findIndex((c) => squash(c) === 'type');
  const typeValue = typeCol !== -1 ? rows[1]?.[typeCol]?.trim() : undefined;
  const type =
    (typeValue && (RECORD_TYPES as readonly string[]).includes(typeValue) ? (typeValue as RecordType) : undefined) ??
    typeFromFileName(fileName) ??
    guessTypeFromColumns(columns);
  const direct = new Set(columns.map(canonicalField).filter(Boolean));
  const needsMapping = !type || REQUIRED_FIELDS[type].some((f) => !direct.has(f));
  const suggestedMapping: Record<string, string> = {};
  if (type) {
    for (const field of [...RECORD_FIELDS[type], ...(type === 'account' ? ['ownerEmail'] : [])]) {
      const directCol = columns.find((c) => canonicalField(c) === field);
      if (directCol) {
        suggestedMapping[field] = directCol;
        continue;
      }
      const syn = SYNONYMS[type][field];
      const col = syn && columns.find((c) => syn.includes(squash(c)));
      if (col) suggestedMapping[field] = col;
    }
  }
  return { delimiter, columns, type, needsMapping, suggestedMapping, matches: !needsMapping, suggested: suggestedMapping };
}

/** Splits a mapping given in either shape into its type and columns. */
function mappingParts(m: ColumnMapping | undefined): { type?: RecordType; columns: Record<string, string> } {
  if (!m) return { columns: {} };
  if (typeof (m as { columns?: unknown }).columns === 'object' && (m as { columns?: unknown }).columns !== null) {
    const mm = m as { type?: RecordType; columns: Record<string, string> };
    return { type: mm.type, columns: mm.columns };
  }
  return { columns: m as Record<string, string> };
}

interface Plan {
  targets: Array<{ path: string; col: number }>;
  typeCol: number;
  fileType?: RecordType;
  columns: Map<string, number>;
}

function makePlan(file: string, header: string[], mapping: ColumnMapping | undefined, errors: ErrorList): Plan | null {
  const { type: mappedType, columns: mapped } = mappingParts(mapping);
  const byTarget = new Map<string, number>();
  let typeCol = -1;
  header.forEach((h, col) => {
    const f = canonicalField(h);
    if (!f) return;
    if (f === 'type') typeCol = col;
    else if (!byTarget.has(f)) byTarget.set(f, col);
  });
  let ok = true;
  for (const [target, source] of Object.entries(mapped)) {
    if (!source) continue;
    const col = findColumn(header, source);
    if (col === -1) {
      errors.add(err.badMapping({ file, line: 1 }, source, target));
      ok = false;
      continue;
    }
    if (target === 'type') typeCol = col;
    else byTarget.set(target, col);
  }
  if (!ok) return null;
  const fileType = mappedType ?? typeFromFileName(file) ?? (typeCol === -1 ? guessTypeFromColumns(header) : undefined);
  if (typeCol === -1 && !fileType) {
    errors.add(err.noType({ file, line: 0 }));
    return null;
  }
  const columns = new Map<string, number>();
  const targets = [...byTarget].map(([path, col]) => {
    columns.set(path, col + 1);
    const top = path.split('.')[0];
    if (!columns.has(top)) columns.set(top, col + 1);
    return { path, col };
  });
  if (typeCol !== -1) columns.set('type', typeCol + 1);
  return { targets, typeCol, fileType, columns };
}

/** Rows of a CSV stream with the line each starts on (blank rows skipped). */
async function* csvRows(file: string, chunks: AsyncIterable<string>, errors: ErrorList): AsyncGenerator<Array<{ row: string[]; line: number }>> {
  let parser: Papa.Parser | null = null;
  let partial = '';
  let line = 1;
  let out: Array<{ row: string[]; line: number }> = [];
  let text = '';
  let prev = 0;
  let nlChar = '\n';
  const onRow = (r: { data: string[][] | string[]; errors: Array<{ code: string }>; meta: { cursor: number } }) => {
    const row = (Array.isArray(r.data[0]) ? r.data[0] : r.data) as string[];
    const start = line;
    line += nlChar === '\n' ? countNewlines(text, prev, r.meta.cursor) : text.slice(prev, r.meta.cursor).split('\r').length - 1;
    prev = r.meta.cursor;
    if (r.errors.length) errors.add(err.badQuotes({ file, line: start }));
    if (row.length === 1 && row[0].trim() === '') return;
    out.push({ row, line: start });
  };
  const run = (final: boolean) => {
    text = partial;
    prev = 0;
    const res = parser!.parse(text, 0, !final) as { meta: { cursor: number } };
    partial = final ? '' : text.slice(res.meta.cursor);
    if (!final && prev !== res.meta.cursor) line += countNewlines(text, prev, res.meta.cursor);
  };
  const start = () => {
    const { delimiter, newline } = detectDialect(partial);
    nlChar = newline === '\r' ? '\r' : '\n';
    parser = new Papa.Parser({ delimiter, newline, step: onRow });
  };
  for await (const chunk of chunks) {
    partial += chunk;
    if (!parser) {
      // The dialect comes from the whole header row (and the character after it, for CRLF).
      const m = /[\r\n][^]/.exec(partial);
      if (!m) {
        checkRecordLength(partial.length, file, line, errors);
        continue;
      }
      start();
    }
    run(false);
    // A row cut by the chunk boundary is carried on: not beyond one record's length.
    checkRecordLength(partial.length, file, line, errors);
    if (out.length) {
      yield out;
      out = [];
    }
  }
  if (partial) {
    if (!parser) start();
    run(true);
    if (out.length) yield out;
  }
}

/** CSV records, typed and located, with an optional column mapping. */
export async function* parseCsv(
  file: string,
  chunks: AsyncIterable<string>,
  errors: ErrorList,
  mapping?: ColumnMapping,
): AsyncGenerator<RawRecord[]> {
  let plan: Plan | null | undefined;
  for await (const rows of csvRows(file, chunks, errors)) {
    const out: RawRecord[] = [];
    for (const { row, line } of rows) {
      if (plan === undefined) {
        plan = makePlan(file, row.map((c) => c.trim()), mapping, errors);
        if (!plan) return;
        continue;
      }
      if (!plan) return;
      const value: Record<string, unknown> = {};
      for (const { path, col } of plan.targets) {
        const v = row[col];
        if (v === undefined || v === '') continue;
        const dot = path.indexOf('.');
        if (dot === -1) value[path] = v;
        else {
          const top = path.slice(0, dot);
          const obj = (value[top] ??= {}) as Record<string, unknown>;
          obj[path.slice(dot + 1)] = v;
        }
      }
      const type = plan.typeCol !== -1 && row[plan.typeCol]?.trim() ? row[plan.typeCol].trim() : plan.fileType;
      out.push({ type, value, line, columns: plan.columns });
    }
    if (out.length) yield out;
  }
}
