/**
 * The HTTP API (docs/graph-api.yaml) on Fastify. Every request is validated
 * with the contract's zod schemas (utils/contract/graph-api.ts); every error
 * is an RFC 9457 problem with a 4xx status for anything the caller can fix.
 * Logs name the route, never the URL with its query (search text) nor any
 * page text; the audit records ids and sizes only.
 */
import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { z } from 'zod';
import {
  AuditQuerySchema,
  TransparencyQuerySchema,
  DictionaryQuerySchema,
  ImportQuerySchema,
  PersonParamsSchema,
  PreferencesSchema,
  RankRequestSchema,
  RecurringQuerySchema,
  SearchQuerySchema,
  SyncRunsQuerySchema,
} from '../utils/contract/graph-api';
import { hitsWithPreferences, personWithPreferences } from '../utils/ranking/preferences';
import { recurringMinGroup } from '../utils/ranking/recurring';
import { preferencesRevision, readPreferences, writePreferences } from './graph/preferences';
import { ownProfile, RecurringCache, recurringFor } from './graph/own';
import type { Person } from '../utils/graph/model';
import type { Config } from './config';
import type { Database } from './db/database';
import { createAuthenticator, Unauthorized } from './auth';
import { Audit } from './audit';
import { Metrics } from './metrics';
import { BadCursor, DictionaryPages, Gone } from './graph/dictionary';
import { ImportBusy, importFiles } from './graph/ingest';
import { readGraphMeta, type ServerGraphMeta } from './graph/meta';
import { loadSearchIndex, personForViewer, searchForViewer, viewerOf } from './graph/people';
import { RankCache, rankForViewer } from './graph/rank';
import { streamInput } from './graph/sources';
import type { Viewer } from './graph/visibility';
import type { SearchIndex } from '../utils/ranking/search';
import { listRuns } from './sync/store';
import { evidenceRule } from '../utils/governance/evidence';
import { transparencyDoc } from '../utils/transparency/generate';
import { transparencyPdf } from '../utils/transparency/pdf';
import { serviceTransparencyConfig } from './transparency';
import { isWorker, workerSiblings } from './workers';

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
  }
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
  }
}

function parse<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const i = r.error.issues[0];
  const path = i.path.length ? ` at ${where}.${i.path.join('.')}` : ` in ${where}`;
  throw new Problem(400, 'Bad Request', `${i.message}${path}.`);
}

const publicPerson = (p: Person) => {
  const { discoverable: _hidden, ...rest } = p;
  return rest;
};

export interface AppOptions {
  config: Config;
  database: Database;
  /** Clock for ranking (tests). */
  now?: () => number;
  /** Logger: pino options or false. */
  logger?: boolean | object;
}

/** Cached per graph revision, re-read at most once a second (every server of a database sees an import within a second). */
export class GraphState {
  private meta: { at: number; value: ServerGraphMeta | null; prefs: string } | null = null;
  /** Moved by invalidate(): a read that began before it is not kept (it may predate an opt-out). */
  private generation = 0;
  private index: { revision: string; index: Promise<SearchIndex> } | null = null;
  constructor(private readonly database: Database) {}

  async graph(): Promise<ServerGraphMeta | null> {
    if (!this.meta || Date.now() - this.meta.at > 1000) {
      const generation = this.generation;
      const [value, prefs] = await Promise.all([readGraphMeta(this.database.read), preferencesRevision(this.database.read)]);
      if (generation !== this.generation) return value;
      this.meta = { at: Date.now(), value, prefs };
    }
    return this.meta.value;
  }

  /**
   * The rank cache's and the dictionary read-ahead's key: the graph's revision and the colleagues'
   * preferences revision (claims are folded). After an invalidate() with no read since, a key of its
   * own, which no cached entry has.
   */
  rankKey(graph: ServerGraphMeta | null): string {
    return this.meta ? `${graph?.revision ?? ''}#${this.meta.prefs}` : `${graph?.revision ?? ''}#invalidated-${this.generation}`;
  }

  async searchIndex(revision: string): Promise<SearchIndex> {
    if (this.index?.revision !== revision) {
      const index = loadSearchIndex(this.database.read);
      this.index = { revision, index };
      index.catch(() => (this.index = null));
    }
    return this.index.index;
  }

  private viewers = new Map<string, { at: number; viewer: Promise<Viewer> }>();

  /** The viewer's colleague record by email, remembered for 30 s (a new import is seen within that). */
  viewer(email: string, visibility: Config['visibility']): Promise<Viewer> {
    const hit = this.viewers.get(email);
    if (hit && Date.now() - hit.at < 30_000) return hit.viewer;
    if (this.viewers.size > 50_000) this.viewers.clear();
    const viewer = viewerOf(this.database.read, email, visibility);
    this.viewers.set(email, { at: Date.now(), viewer });
    viewer.catch(() => this.viewers.delete(email));
    return viewer;
  }

  invalidate(): void {
    this.generation++;
    this.meta = null;
    this.viewers.clear();
  }
}

export async function buildApp(o: AppOptions): Promise<FastifyInstance> {
  const { config, database } = o;
  const { read, db } = database;
  const now = o.now ?? Date.now;
  const app = Fastify({
    logger:
      o.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.authorization'],
            serializers: {
              // The route, never the URL: a query string may hold the user's search text.
              req: (req: { method: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url ?? 'unknown' }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            ...(typeof o.logger === 'object' ? o.logger : {}),
          },
    bodyLimit: 64 * 1024,
    // Long ids reach the contract's own check (400 with a reason), not the router's bare 414.
    routerOptions: { maxParamLength: 2000 },
    trustProxy: true,
  });
  const auth = createAuthenticator(config);
  const audit = new Audit(db, config.auditRetentionDays, config.worksCouncil.enabled);
  const metrics = new Metrics();
  const state = new GraphState(database);
  // A write that changes what rank and the dictionary answer: this process's caches now, the other workers' (KENNER_WORKERS) before it is answered.
  const siblings = isWorker() ? workerSiblings(() => state.invalidate()) : undefined;
  const invalidate = async () => {
    state.invalidate();
    await siblings?.stale();
  };
  const rankCache = new RankCache(config.rankCacheRows);
  const dictionary = new DictionaryPages(read);
  let ready = false;

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    let status = 500;
    let title = 'Internal Server Error';
    let detail = 'The service failed; the error is logged.';
    if (error instanceof Problem) ({ status, title, message: detail } = error);
    else if (error instanceof Unauthorized) {
      status = 401;
      title = 'Unauthorized';
      detail = error.message;
      void reply.header('WWW-Authenticate', 'Bearer realm="kenner"');
    } else if (error instanceof Gone) [status, title, detail] = [410, 'Gone', error.message];
    else if (error instanceof BadCursor) [status, title, detail] = [400, 'Bad Request', error.message];
    else if (error instanceof ImportBusy) [status, title, detail] = [409, 'Conflict', error.message];
    else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      title = STATUS_CODES[status] ?? 'Bad Request';
      detail = error.message;
    } else req.log.error({ err: error }, 'request failed');
    void reply.status(status).type('application/problem+json').send({ type: 'about:blank', title, status, detail });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No such path: ${req.method} ${req.url.split('?')[0]}` });
  });

  // JSON only: a text body is refused (415), not read as a string.
  app.removeContentTypeParser('text/plain');
  await app.register(cors, { origin: config.corsOrigins, methods: ['GET', 'POST'], allowedHeaders: ['Authorization', 'Content-Type'] });

  app.addHook('onResponse', async (req, reply) => {
    metrics.observe(req.method, req.routeOptions?.url ?? 'unknown', reply.statusCode, reply.elapsedTime / 1000);
  });

  // Everything under /v1 is for a signed-in viewer.
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/v1/')) return;
    const email = await auth.verify(req.headers.authorization).catch((e: unknown) => {
      if (e instanceof Unauthorized) throw e;
      req.log.warn({ err: e }, 'identity provider unreachable');
      throw new Problem(503, 'Service Unavailable', 'The identity provider could not be reached to check the token; try again.');
    });
    req.viewer = await state.viewer(email, config.visibility);
  });

  await app.register(rateLimit, {
    hook: 'preHandler',
    max: config.rateLimit,
    timeWindow: '1 minute',
    keyGenerator: (req) => req.viewer?.email ?? req.ip,
    allowList: (req) => !req.url.startsWith('/v1/'),
  });

  app.get('/livez', async () => ({ status: 'ok' }));
  app.get('/healthz', async (_req, reply) => {
    try {
      if (!ready) throw new Error('starting');
      await read.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok' };
    } catch {
      return reply.status(503).type('application/problem+json').send({ type: 'about:blank', title: 'Service Unavailable', status: 503, detail: 'Not ready.' });
    }
  });
  app.get('/metrics', async (_req, reply) => reply.type(metrics.contentType).send(await metrics.text()));

  const viewerOfReq = (req: { viewer?: Viewer }): Viewer => {
    if (!req.viewer) throw new Unauthorized('No access token.');
    return req.viewer;
  };

  app.get('/v1/dictionary', async (req, reply) => {
    const q = parse(DictionaryQuerySchema, req.query, 'query');
    const viewer = viewerOfReq(req);
    const graph = await state.graph();
    const page = await dictionary.page(q, viewer, config.visibility, state.rankKey(graph));
    return reply.type('application/json; charset=utf-8').send(page);
  });

  app.post('/v1/rank', async (req) => {
    const viewer = viewerOfReq(req);
    const body = parse(RankRequestSchema, req.body, 'body');
    const graph = await state.graph();
    const suggestions = graph
      ? await rankForViewer(read, body.entities, graph.refTime, viewer, config.visibility, { me: body.me, limit: body.limit, now: now(), cache: rankCache.use(state.rankKey(graph)), worksCouncil: config.worksCouncil })
      : [];
    audit.record(viewer, 'rank', body.entities.map((e) => e.id), suggestions.map((s) => s.person.id));
    return { suggestions };
  });

  app.get('/v1/people/search', async (req) => {
    const viewer = viewerOfReq(req);
    const q = parse(SearchQuerySchema, req.query, 'query');
    const graph = await state.graph();
    if (!graph) return { results: [] };
    const index = await state.searchIndex(graph.revision);
    const found = await searchForViewer(read, index, q.q, q.limit, viewer, config.visibility, (entities) =>
      rankForViewer(read, entities, graph.refTime, viewer, config.visibility, { limit: q.limit, now: now(), cache: rankCache.use(state.rankKey(graph)), worksCouncil: config.worksCouncil }),
    );
    const results = hitsWithPreferences(found, await readPreferences(read, found.map((h) => h.person.id)), { now: now() });
    // The search text itself is not recorded: only that a search happened, and whom it showed.
    audit.record(viewer, 'search', [], results.map((r) => r.person.id));
    return { results };
  });

  app.get('/v1/people/:id', async (req) => {
    const viewer = viewerOfReq(req);
    const { id } = parse(PersonParamsSchema, req.params, 'path');
    const person = await personForViewer(read, id, viewer, config.visibility);
    if (!person) throw new Problem(404, 'Not Found', 'No such colleague.');
    audit.record(viewer, 'person', [], [person.id]);
    return publicPerson(personWithPreferences(person, (await readPreferences(read, [person.id]))[person.id], { now: now() }));
  });

  app.get('/v1/me/lookups', async (req) => {
    const viewer = viewerOfReq(req);
    return { months: viewer.personId ? await audit.lookupsOf(viewer.personId) : [] };
  });

  // The colleague's own view (issue 15): what the service shows about the viewer, their choices, recurring problems.
  app.get('/v1/me/profile', async (req) => {
    const viewer = viewerOfReq(req);
    const graph = await state.graph();
    const profile = await ownProfile(read, viewer, config.visibility, graph?.refTime ?? now(), now(), graph ? rankCache.use(state.rankKey(graph)) : undefined);
    return { ...profile, lookups: viewer.personId ? await audit.lookupsOf(viewer.personId) : [] };
  });

  app.post('/v1/me/preferences', async (req) => {
    const viewer = viewerOfReq(req);
    const body = parse(PreferencesSchema, req.body, 'body');
    if (!viewer.personId) throw new Problem(403, 'Forbidden', 'Your sign-in is not a colleague of the graph: there is nothing to set preferences for.');
    const saved = await writePreferences(db, viewer.personId, body);
    await invalidate();
    return saved;
  });

  const recurringCache = new RecurringCache();
  app.get('/v1/recurring', async (req) => {
    viewerOfReq(req);
    const q = parse(RecurringQuerySchema, req.query, 'query');
    const graph = await state.graph();
    const minGroup = recurringMinGroup(config.worksCouncil);
    const topics = graph ? await recurringFor(read, recurringCache, graph.revision, now(), q.days, minGroup) : [];
    return { days: q.days, minGroup, topics };
  });

  app.get('/v1/admin/audit', async (req, reply) => {
    const viewer = viewerOfReq(req);
    if (!config.auditors.has(viewer.email)) throw new Problem(403, 'Forbidden', 'Only the auditors named in KENNER_AUDITORS may export the audit log.');
    const q = parse(AuditQuerySchema, req.query, 'query');
    void reply.type('application/x-ndjson');
    return reply.send(audit.export(q.from, q.to));
  });

  app.get('/v1/admin/sync-runs', async (req) => {
    const viewer = viewerOfReq(req);
    if (!config.auditors.has(viewer.email)) throw new Problem(403, 'Forbidden', 'Only the auditors named in KENNER_AUDITORS may read the sync log.');
    const q = parse(SyncRunsQuerySchema, req.query, 'query');
    return { runs: await listRuns(db, q) };
  });

  app.get('/v1/admin/transparency', async (req, reply) => {
    const viewer = viewerOfReq(req);
    if (!config.auditors.has(viewer.email)) throw new Problem(403, 'Forbidden', 'Only the auditors named in KENNER_AUDITORS may write the transparency pack.');
    const q = parse(TransparencyQuerySchema, req.query, 'query');
    const doc = transparencyDoc(q.doc, q.lang, await serviceTransparencyConfig(read, config, await state.graph(), audit, new Date(now())));
    if (q.format === 'md') return reply.type('text/markdown; charset=utf-8').header('Content-Disposition', `attachment; filename="${doc.fileName}.md"`).send(doc.markdown);
    const pdf = await transparencyPdf(doc);
    return reply.type('application/pdf').header('Content-Disposition', `attachment; filename="${doc.fileName}.pdf"`).send(Buffer.from(pdf));
  });

  // The import endpoint reads its body as a stream, in its own context (other routes keep the JSON parser and the 64 KB limit).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { bodyLimit: 50 * 1024 ** 3 }, (_req, payload, done) => done(null, payload));
    scope.post('/v1/admin/import', { bodyLimit: 50 * 1024 ** 3 }, async (req, reply) => {
      const viewer = viewerOfReq(req);
      if (!config.admins.has(viewer.email)) throw new Problem(403, 'Forbidden', 'Only the administrators named in KENNER_ADMINS may import a graph.');
      const q = parse(ImportQuerySchema, req.query, 'query');
      if (!req.body) throw new Problem(400, 'Bad Request', 'The request has no body: send the graph file as the body.');
      const result = await importFiles(db, [streamInput(q.name, req.body as NodeJS.ReadableStream as never)], { mode: q.mode, source: 'import', evidence: (refTime) => evidenceRule(config.worksCouncil, refTime) });
      await invalidate();
      metrics.imported(result.ok);
      if (!result.ok) return reply.status(422).send(result);
      return result;
    });
  });

  app.addHook('onReady', async () => {
    ready = true;
    audit.start();
  });
  app.addHook('onClose', async () => {
    ready = false;
    await audit.stop();
  });
  return app;
}
