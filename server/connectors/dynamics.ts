/**
 * Dynamics 365 / Dataverse connector (docs/connectors/dynamics.md): the
 * Dataverse Web API (OData 4.0) over `ctx.fetch`; there is no well-kept
 * official Node client.
 *
 * - Entra ID client credentials (an application user in the environment) for
 *   `<org>/.default`; a `401` fetches a new token once and repeats the request.
 * - Change tracking: the first read of each table asks `Prefer:
 *   odata.track-changes` and ends with an `@odata.deltaLink`; later runs follow
 *   the delta link and get new/changed rows and `$deletedEntity` entries
 *   (tombstones). Pages of `odata.maxpagesize` rows follow `@odata.nextLink`.
 *   The cursor after each page holds the next link (a stateless paging
 *   cookie) or the table's delta link, so a rerun resumes at that page.
 * - `$select` names only the columns below; `$filter` is not allowed with
 *   change tracking, so the look-back is applied to the rows read: closed
 *   opportunities and resolved cases older than `ctx.since` are dropped.
 */
import { z } from 'zod';
import { normalizeDomain } from '../../utils/graph/schema';
import type { Connector, ConnectorContext, Json, SourceInteraction, SourceRecord, SourceTombstone, SyncPage, Term } from './types';

const column = z.string().regex(/^_?[a-z][a-z0-9_]*$/, 'a column logical name');

export const dynamicsConfigSchema = z.object({
  /** The environment's URL, e.g. https://contoso.crm4.dynamics.com */
  orgUrl: z.string().url(),
  /** The Entra ID tenant (directory) id; the token endpoint is derived from it unless tokenUrl is set. */
  tenantId: z.string().optional(),
  tokenUrl: z.string().url().optional(),
  /** The app registration's client id (not a secret), or the environment variable that holds it. */
  clientId: z.string().optional(),
  clientIdEnv: z.string().default('DYNAMICS_CLIENT_ID'),
  clientSecretEnv: z.string().default('DYNAMICS_CLIENT_SECRET'),
  apiVersion: z.string().regex(/^\d+\.\d+$/).default('9.2'),
  /** Rows per page (Prefer: odata.maxpagesize; Dataverse's maximum is 5000). */
  pageSize: z.number().int().min(1).max(5000).default(5000),
  /** Case columns whose values (their display labels) are the product or problem. */
  incidentTermColumns: z.array(column).max(10).default(['casetypecode', '_subjectid_value', '_productid_value']),
  /** Opportunity columns whose display labels are the product line. */
  opportunityTermColumns: z.array(column).max(10).default([]),
});
export type DynamicsConfig = z.output<typeof dynamicsConfigSchema>;

type Table = 'systemusers' | 'accounts' | 'contacts' | 'opportunities' | 'incidents';
export const DYNAMICS_TABLES: readonly Table[] = ['systemusers', 'accounts', 'contacts', 'opportunities', 'incidents'];

/** The columns read per table (`$select`): nothing else is requested. */
export function dynamicsColumns(config: Pick<DynamicsConfig, 'incidentTermColumns' | 'opportunityTermColumns'>): Record<Table, string[]> {
  const u = (xs: string[]) => [...new Set(xs)];
  return {
    systemusers: ['systemuserid', 'fullname', 'internalemailaddress', 'title'],
    accounts: ['accountid', 'name', 'websiteurl', '_ownerid_value', 'createdon'],
    contacts: ['contactid', 'fullname', 'emailaddress1', 'jobtitle', '_parentcustomerid_value'],
    opportunities: u(['opportunityid', 'name', '_parentaccountid_value', '_parentcontactid_value', '_ownerid_value', 'statecode', 'actualclosedate', 'modifiedon', ...config.opportunityTermColumns]),
    incidents: u(['incidentid', '_ownerid_value', '_customerid_value', '_primarycontactid_value', 'statecode', 'createdon', 'modifiedon', ...config.incidentTermColumns]),
  };
}

const ANNOTATIONS = 'OData.Community.Display.V1.FormattedValue,Microsoft.Dynamics.CRM.lookuplogicalname';
const LOOKUP = '@Microsoft.Dynamics.CRM.lookuplogicalname';
const LABEL = '@OData.Community.Display.V1.FormattedValue';

// ------------------------------------------------------------------ cursor

interface DynamicsCursor {
  v: 1;
  /** Per table: the delta link of its last complete read. */
  delta: Partial<Record<Table, string>>;
  /** Per table: the `$select` its delta link was made for (other columns need a new full read). */
  selected?: Partial<Record<Table, string>>;
  /** The page to read next, inside a table's read that has not finished. */
  next?: { table: Table; url: string };
}
function readCursor(c: Json | undefined): DynamicsCursor {
  if (c && typeof c === 'object' && !Array.isArray(c) && c.v === 1) return c as unknown as DynamicsCursor;
  return { v: 1, delta: {} };
}
const json = (c: DynamicsCursor): Json => JSON.parse(JSON.stringify(c)) as Json;

// ------------------------------------------------------------------ mapping

type Row = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const day = (v: unknown): string | undefined => (typeof v === 'string' && v.length >= 10 ? v.slice(0, 10) : undefined);
const lookup = (row: Row, col: string, entity: string): string | undefined => (row[`${col}${LOOKUP}`] === entity ? str(row[col]) : undefined);

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

function termsOf(row: Row, entity: string, cols: string[]): Term[] | undefined {
  const terms = cols.flatMap((c) => {
    const value = str(row[`${c}${LABEL}`]) ?? (typeof row[c] === 'string' && !c.startsWith('_') ? str(row[c]) : undefined);
    return value ? [{ field: `${entity}.${c}`, value }] : [];
  });
  return terms.length ? terms : undefined;
}

const ix = (r: SourceInteraction): SourceRecord => ({ type: 'interaction', record: r });
/** The record's form in the model-driven app. */
const recordUrl = (config: DynamicsConfig, entity: string, id: string) => `${new URL(config.orgUrl).origin}/main.aspx?pagetype=entityrecord&etn=${entity}&id=${id}`;

export function mapRow(table: Table, row: Row, config: DynamicsConfig, since: Date): SourceRecord[] {
  switch (table) {
    case 'systemusers': {
      const email = str(row.internalemailaddress);
      const name = str(row.fullname);
      const id = str(row.systemuserid);
      return id && email && name ? [{ type: 'person', record: { id, name, email: email.toLowerCase(), title: str(row.title) } }] : [];
    }
    case 'accounts': {
      const id = str(row.accountid);
      const name = str(row.name);
      if (!id || !name) return [];
      const owner = lookup(row, '_ownerid_value', 'systemuser');
      const out: SourceRecord[] = [{ type: 'account', record: { id, name, ...website(row.websiteurl), ownerId: owner, externalIds: { dynamics: id } } }];
      const date = day(row.createdon);
      if (owner && date) out.push(ix({ id: `account:${id}:owner`, personId: owner, accountId: id, kind: 'account-owner', date, url: recordUrl(config, 'account', id) }));
      return out;
    }
    case 'contacts': {
      const id = str(row.contactid);
      const name = str(row.fullname);
      return id && name ? [{ type: 'contact', record: { id, name, email: str(row.emailaddress1)?.toLowerCase(), title: str(row.jobtitle), accountId: lookup(row, '_parentcustomerid_value', 'account') } }] : [];
    }
    case 'opportunities': {
      const id = str(row.opportunityid);
      const owner = lookup(row, '_ownerid_value', 'systemuser');
      // statecode: 0 open, 1 won, 2 lost
      const kind = row.statecode === 1 ? 'deal-won' : row.statecode === 2 ? 'deal-lost' : 'deal-open';
      const date = day(kind === 'deal-open' ? row.modifiedon : (row.actualclosedate ?? row.modifiedon));
      if (!id || !owner || !date || (kind !== 'deal-open' && date < since.toISOString().slice(0, 10))) return [];
      return [ix({ id: `opportunity:${id}`, personId: owner, kind, date, accountId: str(row._parentaccountid_value), contactId: str(row._parentcontactid_value), title: str(row.name), terms: termsOf(row, 'opportunity', config.opportunityTermColumns), url: recordUrl(config, 'opportunity', id) })];
    }
    case 'incidents': {
      const id = str(row.incidentid);
      const owner = lookup(row, '_ownerid_value', 'systemuser');
      // statecode: 0 active, 1 resolved, 2 cancelled (not an interaction)
      if (!id || !owner || row.statecode === 2) return [];
      const resolved = row.statecode === 1;
      const date = day(resolved ? row.modifiedon : row.createdon);
      if (!date || (resolved && date < since.toISOString().slice(0, 10))) return [];
      return [
        ix({
          id: `incident:${id}`,
          personId: owner,
          kind: resolved ? 'case-resolved' : 'case-open',
          date,
          accountId: lookup(row, '_customerid_value', 'account'),
          contactId: str(row._primarycontactid_value) ?? lookup(row, '_customerid_value', 'contact'),
          terms: termsOf(row, 'incident', config.incidentTermColumns),
          url: recordUrl(config, 'incident', id),
        }),
      ];
    }
  }
}

/** The interaction a row stands for; withdrawn when the row no longer makes it (owner a team, cancelled, out of the look-back). */
const OWN: Record<Table, ((id: string) => string) | undefined> = {
  systemusers: undefined,
  contacts: undefined,
  accounts: (id) => `account:${id}:owner`,
  opportunities: (id) => `opportunity:${id}`,
  incidents: (id) => `incident:${id}`,
};
const KEY: Record<Table, string> = { systemusers: 'systemuserid', accounts: 'accountid', contacts: 'contactid', opportunities: 'opportunityid', incidents: 'incidentid' };

function tombstones(table: Table, id: string): SourceTombstone[] {
  switch (table) {
    case 'accounts':
      return [
        { type: 'account', id },
        { type: 'interaction', id: `account:${id}:owner` },
      ];
    case 'contacts':
      return [{ type: 'contact', id }];
    case 'opportunities':
      return [{ type: 'interaction', id: `opportunity:${id}` }];
    case 'incidents':
      return [{ type: 'interaction', id: `incident:${id}` }];
    default:
      return [];
  }
}

// ------------------------------------------------------------------ HTTP

/** Bearer token from Entra ID client credentials, fetched again once on 401. */
function authorizedFetch(ctx: ConnectorContext<DynamicsConfig>): (url: string, headers: Record<string, string>) => Promise<Response> {
  const { config } = ctx;
  const env = (name: string) => {
    const v = process.env[name];
    if (!v) throw new Error(`Dynamics: environment variable ${name} is not set`);
    return v;
  };
  const tokenUrl = config.tokenUrl ?? (config.tenantId ? `https://login.microsoftonline.com/${encodeURIComponent(config.tenantId)}/oauth2/v2.0/token` : undefined);
  if (!tokenUrl) throw new Error('Dynamics: set tenantId or tokenUrl');
  let token: string | undefined;
  async function fetchToken(): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: config.clientId ?? env(config.clientIdEnv), client_secret: env(config.clientSecretEnv), scope: `${new URL(config.orgUrl).origin}/.default` });
    const res = await ctx.fetch(tokenUrl!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    if (!res.ok) throw new Error(`Dynamics: the token endpoint answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
    const t = (await res.json()) as { access_token?: string };
    if (!t.access_token) throw new Error('Dynamics: the token endpoint sent no access_token');
    return t.access_token;
  }
  return async (url, headers) => {
    token ??= await fetchToken();
    let res = await ctx.fetch(url, { headers: { ...headers, authorization: `Bearer ${token}` } });
    if (res.status === 401) {
      await res.body?.cancel();
      token = await fetchToken();
      res = await ctx.fetch(url, { headers: { ...headers, authorization: `Bearer ${token}` } });
    }
    return res;
  };
}

interface DeltaPage {
  value: Row[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

// ------------------------------------------------------------------ sync

async function* syncDynamics(ctx: ConnectorContext<DynamicsConfig>): AsyncGenerator<SyncPage> {
  const { config, since } = ctx;
  const cursor = readCursor(ctx.cursor);
  const get = authorizedFetch(ctx);
  const base = `${new URL(config.orgUrl).origin}/api/data/v${config.apiVersion}`;
  const headers = {
    accept: 'application/json',
    'odata-version': '4.0',
    'odata-maxversion': '4.0',
    prefer: `odata.track-changes, odata.maxpagesize=${config.pageSize}, odata.include-annotations="${ANNOTATIONS}"`,
  };
  const columns = dynamicsColumns(config);
  const start = cursor.next ? DYNAMICS_TABLES.indexOf(cursor.next.table) : 0;
  // Tables before an interrupted one were read in this cycle; they wait for the next run.
  cursor.selected ??= {};
  for (const table of DYNAMICS_TABLES.slice(start)) {
    const select = columns[table].join(',');
    if (cursor.selected[table] !== select) {
      // New settings (other term columns): the old delta link would keep the old $select.
      cursor.delta[table] = undefined;
      if (cursor.next?.table === table) cursor.next = undefined;
      cursor.selected[table] = select;
    }
    /** Only a delta (a later read) can withdraw what an earlier read stored. */
    const delta = cursor.delta[table] !== undefined || (cursor.next?.table === table && cursor.next.url.includes('deltatoken'));
    let url = cursor.next?.table === table ? cursor.next.url : (cursor.delta[table] ?? `${base}/${table}?$select=${columns[table].join(',')}`);
    cursor.next = undefined;
    for (;;) {
      ctx.signal.throwIfAborted();
      const res = await get(url, headers);
      if (!res.ok) {
        const body = await res.text();
        // An expired or unknown delta token: read the table again from the start.
        if (url === cursor.delta[table] && (res.status === 400 || res.status === 410) && /token/i.test(body)) {
          cursor.delta[table] = undefined;
          url = `${base}/${table}?$select=${columns[table].join(',')}`;
          continue;
        }
        throw new Error(`Dynamics: ${table} answered ${res.status}: ${body.slice(0, 300)}`);
      }
      const page = (await res.json()) as DeltaPage;
      const upserts: SourceRecord[] = [];
      const deletes: SourceTombstone[] = [];
      for (const row of page.value) {
        const context = str(row['@odata.context']);
        if (context?.endsWith('/$deletedEntity') || row.reason === 'deleted') {
          const id = str(row.id);
          if (id) deletes.push(...tombstones(table, id));
        } else {
          const made = mapRow(table, row, config, since);
          upserts.push(...made);
          const own = OWN[table];
          const id = str(row[KEY[table]]);
          if (delta && own && id && !made.some((m) => m.record.id === own(id))) deletes.push({ type: 'interaction', id: own(id) });
        }
      }
      const next = page['@odata.nextLink'];
      if (next) cursor.next = { table, url: next };
      else if (page['@odata.deltaLink']) cursor.delta[table] = page['@odata.deltaLink'];
      yield { upserts, deletes, cursor: json(cursor) };
      if (!next) break;
      url = next;
      cursor.next = undefined;
    }
  }
}

const dynamics: Connector<DynamicsConfig> = {
  id: 'dynamics',
  label: 'Dynamics 365 / Dataverse',
  configSchema: dynamicsConfigSchema,
  lookBackDays: 4 * 365,
  // Dataverse service protection: 6,000 requests per user per 5 minutes.
  perMinute: 1200,
  disclosure: {
    scopes: [
      'Entra ID app registration with client credentials; token scope <org URL>/.default',
      'An application user in the environment with a security role granting organisation-level Read on User, Account, Contact, Opportunity and Case (no write, no other tables)',
      'Change tracking enabled on Account, Contact, Opportunity, Case and User',
    ],
    reads: [
      'systemusers: systemuserid, fullname, internalemailaddress, title',
      'accounts: accountid, name, websiteurl (→ domain), owner (_ownerid_value), createdon',
      'contacts: contactid, fullname, emailaddress1, jobtitle, parent account (_parentcustomerid_value)',
      'opportunities: opportunityid, name, parent account and contact, owner, statecode (open/won/lost), actualclosedate, modifiedon, the configured product columns',
      'incidents (cases): incidentid, owner, customer, primary contact, statecode, createdon, modifiedon, the configured columns (default case type, subject, product: their display labels)',
      'the ids of deleted rows (change tracking)',
    ],
    never: [
      'Descriptions, notes, e-mails, activities, attachments and any other table',
      'Amounts, revenue, quotes, products and price lists',
      'Phone numbers and addresses',
      'Closed opportunities and resolved cases older than the look-back window are dropped on reading (change tracking allows no $filter)',
    ],
  },
  sync: syncDynamics,
};

export const connector = dynamics;
export default dynamics;
