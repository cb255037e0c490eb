/**
 * A fake Salesforce org: the REST API's Query / Query More Results, sObject Get
 * Deleted and the OAuth 2.0 refresh token flow, answering as Salesforce's REST
 * API Developer Guide documents them (tests/fixtures/connectors/salesforce/SOURCE.md):
 * paths, the `q` parameter, `Sforce-Query-Options: batchSize`, `done` /
 * `nextRecordsUrl` paging, child relationship subqueries (null when empty),
 * `attributes` on every record, error bodies `[{message, errorCode}]`
 * (INVALID_SESSION_ID 401, INVALID_FIELD / MALFORMED_QUERY 400).
 *
 * It evaluates the SOQL it receives (a small parser: SELECT fields and child
 * subqueries, WHERE with AND/OR/NOT, comparisons, IN, ORDER BY), and refuses a
 * field that the object does not have, so a test sees exactly what was asked.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFake, type FakeRequest, type FakeResponse, type FakeServer } from '../fake-server';

export type SfRecord = Record<string, unknown> & { Id: string; SystemModstamp: string };
export interface SfTenant {
  records: Record<string, SfRecord[]>;
  deleted: Record<string, { id: string; deletedDate: string }[]>;
}

/** Every field each object has in the fake (the standard fields; custom ones are added per tenant). */
export const SF_OBJECT_FIELDS: Record<string, string[]> = {
  User: ['Id', 'Name', 'Email', 'Title', 'Department', 'UserType', 'IsActive', 'Phone', 'SystemModstamp', 'CreatedDate'],
  Account: ['Id', 'Name', 'Website', 'Industry', 'OwnerId', 'Phone', 'Description', 'AnnualRevenue', 'BillingCountry', 'CreatedDate', 'SystemModstamp', 'IsDeleted'],
  AccountTeamMember: ['Id', 'AccountId', 'UserId', 'TeamMemberRole', 'CreatedDate', 'SystemModstamp'],
  Contact: ['Id', 'Name', 'Email', 'Title', 'AccountId', 'Phone', 'MailingAddress', 'SystemModstamp', 'CreatedDate'],
  Opportunity: ['Id', 'Name', 'AccountId', 'OwnerId', 'StageName', 'IsClosed', 'IsWon', 'CloseDate', 'Type', 'Product_Line__c', 'Amount', 'Description', 'SystemModstamp', 'CreatedDate'],
  OpportunityTeamMember: ['Id', 'OpportunityId', 'UserId', 'TeamMemberRole', 'SystemModstamp', 'CreatedDate'],
  OpportunityContactRole: ['Id', 'OpportunityId', 'ContactId', 'Role', 'IsPrimary', 'SystemModstamp', 'CreatedDate'],
  Case: ['Id', 'CaseNumber', 'OwnerId', 'AccountId', 'ContactId', 'Status', 'IsClosed', 'ClosedDate', 'CreatedDate', 'Type', 'Reason', 'Product__c', 'Subject', 'Description', 'SystemModstamp'],
  Task: ['Id', 'OwnerId', 'WhoId', 'WhatId', 'AccountId', 'ActivityDate', 'TaskSubtype', 'Type', 'Subject', 'Description', 'SystemModstamp', 'CreatedDate'],
  Event: ['Id', 'OwnerId', 'WhoId', 'WhatId', 'AccountId', 'ActivityDate', 'IsPrivate', 'Subject', 'Description', 'SystemModstamp', 'CreatedDate'],
};
const CHILD_RELATIONSHIPS: Record<string, { object: string; key: string }> = {
  OpportunityTeamMembers: { object: 'OpportunityTeamMember', key: 'OpportunityId' },
  OpportunityContactRoles: { object: 'OpportunityContactRole', key: 'OpportunityId' },
};

// ------------------------------------------------------------------ a small SOQL engine

type Tok = { t: 'id' | 'str' | 'num' | 'dt' | 'date' | 'op' | 'p'; v: string };
function tokenize(q: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2}))|(\d{4}-\d{2}-\d{2})|('(?:[^'\\]|\\.)*')|(<=|>=|!=|=|<|>)|([(),])|(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < q.length && (m = re.exec(q))) {
    if (m[1]) out.push({ t: 'dt', v: m[1] });
    else if (m[2]) out.push({ t: 'date', v: m[2] });
    else if (m[3]) out.push({ t: 'str', v: m[3].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (m[4]) out.push({ t: 'op', v: m[4] });
    else if (m[5]) out.push({ t: 'p', v: m[5] });
    else if (m[6]) out.push({ t: 'num', v: m[6] });
    else if (m[7]) out.push({ t: 'id', v: m[7] });
    if (/^\s*$/.test(q.slice(re.lastIndex))) break;
  }
  if (!/^\s*$/.test(q.slice(re.lastIndex))) throw new SoqlError('MALFORMED_QUERY', `unexpected token at ${q.slice(re.lastIndex, re.lastIndex + 20)}`);
  return out;
}

class SoqlError extends Error {
  constructor(
    readonly code: 'MALFORMED_QUERY' | 'INVALID_FIELD' | 'INVALID_TYPE',
    message: string,
  ) {
    super(message);
  }
}

type Value = string | number | boolean | null | { date: string } | { dt: number };
type Expr = { and: Expr[] } | { or: Expr[] } | { not: Expr } | { field: string; op: string; value: Value } | { field: string; in: Value[] };
export interface Soql {
  fields: string[];
  children: { rel: string; query: Soql }[];
  from: string;
  where?: Expr;
  orderBy: string[];
}

function parse(tokens: Tok[]): Soql {
  let i = 0;
  const peek = () => tokens[i];
  const kw = (w: string) => peek()?.t === 'id' && peek().v.toUpperCase() === w;
  const expect = (w: string) => {
    if (!kw(w) && peek()?.v !== w) throw new SoqlError('MALFORMED_QUERY', `expected ${w}`);
    i++;
  };
  function query(): Soql {
    expect('SELECT');
    const fields: string[] = [];
    const children: Soql['children'] = [];
    for (;;) {
      if (peek()?.v === '(') {
        i++;
        const sub = query();
        expect(')');
        children.push({ rel: sub.from, query: sub });
      } else if (peek()?.t === 'id') fields.push(tokens[i++].v);
      else throw new SoqlError('MALFORMED_QUERY', 'expected a field');
      if (peek()?.v === ',') i++;
      else break;
    }
    expect('FROM');
    const from = tokens[i++].v;
    let where: Expr | undefined;
    if (kw('WHERE')) {
      i++;
      where = or();
    }
    const orderBy: string[] = [];
    if (kw('ORDER')) {
      i++;
      expect('BY');
      for (;;) {
        orderBy.push(tokens[i++].v);
        if (peek()?.v === ',') i++;
        else break;
      }
    }
    return { fields, children, from, where, orderBy };
  }
  function or(): Expr {
    const xs = [and()];
    while (kw('OR')) {
      i++;
      xs.push(and());
    }
    return xs.length === 1 ? xs[0] : { or: xs };
  }
  function and(): Expr {
    const xs = [factor()];
    while (kw('AND')) {
      i++;
      xs.push(factor());
    }
    return xs.length === 1 ? xs[0] : { and: xs };
  }
  function value(): Value {
    const tok = tokens[i++];
    if (!tok) throw new SoqlError('MALFORMED_QUERY', 'expected a value');
    if (tok.t === 'str') return tok.v;
    if (tok.t === 'num') return Number(tok.v);
    if (tok.t === 'date') return { date: tok.v };
    if (tok.t === 'dt') return { dt: Date.parse(tok.v) };
    if (tok.t === 'id' && /^(true|false|null)$/i.test(tok.v)) return tok.v.toLowerCase() === 'null' ? null : tok.v.toLowerCase() === 'true';
    throw new SoqlError('MALFORMED_QUERY', `unexpected ${tok.v}`);
  }
  function factor(): Expr {
    if (peek()?.v === '(') {
      i++;
      const e = or();
      expect(')');
      return e;
    }
    if (kw('NOT')) return (i++, { not: factor() });
    const field = tokens[i++];
    if (field?.t !== 'id') throw new SoqlError('MALFORMED_QUERY', 'expected a field');
    if (kw('IN')) {
      i++;
      expect('(');
      const values: Value[] = [];
      for (;;) {
        values.push(value());
        if (peek()?.v === ',') i++;
        else break;
      }
      expect(')');
      return { field: field.v, in: values };
    }
    const op = tokens[i++];
    if (op?.t !== 'op') throw new SoqlError('MALFORMED_QUERY', 'expected an operator');
    return { field: field.v, op: op.v, value: value() };
  }
  const q = query();
  if (i !== tokens.length) throw new SoqlError('MALFORMED_QUERY', `unexpected ${tokens[i].v}`);
  return q;
}

export const parseSoql = (q: string): Soql => parse(tokenize(q));

function compare(raw: unknown, v: Value): number | undefined {
  if (v === null) return raw === null || raw === undefined ? 0 : undefined;
  if (raw === null || raw === undefined) return undefined;
  const a = typeof raw === 'string' ? raw : JSON.stringify(raw);
  if (typeof v === 'object' && 'dt' in v) return Date.parse(a) - v.dt;
  if (typeof v === 'object' && 'date' in v) return a.slice(0, 10).localeCompare(v.date);
  if (typeof v === 'boolean') return raw === v ? 0 : undefined;
  if (typeof v === 'number') return Number(a) - v;
  return a < v ? -1 : a > v ? 1 : 0;
}

function test(e: Expr, r: Record<string, unknown>, check: (f: string) => void): boolean {
  if ('and' in e) return e.and.every((x) => test(x, r, check));
  if ('or' in e) return e.or.some((x) => test(x, r, check));
  if ('not' in e) return !test(e.not, r, check);
  check(e.field);
  if ('in' in e) return e.in.some((v) => compare(r[e.field], v) === 0);
  const c = compare(r[e.field], e.value);
  if (c === undefined) return e.op === '!=';
  return { '=': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[e.op] ?? false;
}

const sortKey = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? String(Date.parse(v)).padStart(15, '0') : typeof v === 'string' ? v : JSON.stringify(v ?? ''));

// ------------------------------------------------------------------ the server

export interface FakeSalesforce extends FakeServer {
  tenant: SfTenant;
  /** SOQL statements received (Query; Query More is not repeated here). */
  soql: string[];
  /** The access tokens the org accepts now; `expireTokens()` empties it. */
  expireTokens(): void;
  /** Insert or replace a record (SystemModstamp as given). */
  put(object: string, record: SfRecord): void;
  /** Delete a record (it leaves queries and enters the delete log). */
  remove(object: string, id: string, deletedDate: string): void;
}

export interface FakeSalesforceOptions {
  tenant: SfTenant;
  /** Records per batch at most (Salesforce may return fewer than batchSize; default 2000). */
  maxBatch?: number;
  refreshToken?: string;
  clientId?: string;
}

const API = /^\/services\/data\/v(\d+\.\d)\//;
const err = (status: number, errorCode: string, message: string): FakeResponse => ({ status, body: [{ message, errorCode }] });

export async function startFakeSalesforce(options: FakeSalesforceOptions): Promise<FakeSalesforce> {
  const tenant = options.tenant;
  const tokens = new Set<string>();
  let issued = 0;
  const soql: string[] = [];
  const locators = new Map<string, { rows: Record<string, unknown>[]; version: string }>();
  let nextLocator = 1;

  const shape = (object: string, q: Soql, r: SfRecord, version: string): Record<string, unknown> => {
    const out: Record<string, unknown> = { attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${r.Id}` } };
    for (const f of q.fields) out[f] = r[f] ?? null;
    for (const c of q.children) {
      const rel = CHILD_RELATIONSHIPS[c.rel];
      const rows = run(c.query, rel.object, version, (x) => x[rel.key] === r.Id);
      out[c.rel] = rows.length ? { totalSize: rows.length, done: true, records: rows } : null;
    }
    return out;
  };

  function run(q: Soql, object: string, version: string, of: (r: SfRecord) => boolean = () => true): Record<string, unknown>[] {
    const known = SF_OBJECT_FIELDS[object];
    if (!known) throw new SoqlError('INVALID_TYPE', `sObject type '${object}' is not supported.`);
    const check = (f: string) => {
      if (!known.includes(f)) throw new SoqlError('INVALID_FIELD', `No such column '${f}' on entity '${object}'.`);
    };
    q.fields.forEach(check);
    for (const c of q.children) if (!CHILD_RELATIONSHIPS[c.rel]) throw new SoqlError('INVALID_TYPE', `Didn't understand relationship '${c.rel}'`);
    q.orderBy.forEach(check);
    let rows = (tenant.records[object] ?? []).filter((r) => of(r) && (!q.where || test(q.where, r, check)));
    rows = [...rows].sort((a, b) => {
      for (const f of q.orderBy) {
        const x = sortKey(a[f]);
        const y = sortKey(b[f]);
        if (x !== y) return x < y ? -1 : 1;
      }
      return 0;
    });
    return rows.map((r) => shape(object, q, r, version));
  }

  function batch(rows: Record<string, unknown>[], offset: number, size: number, version: string, total: number) {
    const records = rows.slice(offset, offset + size);
    const done = offset + size >= rows.length;
    let nextRecordsUrl: string | undefined;
    if (!done) {
      const id = `01gRO00000${String(nextLocator++).padStart(6, '0')}AA`;
      locators.set(id, { rows, version });
      nextRecordsUrl = `/services/data/v${version}/query/${id}-${offset + size}`;
    }
    return { totalSize: total, done, ...(nextRecordsUrl ? { nextRecordsUrl } : {}), records };
  }

  const batchSize = (req: FakeRequest) => {
    const m = /batchSize=(\d+)/.exec(String(req.headers['sforce-query-options'] ?? ''));
    const asked = m ? Math.max(200, Math.min(2000, Number(m[1]))) : 2000;
    return Math.min(asked, options.maxBatch ?? 2000);
  };

  const handler = (req: FakeRequest): FakeResponse => {
    if (req.method === 'POST' && req.path === '/services/oauth2/token') {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'refresh_token' || form.get('refresh_token') !== (options.refreshToken ?? 'sf-refresh') || form.get('client_id') !== (options.clientId ?? 'sf-client')) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'expired access/refresh token' } };
      }
      const token = `00DRO0000000001!sf-access-${++issued}`;
      tokens.add(token);
      return {
        body: {
          access_token: token,
          signature: 'fake-signature',
          scope: 'refresh_token api',
          instance_url: self.url,
          id: `${self.url}/id/00DRO0000000001AAA/0055g00000INTEGAA`,
          token_type: 'Bearer',
          issued_at: String(Date.now()),
        },
      };
    }
    const m = API.exec(req.path);
    if (!m) return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
    const version = m[1];
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    if (!auth || !tokens.has(auth[1])) return err(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
    const rest = req.path.slice(m[0].length).replace(/\/$/, '');
    try {
      if (rest === 'query' && req.method === 'GET') {
        const q = req.query.get('q') ?? '';
        soql.push(q);
        const parsed = parseSoql(q);
        const rows = run(parsed, parsed.from, version);
        return { body: batch(rows, 0, batchSize(req), version, rows.length) };
      }
      const more = /^query\/([A-Za-z0-9]+)-(\d+)$/.exec(rest);
      if (more && req.method === 'GET') {
        const loc = locators.get(more[1]);
        if (!loc) return err(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
        return { body: batch(loc.rows, Number(more[2]), batchSize(req), version, loc.rows.length) };
      }
      const del = /^sobjects\/([A-Za-z_]+)\/deleted$/.exec(rest);
      if (del && req.method === 'GET') {
        const start = Date.parse(req.query.get('start') ?? '');
        const end = Date.parse(req.query.get('end') ?? '');
        if (Number.isNaN(start) || Number.isNaN(end) || end - start < 60_000) return err(400, 'INVALID_REPLICATION_DATE', 'startDate must chronologically precede endDate by more than one minute');
        const deletedRecords = (tenant.deleted[del[1]] ?? []).filter((d) => Date.parse(d.deletedDate) >= start && Date.parse(d.deletedDate) <= end);
        const sf = (t: number) => new Date(t).toISOString().replace('Z', '+0000');
        return { body: { deletedRecords, earliestDateAvailable: sf(end - 15 * 86_400_000), latestDateCovered: sf(end - (end % 60_000)) } };
      }
    } catch (e) {
      if (e instanceof SoqlError) return err(400, e.code, e.message);
      throw e;
    }
    return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
  };

  const base = await startFake(handler);
  const self: FakeSalesforce = Object.assign(base, {
    tenant,
    soql,
    expireTokens: () => tokens.clear(),
    put(object: string, record: SfRecord) {
      const list = (tenant.records[object] ??= []);
      const i = list.findIndex((r) => r.Id === record.Id);
      if (i >= 0) list[i] = record;
      else list.push(record);
    },
    remove(object: string, id: string, deletedDate: string) {
      tenant.records[object] = (tenant.records[object] ?? []).filter((r) => r.Id !== id);
      (tenant.deleted[object] ??= []).push({ id, deletedDate });
    },
  });
  return self;
}

/**
 * The story tenant (tests/fixtures/connectors/salesforce/story.json): each
 * object as the Query resource answers it, the delete log as Get Deleted does.
 */
export function salesforceStory(): SfTenant {
  const file = fileURLToPath(new URL('../../../fixtures/connectors/salesforce/story.json', import.meta.url));
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { query: Record<string, { records: (SfRecord & { attributes?: unknown })[] }>; deleted: SfTenant['deleted'] };
  const records: SfTenant['records'] = {};
  for (const [object, res] of Object.entries(raw.query)) records[object] = res.records.map(({ attributes: _a, ...r }) => r as SfRecord);
  return { records, deleted: raw.deleted };
}

/**
 * The story org, served: the fake, the environment its credentials are read
 * from, and the connector settings that read it (for the cross-vendor acceptance).
 */
export async function serveSalesforceStory(): Promise<{ server: FakeSalesforce; env: Record<string, string>; config: Record<string, unknown> }> {
  const server = await startFakeSalesforce({ tenant: salesforceStory() });
  const env = { KENNER_STORY_SF_SECRET: 'sf-secret', KENNER_STORY_SF_REFRESH: 'sf-refresh' };
  const config = {
    instanceUrl: server.url,
    loginUrl: server.url,
    clientId: 'sf-client',
    clientSecretEnv: 'KENNER_STORY_SF_SECRET',
    refreshTokenEnv: 'KENNER_STORY_SF_REFRESH',
    caseTermFields: ['Type', 'Product__c'],
    opportunityTermFields: ['Product_Line__c'],
  };
  return { server, env, config };
}
