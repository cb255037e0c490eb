/**
 * Salesforce connector (docs/connectors/salesforce.md): REST API queries through
 * jsforce, incremental by `SystemModstamp`, deletions from `sObject Get Deleted`.
 *
 * - jsforce sends every request through `ctx.fetch` (a jsforce Transport over
 *   it), so the source's budget, `429`/`Retry-After` and 5xx backoff are the
 *   pipeline's; jsforce's own session refresh (OAuth refresh token, `api` and
 *   `refresh_token` scopes) answers `401 INVALID_SESSION_ID`.
 * - Each object is read in `SystemModstamp, Id` order with a keyset filter
 *   (`SystemModstamp > t OR (SystemModstamp = t AND Id > id)`), so the cursor
 *   saved after each page is the last record read: a rerun from it neither
 *   loses nor repeats a record, and no query locator has to survive a crash.
 * - Activity records (opportunities, cases, tasks, events) older than the
 *   look-back window are never queried; users, accounts, contacts and team
 *   memberships are current state and read whatever their age.
 * - Never read: descriptions, comments, subjects, bodies, amounts, attachments.
 */
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { Connection } from 'jsforce';
import { Transport } from 'jsforce/lib/transport';
import { StreamPromise } from 'jsforce/lib/util/promise';
import type { HttpRequest, HttpResponse } from 'jsforce/lib/types';
import { normalizeDomain } from '../../utils/graph/schema';
import type { Connector, ConnectorContext, Json, SourceInteraction, SourceRecord, SourceTombstone, SyncPage, Term } from './types';

const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an API field name');

export const salesforceConfigSchema = z.object({
  /** The org's My Domain URL, e.g. https://acme.my.salesforce.com */
  instanceUrl: z.string().url(),
  /** Where OAuth tokens are refreshed (login.salesforce.com, test.salesforce.com or My Domain). */
  loginUrl: z.string().url().default('https://login.salesforce.com'),
  apiVersion: z.string().regex(/^\d+\.\d$/).default('62.0'),
  /** The connected app's consumer key (not a secret), or the environment variable that holds it. */
  clientId: z.string().optional(),
  clientIdEnv: z.string().default('SALESFORCE_CLIENT_ID'),
  /** Environment variables holding the consumer secret and the integration user's refresh token. */
  clientSecretEnv: z.string().default('SALESFORCE_CLIENT_SECRET'),
  refreshTokenEnv: z.string().default('SALESFORCE_REFRESH_TOKEN'),
  /** Case fields whose values are the product or problem (become terms), e.g. Product__c. */
  caseTermFields: z.array(fieldName).max(10).default(['Type', 'Reason']),
  /** Opportunity fields whose values are the product line (become terms). */
  opportunityTermFields: z.array(fieldName).max(10).default(['Type']),
  /** Account teams / opportunity teams are optional org features: off when the org has none. */
  accountTeams: z.boolean().default(true),
  opportunityTeams: z.boolean().default(true),
  /** Records per query batch (Sforce-Query-Options: batchSize, 200–2000). */
  batchSize: z.number().int().min(200).max(2000).default(2000),
});
export type SalesforceConfig = z.output<typeof salesforceConfigSchema>;

// ------------------------------------------------------------------ the records read

type Row = Record<string, unknown> & { Id: string; SystemModstamp: string };
type Stream = 'User' | 'Account' | 'AccountTeamMember' | 'Contact' | 'Opportunity' | 'OpportunityTeamMember' | 'OpportunityContactRole' | 'Case' | 'Task' | 'Event' | 'PrivateEvent';

/** The objects read, in order (people and accounts before what points at them). */
export const SALESFORCE_STREAMS: readonly Stream[] = ['User', 'Account', 'AccountTeamMember', 'Contact', 'Opportunity', 'OpportunityTeamMember', 'OpportunityContactRole', 'Case', 'Task', 'Event', 'PrivateEvent'];
/** The object each stream queries (events made private are a stream of their own, read as ids only). */
const OBJECT_OF = (s: Stream): string => (s === 'PrivateEvent' ? 'Event' : s);

/** The fields read per object: nothing else is ever requested (a test holds the fake's SOQL to this). */
export function salesforceFields(config: Pick<SalesforceConfig, 'caseTermFields' | 'opportunityTermFields'>): Record<Stream, string[]> {
  return {
    User: ['Id', 'Name', 'Email', 'Title', 'Department', 'SystemModstamp'],
    Account: ['Id', 'Name', 'Website', 'Industry', 'OwnerId', 'CreatedDate', 'SystemModstamp'],
    AccountTeamMember: ['Id', 'AccountId', 'UserId', 'TeamMemberRole', 'CreatedDate', 'SystemModstamp'],
    Contact: ['Id', 'Name', 'Email', 'Title', 'AccountId', 'SystemModstamp'],
    Opportunity: unique(['Id', 'Name', 'AccountId', 'OwnerId', 'StageName', 'IsClosed', 'IsWon', 'CloseDate', ...config.opportunityTermFields, 'SystemModstamp']),
    OpportunityTeamMember: ['Id', 'OpportunityId', 'SystemModstamp'],
    OpportunityContactRole: ['Id', 'OpportunityId', 'SystemModstamp'],
    Case: unique(['Id', 'OwnerId', 'AccountId', 'ContactId', 'Status', 'IsClosed', 'ClosedDate', 'CreatedDate', ...config.caseTermFields, 'SystemModstamp']),
    Task: ['Id', 'OwnerId', 'WhoId', 'AccountId', 'ActivityDate', 'TaskSubtype', 'Type', 'SystemModstamp'],
    Event: ['Id', 'OwnerId', 'WhoId', 'AccountId', 'ActivityDate', 'SystemModstamp'],
    PrivateEvent: ['Id', 'SystemModstamp'],
  };
}
const unique = (xs: string[]) => [...new Set(xs)];

/** Child relationship subqueries of an opportunity: its team and its primary contact. */
const OPPORTUNITY_CHILDREN = {
  team: '(SELECT Id, UserId FROM OpportunityTeamMembers)',
  contact: '(SELECT ContactId FROM OpportunityContactRoles WHERE IsPrimary = true)',
};

/** Objects whose changes re-read their opportunities (the child records carry no fact of their own). */
const TOUCHES_OPPORTUNITY: ReadonlySet<Stream> = new Set(['OpportunityTeamMember', 'OpportunityContactRole']);

// ------------------------------------------------------------------ cursor

interface Mark {
  /** SystemModstamp of the last record read (ISO, seconds). */
  at: string;
  id: string;
}
interface SalesforceCursor {
  v: 1;
  /** Per object: the last record read. */
  marks: Partial<Record<Stream, Mark>>;
  /** Per object: where the next Get Deleted call starts (its latestDateCovered). */
  deletedFrom: Partial<Record<Stream, string>>;
}

function readCursor(c: Json | undefined): SalesforceCursor {
  if (c && typeof c === 'object' && !Array.isArray(c) && c.v === 1) return c as unknown as SalesforceCursor;
  return { v: 1, marks: {}, deletedFrom: {} };
}
const json = (c: SalesforceCursor): Json => JSON.parse(JSON.stringify(c)) as Json;

// ------------------------------------------------------------------ SOQL

/** SOQL dateTime literal (seconds: SystemModstamp has no finer precision). */
const soqlDateTime = (iso: string) => new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
const soqlDate = (d: Date) => d.toISOString().slice(0, 10);
const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The look-back condition of an activity object (absent for current-state objects). */
function lookBack(stream: Stream, since: Date): string | undefined {
  const d = soqlDate(since);
  switch (stream) {
    case 'Opportunity':
      return `(IsClosed = false OR CloseDate >= ${d})`;
    case 'Case':
      return `(IsClosed = false OR ClosedDate >= ${soqlDateTime(since.toISOString())})`;
    case 'Task':
      return `ActivityDate >= ${d}`;
    case 'Event':
      return `IsPrivate = false AND ActivityDate >= ${d}`;
    case 'PrivateEvent':
      return `IsPrivate = true AND ActivityDate >= ${d}`;
    default:
      return undefined;
  }
}

export function buildQuery(stream: Stream, config: SalesforceConfig, since: Date, mark?: Mark, ids?: string[]): string {
  const fields = [...salesforceFields(config)[stream]];
  if (stream === 'Opportunity') {
    if (config.opportunityTeams) fields.push(OPPORTUNITY_CHILDREN.team);
    fields.push(OPPORTUNITY_CHILDREN.contact);
  }
  const where: string[] = [];
  if (stream === 'User') where.push(`UserType = 'Standard'`);
  const lb = lookBack(stream, since);
  if (lb) where.push(lb);
  if (ids) where.push(`Id IN (${ids.map(quote).join(', ')})`);
  if (mark) {
    const t = soqlDateTime(mark.at);
    where.push(`(SystemModstamp > ${t} OR (SystemModstamp = ${t} AND Id > ${quote(mark.id)}))`);
  }
  return `SELECT ${fields.join(', ')} FROM ${OBJECT_OF(stream)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY SystemModstamp, Id`;
}

// ------------------------------------------------------------------ mapping

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const day = (v: unknown): string | undefined => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : undefined);
/** Owners can be queues (00G…): only users (005…) are people. */
const userId = (v: unknown): string | undefined => (typeof v === 'string' && v.startsWith('005') ? v : undefined);
const contactId = (v: unknown): string | undefined => (typeof v === 'string' && v.startsWith('003') ? v : undefined);

function termsOf(row: Row, object: string, fields: string[]): Term[] | undefined {
  const terms: Term[] = [];
  for (const f of fields) {
    for (const value of (str(row[f]) ?? '').split(';')) if (value.trim()) terms.push({ field: `${object}.${f}`, value: value.trim() });
  }
  return terms.length ? terms : undefined;
}

function website(v: unknown): { url?: string; domains?: string[] } {
  const w = str(v);
  if (!w) return {};
  const url = /^https?:\/\//i.test(w) ? w : `https://${w}`;
  try {
    const host = normalizeDomain(new URL(url).hostname);
    return host.includes('.') ? { url, domains: [host] } : {};
  } catch {
    return {};
  }
}

const interaction = (r: SourceInteraction): SourceRecord => ({ type: 'interaction', record: r });

function children(row: Row, rel: string): Row[] {
  const c = row[rel] as { records?: Row[] } | null | undefined;
  return c?.records ?? [];
}

function opportunityRecords(row: Row, config: SalesforceConfig): SourceRecord[] {
  const owner = userId(row.OwnerId);
  const kind = row.IsWon === true ? 'deal-won' : row.IsClosed === true ? 'deal-lost' : 'deal-open';
  // An open deal's close date is a forecast: it is dated by its last change instead.
  const date = day(kind === 'deal-open' ? row.SystemModstamp : row.CloseDate);
  if (!date) return [];
  const base = {
    kind,
    date,
    accountId: str(row.AccountId),
    contactId: contactId(children(row, 'OpportunityContactRoles')[0]?.ContactId),
    title: str(row.Name),
    terms: termsOf(row, 'Opportunity', config.opportunityTermFields),
    url: recordUrl(config, row.Id),
  } as const;
  const out: SourceRecord[] = [];
  if (owner) out.push(interaction({ id: `Opportunity:${row.Id}`, personId: owner, ...base }));
  for (const m of children(row, 'OpportunityTeamMembers')) {
    const member = userId(m.UserId);
    if (member && member !== owner) out.push(interaction({ id: `OpportunityTeamMember:${m.Id}`, personId: member, ...base }));
  }
  return out;
}

/** The record's page (`<instance>/<Id>` opens it in Lightning and Classic alike). */
const recordUrl = (config: SalesforceConfig, id: string) => `${config.instanceUrl.replace(/\/$/, '')}/${id}`;

const TASK_KINDS: Record<string, SourceInteraction['kind']> = { Call: 'call', Email: 'email', ListEmail: 'email', Meeting: 'meeting' };

export function mapRow(stream: Stream, row: Row, config: SalesforceConfig): SourceRecord[] {
  switch (stream) {
    case 'User': {
      const email = str(row.Email);
      const name = str(row.Name);
      return email && name ? [{ type: 'person', record: { id: row.Id, name, email: email.toLowerCase(), title: str(row.Title), department: str(row.Department) } }] : [];
    }
    case 'Account': {
      const name = str(row.Name);
      if (!name) return [];
      const owner = userId(row.OwnerId);
      const out: SourceRecord[] = [
        { type: 'account', record: { id: row.Id, name, ...website(row.Website), industry: str(row.Industry), ownerId: owner, externalIds: { salesforce: row.Id } } },
      ];
      const date = day(row.CreatedDate);
      if (owner && date) out.push(interaction({ id: `Account:${row.Id}:owner`, personId: owner, accountId: row.Id, kind: 'account-owner', date, url: recordUrl(config, row.Id) }));
      return out;
    }
    case 'AccountTeamMember': {
      const person = userId(row.UserId);
      const date = day(row.CreatedDate);
      const accountId = str(row.AccountId);
      return person && date && accountId ? [interaction({ id: `AccountTeamMember:${row.Id}`, personId: person, accountId, kind: 'account-team', date, title: str(row.TeamMemberRole), url: recordUrl(config, accountId) })] : [];
    }
    case 'Contact': {
      const name = str(row.Name);
      return name ? [{ type: 'contact', record: { id: row.Id, name, email: str(row.Email)?.toLowerCase(), accountId: str(row.AccountId), title: str(row.Title) } }] : [];
    }
    case 'Opportunity':
      return opportunityRecords(row, config);
    case 'Case': {
      const owner = userId(row.OwnerId);
      const closed = row.IsClosed === true;
      const date = day(closed ? row.ClosedDate : row.CreatedDate);
      if (!owner || !date) return [];
      return [
        interaction({
          id: `Case:${row.Id}`,
          personId: owner,
          kind: closed ? 'case-resolved' : 'case-open',
          date,
          accountId: str(row.AccountId),
          contactId: contactId(row.ContactId),
          terms: termsOf(row, 'Case', config.caseTermFields),
          url: recordUrl(config, row.Id),
        }),
      ];
    }
    case 'Task':
    case 'Event': {
      const owner = userId(row.OwnerId);
      const date = day(row.ActivityDate);
      const kind = stream === 'Event' ? 'meeting' : TASK_KINDS[str(row.TaskSubtype) ?? ''] ?? TASK_KINDS[str(row.Type) ?? ''];
      if (!owner || !date || !kind) return [];
      return [interaction({ id: `${stream}:${row.Id}`, personId: owner, kind, date, accountId: str(row.AccountId), contactId: contactId(row.WhoId), url: recordUrl(config, row.Id) })];
    }
    default:
      return [];
  }
}

/**
 * The interaction a row of an object stands for: when the row no longer makes
 * one (a case handed to a queue, a task that is no call, an event made
 * private, an account without a user as owner), it is withdrawn.
 */
function ownInteraction(stream: Stream, id: string): string | undefined {
  switch (stream) {
    case 'Account':
      return `Account:${id}:owner`;
    case 'AccountTeamMember':
    case 'Opportunity':
    case 'Case':
    case 'Task':
    case 'Event':
    case 'PrivateEvent':
      return `${OBJECT_OF(stream)}:${id}`;
    default:
      return undefined;
  }
}

/** What a deleted record of an object was in the graph. */
function tombstones(stream: Stream, id: string): SourceTombstone[] {
  switch (stream) {
    case 'Account':
      return [
        { type: 'account', id },
        { type: 'interaction', id: `Account:${id}:owner` },
      ];
    case 'Contact':
      return [{ type: 'contact', id }];
    case 'User':
    case 'OpportunityContactRole':
      return [];
    default:
      return [{ type: 'interaction', id: `${OBJECT_OF(stream)}:${id}` }];
  }
}

// ------------------------------------------------------------------ jsforce over ctx.fetch

/** A jsforce Transport that sends through the context's fetch (budget, Retry-After, backoff). */
class ContextTransport extends Transport {
  constructor(private readonly send: typeof fetch) {
    super();
  }
  override httpRequest(req: HttpRequest): StreamPromise<HttpResponse> {
    return StreamPromise.create(() => {
      const stream = new PassThrough();
      const promise = (async () => {
        const res = await this.send(req.url, { method: req.method, headers: req.headers as Record<string, string>, body: typeof req.body === 'string' ? req.body : undefined, redirect: 'manual' });
        const headers: Record<string, string> = {};
        res.headers.forEach((v, k) => (headers[k] = v));
        const body = await res.text();
        stream.end(body);
        return { statusCode: res.status, headers, body };
      })();
      return { stream, promise };
    });
  }
}

function connect(ctx: ConnectorContext<SalesforceConfig>): Connection {
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`Salesforce: environment variable ${name} is not set`);
    return v;
  };
  const { config } = ctx;
  const conn = new Connection({
    oauth2: { clientId: config.clientId ?? env(config.clientIdEnv), clientSecret: env(config.clientSecretEnv), loginUrl: config.loginUrl },
    instanceUrl: config.instanceUrl,
    refreshToken: env(config.refreshTokenEnv),
    version: config.apiVersion,
  });
  const transport = new ContextTransport(ctx.fetch);
  conn._transport = transport;
  conn.oauth2._transport = transport;
  return conn;
}

/** A first access token from the refresh token (later ones come from jsforce on 401 INVALID_SESSION_ID). */
async function signIn(conn: Connection, ctx: ConnectorContext<SalesforceConfig>): Promise<void> {
  const token = await conn.oauth2.refreshToken(process.env[ctx.config.refreshTokenEnv] ?? '');
  conn.accessToken = token.access_token;
}

interface QueryResult {
  done: boolean;
  nextRecordsUrl?: string;
  records: Row[];
}

// ------------------------------------------------------------------ sync

async function* syncSalesforce(ctx: ConnectorContext<SalesforceConfig>): AsyncGenerator<SyncPage> {
  const { config, since } = ctx;
  const cursor = readCursor(ctx.cursor);
  const runStart = new Date();
  const conn = connect(ctx);
  await signIn(conn, ctx);
  const headers = { 'Sforce-Query-Options': `batchSize=${config.batchSize}` };
  const base = `/services/data/v${config.apiVersion}`;
  const query = (soql: string) => conn.request<QueryResult>({ method: 'GET', url: `${base}/query?q=${encodeURIComponent(soql)}`, headers });
  const more = (next: string) => conn.request<QueryResult>({ method: 'GET', url: next, headers });

  /** All opportunities with these ids, mapped (the team members' and contact roles' changes). */
  async function opportunities(ids: string[]): Promise<SourceRecord[]> {
    const out: SourceRecord[] = [];
    for (const id of ids) seen.add(id);
    for (let i = 0; i < ids.length; i += 200) {
      let page = await query(buildQuery('Opportunity', config, since, undefined, ids.slice(i, i + 200)));
      for (;;) {
        for (const row of page.records) out.push(...mapRow('Opportunity', row, config));
        if (page.done || !page.nextRecordsUrl) break;
        page = await more(page.nextRecordsUrl);
      }
    }
    return out;
  }

  /** Opportunities read in this run: a change of their team or contact roles needs no second read. */
  const seen = new Set<string>();
  const enabled = SALESFORCE_STREAMS.filter(
    (s) => (config.accountTeams || s !== 'AccountTeamMember') && (config.opportunityTeams || s !== 'OpportunityTeamMember'),
  );
  for (const stream of enabled) {
    /** On an object's first read there is nothing to withdraw. */
    const initial = !cursor.marks[stream];
    let page = await query(buildQuery(stream, config, since, cursor.marks[stream]));
    for (;;) {
      ctx.signal.throwIfAborted();
      const last = page.records.at(-1);
      if (stream === 'Opportunity') for (const r of page.records) seen.add(r.Id);
      const upserts = TOUCHES_OPPORTUNITY.has(stream)
        ? await opportunities([...new Set(page.records.map((r) => String(r.OpportunityId)))].filter((id) => !seen.has(id)))
        : page.records.flatMap((r) => mapRow(stream, r, config));
      const made = new Set(upserts.map((u) => u.record.id));
      const withdrawn: SourceTombstone[] = page.records.flatMap((r) => {
        const own = ownInteraction(stream, r.Id);
        return own && !initial && !made.has(own) ? [{ type: 'interaction' as const, id: own }] : [];
      });
      if (last) cursor.marks[stream] = { at: new Date(last.SystemModstamp).toISOString(), id: last.Id };
      if (page.records.length) yield { upserts, deletes: withdrawn, cursor: json(cursor) };
      if (page.done || !page.nextRecordsUrl) break;
      page = await more(page.nextRecordsUrl);
    }
  }

  // Deletions: the delete log keeps 15 days; the first run has nothing to delete and starts the log's window.
  const now = new Date();
  const floor = new Date(now.getTime() - 15 * 86_400_000 + 60_000);
  const deletes: SourceTombstone[] = [];
  for (const stream of enabled.filter((s) => s !== 'PrivateEvent')) {
    const from = cursor.deletedFrom[stream];
    if (from && now.getTime() - Date.parse(from) >= 60_000) {
      const start = new Date(Math.max(Date.parse(from), floor.getTime()));
      const res = await conn.sobject(OBJECT_OF(stream)).deleted(start, now);
      for (const d of res.deletedRecords) deletes.push(...tombstones(stream, d.id));
      cursor.deletedFrom[stream] = res.latestDateCovered ? new Date(res.latestDateCovered).toISOString() : now.toISOString();
    } else if (!from) {
      cursor.deletedFrom[stream] = runStart.toISOString();
    }
  }
  yield { upserts: [], deletes, cursor: json(cursor) };
}

const salesforce: Connector<SalesforceConfig> = {
  id: 'salesforce',
  label: 'Salesforce',
  configSchema: salesforceConfigSchema,
  lookBackDays: 4 * 365,
  disclosure: {
    scopes: ['api', 'refresh_token'],
    reads: [
      'User: Id, Name, Email, Title, Department (standard users)',
      'Account: Id, Name, Website (→ domain), Industry, OwnerId, CreatedDate',
      'AccountTeamMember: AccountId, UserId, TeamMemberRole, CreatedDate',
      'Contact: Id, Name, Email, Title, AccountId',
      'Opportunity: Name, AccountId, OwnerId, StageName, IsClosed, IsWon, CloseDate, the configured product fields (default Type); its team members (UserId) and primary contact role (ContactId)',
      'Case: OwnerId, AccountId, ContactId, Status, IsClosed, ClosedDate, CreatedDate, the configured product/problem fields (default Type, Reason)',
      'Task: OwnerId, WhoId, AccountId, ActivityDate, TaskSubtype, Type (calls and emails only)',
      'Event: OwnerId, WhoId, AccountId, ActivityDate (not private events; of those only the Id, to withdraw one made private)',
      'SystemModstamp of each, and the ids of deleted records (Get Deleted)',
    ],
    never: [
      'Subjects, descriptions, comments, bodies of tasks, events, emails and cases',
      'Amounts, prices, quotes, products, forecasts',
      'Attachments, files, notes, chatter',
      'Private events (IsPrivate)',
      'Phone numbers and addresses',
      'Opportunities and cases closed, and activities dated, before the look-back window',
    ],
  },
  sync: syncSalesforce,
};

export const connector = salesforce;
export default salesforce;
