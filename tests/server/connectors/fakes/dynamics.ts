/**
 * A fake Dataverse environment and Entra ID token endpoint, answering as
 * Microsoft documents them (tests/fixtures/connectors/dynamics/SOURCE.md):
 * `GET /api/data/v9.2/<entity set>?$select=…` with `Prefer: odata.track-changes,
 * odata.maxpagesize=N, odata.include-annotations=…`, `Preference-Applied`,
 * `@odata.context`, `@odata.etag`, `@odata.nextLink` with a `$skiptoken` paging
 * cookie, `@odata.deltaLink` with `$deltatoken`, deleted rows as
 * `{"@odata.context": "…/$deletedEntity", "id", "reason": "deleted"}`, the
 * OData error body `{"error": {"code", "message"}}`, `401` with
 * `WWW-Authenticate` for a missing or expired token, and the client
 * credentials grant at `/<tenant>/oauth2/v2.0/token`.
 *
 * Every row has a version (like Dataverse's row version); a delta token is the
 * version at which its read ended.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startFake, type FakeRequest, type FakeResponse, type FakeServer } from '../fake-server';

export type DvRow = Record<string, unknown>;
export type DvTenant = Record<string, DvRow[]>;

const KEYS: Record<string, string> = { systemusers: 'systemuserid', accounts: 'accountid', contacts: 'contactid', opportunities: 'opportunityid', incidents: 'incidentid' };
/** The columns each table has in the fake (more than the connector reads). */
export const DV_COLUMNS: Record<string, string[]> = {
  systemusers: ['systemuserid', 'fullname', 'internalemailaddress', 'title', 'jobtitle', 'mobilephone', 'isdisabled', 'modifiedon'],
  accounts: ['accountid', 'name', 'websiteurl', '_ownerid_value', 'createdon', 'modifiedon', 'telephone1', 'revenue', 'description'],
  contacts: ['contactid', 'fullname', 'emailaddress1', 'jobtitle', '_parentcustomerid_value', 'telephone1', 'modifiedon'],
  opportunities: ['opportunityid', 'name', '_parentaccountid_value', '_parentcontactid_value', '_ownerid_value', 'statecode', 'actualclosedate', 'estimatedvalue', 'description', 'modifiedon'],
  incidents: ['incidentid', 'title', 'description', '_ownerid_value', '_customerid_value', '_primarycontactid_value', 'statecode', 'casetypecode', '_subjectid_value', '_productid_value', 'createdon', 'modifiedon'],
};

export interface FakeDynamics extends FakeServer {
  tenant: DvTenant;
  /** `$select` lists received, per entity set. */
  selects: { table: string; columns: string[] }[];
  tokenPath: string;
  expireTokens(): void;
  put(table: string, row: DvRow): void;
  remove(table: string, id: string): void;
}

const odataError = (status: number, code: string, message: string): FakeResponse => ({ status, body: { error: { code, message } } });

export async function startFakeDynamics(options: { tenant: DvTenant; tenantId?: string; clientId?: string; clientSecret?: string }): Promise<FakeDynamics> {
  const tenant = options.tenant;
  const tokenPath = `/${options.tenantId ?? '72f988bf-86f1-41af-91ab-2d7cd011db47'}/oauth2/v2.0/token`;
  const tokens = new Set<string>();
  let issued = 0;
  let version = 1000;
  const versions = new Map<string, number>();
  const deleted: { table: string; id: string; version: number }[] = [];
  const selects: FakeDynamics['selects'] = [];
  const vkey = (table: string, id: string) => `${table}/${id}`;
  for (const [table, rows] of Object.entries(tenant)) for (const r of rows) versions.set(vkey(table, String(r[KEYS[table]])), ++version);

  const handler = (req: FakeRequest): FakeResponse => {
    if (req.method === 'POST' && req.path === tokenPath) {
      const form = new URLSearchParams(req.body);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== (options.clientId ?? 'dv-client') || form.get('client_secret') !== (options.clientSecret ?? 'dv-secret')) {
        return { status: 401, body: { error: 'invalid_client', error_description: "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.", error_codes: [7000215] } };
      }
      if (!form.get('scope')?.endsWith('/.default')) return { status: 400, body: { error: 'invalid_scope', error_description: 'AADSTS1002012: The provided value for scope is not valid.' } };
      const token = `eyJ0eXAiOiJKV1Qi.fake.${++issued}`;
      tokens.add(token);
      return { body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token } };
    }
    const m = /^\/api\/data\/v(\d+\.\d+)\/([a-z]+)$/.exec(req.path);
    if (!m) return odataError(404, '0x80060888', 'Resource not found for the segment.');
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''));
    if (!auth || !tokens.has(auth[1])) return { status: 401, headers: { 'www-authenticate': `Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id=${self.url}` } };
    const table = m[2];
    if (!KEYS[table]) return odataError(404, '0x80060888', `Resource not found for the segment '${table}'.`);
    const prefer = String(req.headers.prefer ?? '');
    const tracking = /odata\.track-changes/.test(prefer);
    const maxpage = Number(/odata\.maxpagesize=(\d+)/.exec(prefer)?.[1] ?? 5000);
    const annotations = /odata\.include-annotations="([^"]*)"/.exec(prefer)?.[1] ?? '';
    if (req.query.has('$filter') && tracking) return odataError(400, '0x80060888', 'Change tracking does not support $filter.');
    const select = (req.query.get('$select') ?? '').split(',').filter(Boolean);
    for (const c of select) if (!DV_COLUMNS[table].includes(c)) return odataError(400, '0x80060888', `Could not find a property named '${c}' on type 'Microsoft.Dynamics.CRM.${table.replace(/s$/, '')}'.`);
    selects.push({ table, columns: select });

    const deltatoken = req.query.get('$deltatoken');
    let from = 0;
    if (deltatoken) {
      from = Number(deltatoken.split('!')[0]);
      if (!Number.isFinite(from)) return odataError(400, '0x80044352', 'The delta token is invalid or has expired.');
    }
    const key = KEYS[table];
    const changed = (tenant[table] ?? []).filter((r) => (versions.get(vkey(table, String(r[key]))) ?? 0) > from).sort((a, b) => (versions.get(vkey(table, String(a[key]))) ?? 0) - (versions.get(vkey(table, String(b[key]))) ?? 0));
    const gone = deltatoken ? deleted.filter((d) => d.table === table && d.version > from) : [];
    const context = `${self.url}/api/data/v${m[1]}/$metadata#${table}(${select.join(',')})${deltatoken ? '/$delta' : ''}`;
    const shaped: DvRow[] = [
      ...changed.map((r) => {
        const out: DvRow = { '@odata.etag': `W/"${versions.get(vkey(table, String(r[key])))}"` };
        for (const c of select) {
          out[c] = r[c] ?? null;
          for (const a of annotations.split(',')) if (a && r[`${c}@${a}`] !== undefined) out[`${c}@${a}`] = r[`${c}@${a}`];
        }
        out[key] = r[key];
        return out;
      }),
      ...gone.map((d) => ({ '@odata.context': `${self.url}/api/data/v${m[1]}/$metadata#${table}/$deletedEntity`, id: d.id, reason: 'deleted' })),
    ];
    const page = Number(/pagenumber="(\d+)"/.exec(req.query.get('$skiptoken') ?? '')?.[1] ?? 1);
    const slice = shaped.slice((page - 1) * maxpage, page * maxpage);
    const body: Record<string, unknown> = { '@odata.context': context, value: slice };
    const link = (extra: Record<string, string>) => {
      const u = new URL(`${self.url}/api/data/v${m[1]}/${table}`);
      u.searchParams.set('$select', select.join(','));
      for (const [k, v] of Object.entries(extra)) u.searchParams.set(k, v);
      return u.href;
    };
    if (page * maxpage < shaped.length) {
      body['@odata.nextLink'] = link({ ...(deltatoken ? { $deltatoken: deltatoken } : {}), $skiptoken: `<cookie pagenumber="${page + 1}" istracking="${tracking ? 'True' : 'False'}" />` });
    } else if (tracking) {
      body['@odata.deltaLink'] = link({ $deltatoken: `${version}!${new Date().toISOString().slice(0, 19)}` });
    }
    const applied = [tracking ? 'odata.track-changes' : '', `odata.maxpagesize=${maxpage}`, annotations ? `odata.include-annotations="${annotations}"` : ''].filter(Boolean).join(',');
    return { headers: { 'preference-applied': applied, 'odata-version': '4.0' }, body };
  };

  const base = await startFake(handler);
  const self: FakeDynamics = Object.assign(base, {
    tenant,
    selects,
    tokenPath,
    expireTokens: () => tokens.clear(),
    put(table: string, row: DvRow) {
      const list = (tenant[table] ??= []);
      const id = String(row[KEYS[table]]);
      const i = list.findIndex((r) => r[KEYS[table]] === id);
      if (i >= 0) list[i] = row;
      else list.push(row);
      versions.set(vkey(table, id), ++version);
    },
    remove(table: string, id: string) {
      tenant[table] = (tenant[table] ?? []).filter((r) => r[KEYS[table]] !== id);
      deleted.push({ table, id, version: ++version });
    },
  });
  return self;
}

/** The story tenant (tests/fixtures/connectors/dynamics/story.json): each table as the Web API answers it. */
export function dynamicsStory(): DvTenant {
  const file = fileURLToPath(new URL('../../../fixtures/connectors/dynamics/story.json', import.meta.url));
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { value: DvRow[] }>;
  const out: DvTenant = {};
  for (const [table, res] of Object.entries(raw)) out[table] = res.value.map(({ '@odata.etag': _e, ...r }) => r);
  return out;
}

/** The story environment, served, with the environment variables and connector settings that read it. */
export async function serveDynamicsStory(): Promise<{ server: FakeDynamics; env: Record<string, string>; config: Record<string, unknown> }> {
  const server = await startFakeDynamics({ tenant: dynamicsStory() });
  return {
    server,
    env: { KENNER_STORY_DV_SECRET: 'dv-secret' },
    config: { orgUrl: server.url, tokenUrl: `${server.url}${server.tokenPath}`, clientId: 'dv-client', clientSecretEnv: 'KENNER_STORY_DV_SECRET' },
  };
}
