/**
 * Test-only connectors for the sync pipeline's tests (they are not under
 * test: the pipeline is). A tenant is a small change log served by a local
 * fake API (tests/server/connectors/fake-server.ts): `GET /changes?after=N&limit=K`
 * answers the changes after sequence number N. The connector pages through it
 * with `ctx.fetch` and yields each page with the last sequence number as cursor.
 */
import { z } from 'zod';
import type { Connector, SourceId, SourceRecord, SourceTombstone, SyncPage } from '../../server/connectors/types';
import { fetchJson } from '../../server/sync/http';
import { startFake, type FakeServer } from './connectors/fake-server';

type Change = { seq: number } & ({ upsert: SourceRecord } | { delete: SourceTombstone });

export class Tenant {
  private seq = 0;
  readonly changes: Change[] = [];
  fake!: FakeServer;

  upsert(...records: SourceRecord[]): this {
    for (const r of records) this.changes.push({ seq: ++this.seq, upsert: structuredClone(r) });
    return this;
  }

  remove(type: SourceRecord['type'], id: string): this {
    this.changes.push({ seq: ++this.seq, delete: { type, id } });
    return this;
  }

  async start(): Promise<this> {
    this.fake = await startFake((req) => {
      if (req.path !== '/changes') return { status: 404, body: { error: 'not found' } };
      const after = Number(req.query.get('after') ?? 0);
      const limit = Number(req.query.get('limit') ?? 100);
      const items = this.changes.filter((c) => c.seq > after).slice(0, limit);
      return { body: { items, more: this.changes.some((c) => c.seq > (items.at(-1)?.seq ?? after)) } };
    });
    return this;
  }

  get url(): string {
    return this.fake.url;
  }

  close(): Promise<void> {
    return this.fake.close();
  }
}

export const TenantConfigSchema = z.object({ baseUrl: z.string().url(), pageSize: z.number().int().min(1).default(2) });
type TenantConfig = z.infer<typeof TenantConfigSchema>;

export interface TenantConnectorSeen {
  since?: Date;
  internal: Array<[string, boolean]>;
  excluded: Array<[string, boolean]>;
}

/** A connector over a Tenant's fake API, under a real source id (the registry's ids are the only ones allowed). */
export function tenantConnector(id: SourceId, lookBackDays = 4 * 365, seen?: TenantConnectorSeen, probe: string[] = []): Connector<TenantConfig> {
  return {
    id,
    label: `test ${id}`,
    configSchema: TenantConfigSchema,
    disclosure: { scopes: ['test'], reads: ['test changes'], never: ['bodies'] },
    lookBackDays,
    async *sync(ctx): AsyncIterable<SyncPage> {
      if (seen) {
        seen.since = ctx.since;
        for (const e of probe) {
          seen.internal.push([e, ctx.isInternal(e)]);
          seen.excluded.push([e, ctx.isExcluded(e)]);
        }
      }
      let after = typeof ctx.cursor === 'object' && ctx.cursor && !Array.isArray(ctx.cursor) ? Number(ctx.cursor.after ?? 0) : 0;
      for (;;) {
        const page = await fetchJson<{ items: Change[]; more: boolean }>(ctx.fetch, `${ctx.config.baseUrl}/changes?after=${after}&limit=${ctx.config.pageSize}`);
        if (!page.items.length) return;
        after = page.items.at(-1)!.seq;
        yield {
          upserts: page.items.flatMap((c) => ('upsert' in c ? [c.upsert] : [])),
          deletes: page.items.flatMap((c) => ('delete' in c ? [c.delete] : [])),
          cursor: { after },
        };
        if (!page.more) return;
      }
    },
  };
}
