/**
 * What a page report carries: the page's full entity set, from the text and
 * email matches (counts) plus the site adapter's structured reading (record
 * id from the URL → focal, record name, requester, organisation, sender,
 * recipients…), and the adapter's selectors that missed. `via`: record >
 * email > text. Reads the page only through the adapter.
 */
import type { EntityKind } from '../graph/model';
import { readsOnlyText, type AdapterContext, type FieldValue, type PersonField, type SiteAdapter } from '../sites/types';
import type { Matcher } from '../spotting/matcher';
import { MAX_PAGE_ENTITIES, type DetectedEntity, type DetectionVia } from '../spotting/types';
import type { EntityCount, KindSwitches } from './match-state';

export interface EngineReport {
  adapter: string;
  entities: DetectedEntity[];
  misses: string[];
  navigation: number;
  /** Entities found beyond MAX_PAGE_ENTITIES (the strongest are reported). */
  more?: number;
  /** Kenner stopped on this page: it added more known names at once than a person could write (a probe). */
  guarded?: true;
  /** The site adapter read nothing structural (utils/sites/types.ts readsOnlyText). */
  textOnly?: true;
  /**
   * Colleagues the page names in structured fields (signed-in user, owner, assignee, the open
   * message's people): company addresses and names only; resolved against the graph's people in
   * the background, never stored with the tab and never sent to a source.
   */
  people?: PersonField[];
  /** Mail: a list without an open message. */
  listView?: true;
}

/** At most this many people fields per report. */
const MAX_PEOPLE = 40;

export interface ReportInput {
  matcher: Matcher;
  adapter: SiteAdapter;
  kinds: KindSwitches;
  /** Text and email matches per entity. */
  counts: ReadonlyMap<number, EntityCount>;
  ctx: AdapterContext;
  navigation: number;
}

const VIA_RANK: Record<DetectionVia, number> = { record: 3, email: 2, text: 1 };

/** The report of the page as it is now (entities sorted: focal first, then by via, count and id; the strongest MAX_PAGE_ENTITIES). */
export function buildReport({ matcher: m, adapter, kinds, counts, ctx, navigation }: ReportInput): EngineReport {
  const agg = new Map<number, { via: number; count: number; focal: boolean }>();
  const bump = (e: number, via: DetectionVia, count: number, focal = false) => {
    const a = agg.get(e);
    if (!a) agg.set(e, { via: VIA_RANK[via], count, focal });
    else {
      a.via = Math.max(a.via, VIA_RANK[via]);
      a.count += count;
      a.focal ||= focal;
    }
  };
  for (const [e, c] of counts) if (c.n > 0) bump(e, c.via === 2 ? 'email' : 'text', c.n);

  let misses: string[] = [];
  let fields: FieldValue[] = [];
  const people: PersonField[] = [];
  try {
    const rec = adapter.record(ctx);
    if (rec) {
      // Only account/contact/lead pages have a focal graph entity (an opportunity or ticket is not one).
      const want = kindOfObject(rec.objectType);
      if (want) {
        let ents = rec.externalId ? m.lookupExternal(rec.system, rec.externalId).filter((e) => m.kindOf(e) === want) : [];
        if (!ents.length && rec.name) ents = m.lookupName(rec.name).filter((e) => m.kindOf(e) === want);
        for (const e of ents) bump(e, 'record', 0, true);
      }
    }
    const f = adapter.fields(ctx);
    misses = f.misses;
    fields = f.fields;
    for (const p of f.people ?? []) {
      if (people.length >= MAX_PEOPLE) break;
      // An address goes only when it is a colleague's (a company domain); a customer's stays in the page.
      if (p.email) {
        if (m.matchEmail(p.email).company) people.push({ role: p.role, email: p.email.toLowerCase() });
      } else if (p.name) people.push({ role: p.role, name: p.name });
    }
    for (const field of f.fields) {
      if (field.email) {
        const r = m.matchEmail(field.email);
        for (const e of r.ents) bump(e, 'email', 0, !!field.focal);
      }
      if (field.name) {
        let ents = m.lookupName(field.name);
        const want = kindOfRole(field.role);
        if (want) ents = ents.filter((e) => m.kindOf(e) === want);
        if (ents.length) for (const e of ents) bump(e, 'record', 0, !!field.focal);
        else if (!field.email) for (const t of m.matchText(field.name, [])) for (const e of t.ents) bump(e, 'text', 0, false);
      }
    }
  } catch (err) {
    misses = [...misses, 'adapter-error'];
    console.debug('Kenner adapter failed', err);
  }

  // Mail: what the open message says outweighs the rest of the list (ranking weights); a list alone says so.
  let open: Set<number> | null = null;
  let listView = false;
  try {
    const item = adapter.openItem?.(ctx);
    if (item === null) listView = true;
    else if (item) open = new Set(m.matchText(item.textContent ?? '', []).flatMap((t) => t.ents));
  } catch (err) {
    console.debug('Kenner adapter failed', err);
  }

  const entities: DetectedEntity[] = [];
  for (const [e, a] of agg) {
    const kind = m.kindOf(e);
    if (!kinds[kind]) continue;
    const d: DetectedEntity = { kind, id: m.idOf(e), name: m.nameOf(e), via: a.via === 3 ? 'record' : a.via === 2 ? 'email' : 'text', count: Math.max(1, a.count) };
    if (a.focal) d.focal = true;
    if (open?.has(e)) d.open = true;
    entities.push(d);
  }
  entities.sort((x, y) => Number(!!y.focal) - Number(!!x.focal) || VIA_RANK[y.via] - VIA_RANK[x.via] || y.count - x.count || x.id.localeCompare(y.id));
  const report: EngineReport = { adapter: adapter.id, entities, misses: [...new Set(misses)].sort(), navigation };
  if (readsOnlyText(adapter.id, { fields, misses })) report.textOnly = true;
  if (people.length) report.people = people;
  if (listView) report.listView = true;
  if (entities.length > MAX_PAGE_ENTITIES) {
    report.more = entities.length - MAX_PAGE_ENTITIES;
    entities.length = MAX_PAGE_ENTITIES;
  }
  return report;
}

function kindOfObject(objectType: string): EntityKind | null {
  const o = objectType.toLowerCase();
  if (['account', 'company', 'organization', 'organisation'].includes(o)) return 'account';
  if (['contact', 'lead', 'person', 'user', 'requester'].includes(o)) return 'contact';
  return null;
}

function kindOfRole(role: string): EntityKind | null {
  if (role === 'account' || role === 'organisation') return 'account';
  if (role === 'contact' || role === 'requester' || role === 'sender' || role === 'recipient' || role === 'cc') return 'contact';
  return null;
}
