/**
 * The page scanning engine (content script side, plain DOM, no framework):
 * walks the page once in time-boxed chunks, then scans only what mutations
 * added or changed; one MutationObserver per root (document, each open
 * shadow root, same-origin iframe documents). Keeps per-text-node matches so
 * highlights and counts change incrementally, reads the site adapter's
 * structured fields, and reports the page's full entity set (debounced).
 * See spotting.design.md.
 */
import type { EntityKind } from '../graph/model';
import type { AdapterContext, SiteAdapter } from '../sites/types';
import { Highlighter } from './highlights';
import type { Matcher, TextMatch } from '../spotting/matcher';
import type { DetectedEntity, DetectionVia } from '../spotting/types';
import { insideSkipped, isRendered, skipElement } from '../sites/visibility';
import { yieldTask } from '../spotting/yield-task';

export interface EngineConfig {
  highlight: boolean;
  kinds: { account: boolean; contact: boolean; topic: boolean };
}

export interface EngineReport {
  adapter: string;
  entities: DetectedEntity[];
  misses: string[];
  navigation: number;
}

export interface EngineOptions {
  doc?: Document;
  matcher: Matcher | null;
  adapter: SiteAdapter;
  config: EngineConfig;
  onReport?: (report: EngineReport) => void;
  /** Debounce of reports after changes (ms). */
  reportDelayMs?: number;
  /** Batching of mutations (ms). */
  flushDelayMs?: number;
  /** Work per chunk before yielding to the page (ms). */
  budgetMs?: number;
  /** After an in-app navigation, wait this long for the new record to render (ms). */
  navigationSettleMs?: number;
}

interface NodeMatch {
  start: number;
  end: number;
  ents: number[];
  via: 'text' | 'email';
  kind: EntityKind;
  range: AbstractRange | null;
}

type Root = Document | ShadowRoot;

const VIA_RANK: Record<DetectionVia, number> = { record: 3, email: 2, text: 1 };

const now = () => performance.now();

export class SpotEngine {
  readonly doc: Document;
  navigation = 0;
  private matcher: Matcher | null;
  private adapter: SiteAdapter;
  private config: EngineConfig;
  private readonly opts: Required<Pick<EngineOptions, 'reportDelayMs' | 'flushDelayMs' | 'budgetMs' | 'navigationSettleMs'>>;
  private readonly onReport?: (r: EngineReport) => void;
  readonly highlighter = new Highlighter();

  private states = new Map<Text, NodeMatch[]>();
  /** Matched text that is not rendered right now (re-checked on later batches). */
  private hiddenMatched = new Set<Text>();
  private counts = new Map<number, { n: number; via: number }>();
  private roots: Root[] = [];
  private observers = new Map<Root, MutationObserver>();
  private pending: MutationRecord[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private reportTimer: ReturnType<typeof setTimeout> | null = null;
  private settleTimer: ReturnType<typeof setTimeout> | null = null;
  private gen = 0;
  private running = false;
  private busy: Promise<void> = Promise.resolve();
  private lastSignature = '';
  private readonly framesSeen = new WeakSet<HTMLIFrameElement>();
  private lastNavigationReported = -1;
  private scratch: TextMatch[] = [];
  /** Matches changed since the last report. */
  private dirty = false;

  constructor(o: EngineOptions) {
    this.doc = o.doc ?? document;
    this.matcher = o.matcher;
    this.adapter = o.adapter;
    this.config = { highlight: o.config.highlight, kinds: { ...o.config.kinds } };
    this.onReport = o.onReport;
    this.opts = {
      reportDelayMs: o.reportDelayMs ?? 250,
      flushDelayMs: o.flushDelayMs ?? 16,
      budgetMs: o.budgetMs ?? 6,
      navigationSettleMs: o.navigationSettleMs ?? 120,
    };
    this.highlighter.setEnabled(this.config.highlight);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Starts observing and runs the first full scan (resolves when it is done and reported). */
  start(): Promise<void> {
    if (this.running) return this.busy;
    this.running = true;
    this.addRoot(this.doc);
    return this.enqueueFullScan(true);
  }

  /** Stops observing and removes every highlight (pause, teardown). */
  stop(): void {
    this.running = false;
    this.gen++;
    for (const o of this.observers.values()) o.disconnect();
    this.observers.clear();
    this.roots = [];
    this.pending = [];
    for (const t of [this.flushTimer, this.reportTimer, this.settleTimer]) if (t) clearTimeout(t);
    this.flushTimer = this.reportTimer = this.settleTimer = null;
    this.clearState();
  }

  dispose(): void {
    this.stop();
    this.highlighter.dispose();
  }

  setMatcher(m: Matcher | null): Promise<void> {
    this.matcher = m;
    return this.running ? this.enqueueFullScan(true) : Promise.resolve();
  }

  setAdapter(a: SiteAdapter): void {
    this.adapter = a;
  }

  getAdapter(): SiteAdapter {
    return this.adapter;
  }

  getMatcher(): Matcher | null {
    return this.matcher;
  }

  setConfig(c: Partial<EngineConfig>): void {
    if (c.highlight !== undefined && c.highlight !== this.config.highlight) {
      this.config.highlight = c.highlight;
      this.highlighter.setEnabled(c.highlight);
    }
    if (c.kinds) {
      const changed = (Object.keys(c.kinds) as EntityKind[]).some((k) => c.kinds![k] !== this.config.kinds[k]);
      if (changed) {
        this.config.kinds = { ...c.kinds };
        this.rehighlight();
        this.scheduleReport(0);
      }
    }
  }

  /**
   * In-app navigation: forget the previous record at once (report an empty
   * page with a new navigation number), then rescan once the new record rendered.
   */
  navigate(): void {
    if (!this.running) return;
    this.navigation++;
    this.gen++;
    this.clearState();
    // Nothing of the previous record survives: an empty report now, the new record after it rendered.
    this.lastSignature = '';
    this.lastNavigationReported = this.navigation;
    this.onReport?.({ adapter: this.adapter.id, entities: [], misses: [], navigation: this.navigation });
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      void this.enqueueFullScan(true);
    }, this.opts.navigationSettleMs);
  }

  /** Resolves when queued work (scans, pending mutations) has been processed. */
  async idle(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const b = this.busy;
      if (this.flushTimer) {
        clearTimeout(this.flushTimer);
        this.flushTimer = null;
        this.busy = this.busy.then(() => this.flush());
      }
      await this.busy;
      if (b === this.busy && !this.flushTimer && !this.pending.length) break;
    }
  }

  /** Sends the report now (tests, teardown). */
  async reportNow(): Promise<EngineReport> {
    await this.idle();
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.reportTimer = null;
    return this.emit(true);
  }

  /** The known roots (document, open shadow roots, same-origin frame documents). */
  getRoots(): ReadonlyArray<Root> {
    return this.roots;
  }

  /** The entity under a caret position (hover card). */
  matchAt(node: Node, offset: number): { ent: number; kind: EntityKind; id: string; name: string; range: AbstractRange | null } | null {
    const list = node.nodeType === 3 ? this.states.get(node as Text) : undefined;
    if (!list || !this.matcher) return null;
    for (const m of list) {
      if (offset >= m.start && offset < m.end && this.config.kinds[m.kind]) {
        const ent = m.ents.find((e) => this.config.kinds[this.matcher!.kindOf(e)]) ?? m.ents[0];
        return { ent, kind: this.matcher.kindOf(ent), id: this.matcher.idOf(ent), name: this.matcher.nameOf(ent), range: m.range };
      }
    }
    return null;
  }

  /** The current full entity set and adapter misses (what reports carry). */
  current(): EngineReport {
    const m = this.matcher;
    const adapterId = this.adapter.id;
    if (!m) return { adapter: adapterId, entities: [], misses: [], navigation: this.navigation };
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
    for (const [e, c] of this.counts) if (c.n > 0) bump(e, c.via === 2 ? 'email' : 'text', c.n);

    let misses: string[] = [];
    const ctx: AdapterContext = { url: new URL(this.doc.location?.href || 'about:blank'), doc: this.doc, roots: this.roots.length ? this.roots : [this.doc] };
    try {
      const rec = this.adapter.record(ctx);
      if (rec) {
        // Only account/contact/lead pages have a focal graph entity (an opportunity or ticket is not one).
        const want = kindOfObject(rec.objectType);
        if (want) {
          let ents = rec.externalId ? m.lookupExternal(rec.system, rec.externalId).filter((e) => m.kindOf(e) === want) : [];
          if (!ents.length && rec.name) ents = m.lookupName(rec.name).filter((e) => m.kindOf(e) === want);
          for (const e of ents) bump(e, 'record', 0, true);
        }
      }
      const f = this.adapter.fields(ctx);
      misses = f.misses;
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

    const entities: DetectedEntity[] = [];
    for (const [e, a] of agg) {
      const kind = m.kindOf(e);
      if (!this.config.kinds[kind]) continue;
      const d: DetectedEntity = { kind, id: m.idOf(e), name: m.nameOf(e), via: a.via === 3 ? 'record' : a.via === 2 ? 'email' : 'text', count: Math.max(1, a.count) };
      if (a.focal) d.focal = true;
      entities.push(d);
    }
    entities.sort((x, y) => Number(!!y.focal) - Number(!!x.focal) || VIA_RANK[y.via] - VIA_RANK[x.via] || y.count - x.count || x.id.localeCompare(y.id));
    return { adapter: adapterId, entities, misses: [...new Set(misses)].sort(), navigation: this.navigation };
  }

  // ---- scanning ---------------------------------------------------------

  private enqueueFullScan(report: boolean): Promise<void> {
    const gen = ++this.gen;
    this.busy = this.busy.then(async () => {
      if (gen !== this.gen || !this.running) return;
      this.clearState();
      for (const r of [...this.roots]) {
        await this.walk(r, gen);
        if (gen !== this.gen) return;
      }
      if (report) this.emit(false);
    });
    return this.busy;
  }

  private addRoot(root: Root): void {
    if (this.observers.has(root)) return;
    const win = (root.nodeType === 9 ? (root as Document) : root.ownerDocument!).defaultView;
    const MO = (win as any)?.MutationObserver ?? MutationObserver;
    const obs: MutationObserver = new MO((records: MutationRecord[]) => this.onMutations(records));
    obs.observe(root, { childList: true, subtree: true, characterData: true });
    this.observers.set(root, obs);
    this.roots.push(root);
  }

  private addFrame(frame: HTMLIFrameElement): void {
    let d: Document | null = null;
    try {
      d = frame.contentDocument;
    } catch {
      d = null;
    }
    // Frames are remembered in a WeakSet: nothing is written into the page's DOM.
    if (!this.framesSeen.has(frame)) {
      this.framesSeen.add(frame);
      frame.addEventListener('load', () => {
        if (!this.running) return;
        try {
          const nd = frame.contentDocument;
          if (nd && !this.observers.has(nd)) this.scanFrameDocument(nd);
        } catch {
          /* cross-origin */
        }
      });
    }
    if (d && !this.observers.has(d)) this.scanFrameDocument(d);
  }

  /** Observe a frame's document, walk it, and report what it added (a mail body in a frame, say). */
  private scanFrameDocument(d: Document): void {
    this.addRoot(d);
    const gen = this.gen;
    this.busy = this.busy.then(async () => {
      await this.walk(d, gen);
      if (gen !== this.gen || !this.running) return;
      await this.commit(gen);
      this.scheduleReport(this.opts.reportDelayMs);
    });
  }

  /** Time-boxed walk of a subtree: text nodes matched, shadow roots and frames discovered. */
  private async walk(start: Node, gen: number): Promise<void> {
    const stack: Node[] = [start];
    let t0 = now();
    let units = 0;
    const budget = this.opts.budgetMs;
    while (stack.length) {
      if (gen !== this.gen) return;
      const node = stack.pop()!;
      const type = node.nodeType;
      if (type === 3) {
        units += 1 + ((node as Text).length >> 6);
        this.processText(node as Text);
      } else if (type === 1) {
        units++;
        const el = node as Element;
        if (el.localName === 'iframe') {
          this.addFrame(el as HTMLIFrameElement);
          continue;
        }
        if (skipElement(el)) continue;
        const sr = el.shadowRoot;
        if (sr) {
          this.addRoot(sr);
          stack.push(sr);
        }
        for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
      } else if (type === 9 || type === 11) {
        for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
      }
      if (units >= 128) {
        units = 0;
        if (now() - t0 > budget) {
          await yieldTask();
          t0 = now();
        }
      }
    }
    if (gen === this.gen) await this.commit(gen);
    else this.staged = [];
  }

  /**
   * Matches a text node (pure computation). Rendering checks and highlight
   * ranges are deferred to commit(): all style reads of a chunk first, then
   * all highlight writes, so the page's style is computed once per chunk.
   */
  private processText(t: Text): void {
    const old = this.states.get(t);
    if (old) this.dropState(t, old);
    this.hiddenMatched.delete(t);
    const m = this.matcher;
    if (!m) return;
    const data = t.data;
    if (data.length < 2) return;
    const found = this.scratch;
    found.length = 0;
    m.matchText(data, found);
    if (!found.length) return;
    this.staged.push(t, found.slice());
  }

  /** Staged (text node, matches) pairs awaiting commit(). */
  private staged: Array<Text | TextMatch[]> = [];

  /**
   * Commits staged matches in two passes so the page's style is computed at
   * most once: all rendering checks (reads) first, then all highlight ranges
   * (writes); both time-boxed, yielding to the page between chunks.
   */
  private async commit(gen: number): Promise<void> {
    const staged = this.staged;
    if (!staged.length) return;
    this.staged = [];
    const m = this.matcher!;
    const budget = this.opts.budgetMs;
    let t0 = now();
    const verdict = new Map<Element | null, boolean>();
    const visible: boolean[] = [];
    for (let i = 0; i < staged.length; i += 2) {
      const t = staged[i] as Text;
      const parent = t.parentElement ?? (t.parentNode as ShadowRoot | null)?.host ?? null;
      let v = verdict.get(parent);
      if (v === undefined) verdict.set(parent, (v = t.isConnected && isRendered(parent)));
      visible.push(v);
      if ((i & 127) === 0 && now() - t0 > budget) {
        await yieldTask();
        if (gen !== this.gen) return;
        t0 = now();
      }
    }
    for (let i = 0; i < staged.length; i += 2) {
      const t = staged[i] as Text;
      const found = staged[i + 1] as TextMatch[];
      if (!visible[i >> 1]) {
        if (t.isConnected) this.hiddenMatched.add(t);
        continue;
      }
      if (!t.isConnected) continue;
      const old = this.states.get(t);
      if (old) this.dropState(t, old);
      const list: NodeMatch[] = [];
      for (const f of found) {
        const kind = m.kindOf(f.ents[0]);
        const nm: NodeMatch = { start: f.start, end: f.end, ents: f.ents, via: f.via, kind, range: null };
        if (this.config.kinds[kind]) nm.range = this.highlighter.add(kind, t, f.start, f.end);
        for (const e of f.ents) {
          const c = this.counts.get(e);
          const via = f.via === 'email' ? 2 : 1;
          if (c) {
            c.n++;
            if (via > c.via) c.via = via;
          } else this.counts.set(e, { n: 1, via });
        }
        list.push(nm);
      }
      this.states.set(t, list);
      this.dirty = true;
      if ((i & 63) === 0 && now() - t0 > budget) {
        await yieldTask();
        if (gen !== this.gen) return;
        t0 = now();
      }
    }
  }

  private dropState(t: Text, list: NodeMatch[]): void {
    for (const nm of list) {
      this.highlighter.remove(nm.kind, t, nm.range);
      for (const e of nm.ents) {
        const c = this.counts.get(e);
        if (c && --c.n <= 0) this.counts.delete(e);
      }
    }
    this.states.delete(t);
    this.dirty = true;
  }

  private clearState(): void {
    this.highlighter.clear();
    this.states.clear();
    this.staged = [];
    this.hiddenMatched.clear();
    this.counts.clear();
    this.dirty = true;
  }

  private rehighlight(): void {
    this.highlighter.clear();
    for (const [t, list] of this.states) {
      for (const nm of list) nm.range = this.config.kinds[nm.kind] ? this.highlighter.add(nm.kind, t, nm.start, nm.end) : null;
    }
  }

  // ---- mutations --------------------------------------------------------

  private onMutations(records: MutationRecord[]): void {
    if (!this.running) return;
    for (const r of records) this.pending.push(r);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.busy = this.busy.then(() => this.flush());
      }, this.opts.flushDelayMs);
    }
  }

  private async flush(): Promise<void> {
    const records = this.pending;
    this.pending = [];
    if (!records.length || !this.running) return;
    const gen = this.gen;
    const texts = new Set<Text>();
    const subtrees = new Set<Node>();
    const removed: Node[] = [];
    for (const r of records) {
      if (r.type === 'characterData') {
        if (r.target.nodeType === 3) texts.add(r.target as Text);
      } else if (r.type === 'childList') {
        r.removedNodes.forEach((n) => void removed.push(n));
        r.addedNodes.forEach((n) => {
          if (n.nodeType === 3) texts.add(n as Text);
          else if (n.nodeType === 1) subtrees.add(n);
        });
      }
    }
    if (removed.length) this.prune(removed);
    for (const t of texts) {
      if (!t.isConnected) continue;
      if (insideSkipped(t)) {
        const old = this.states.get(t);
        if (old) this.dropState(t, old);
        continue;
      }
      this.processText(t);
    }
    for (const n of subtrees) {
      if (!n.isConnected || insideSkipped(n.parentNode ?? n)) continue;
      await this.walk(n, gen);
      if (gen !== this.gen) return;
    }
    // Text that matched while hidden may have become visible (tabs, expanders).
    for (const t of [...this.hiddenMatched]) {
      if (!t.isConnected) this.hiddenMatched.delete(t);
      else this.processText(t);
    }
    await this.commit(gen);
    if (gen !== this.gen) return;
    // Structured fields may change without text changes: always re-read (debounced, sent only when different).
    this.scheduleReport(this.dirty ? this.opts.reportDelayMs : this.opts.reportDelayMs * 2);
  }

  /**
   * Forget matches of text nodes no longer in the page: only the removed
   * subtrees are looked at (O(removed), not O(page)), unless they are large
   * next to what is tracked, where one pass over the tracked nodes is cheaper.
   */
  private prune(removed: Node[]): void {
    const tracked = this.states.size + this.hiddenMatched.size;
    if (!tracked) return;
    let budget = Math.max(64, tracked);
    const gone: Text[] = [];
    for (const n of removed) {
      if (n.isConnected) continue; // moved: its text is rescanned where it was added
      if (n.nodeType === 3) {
        gone.push(n as Text);
        continue;
      }
      if (n.nodeType !== 1 && n.nodeType !== 11) continue;
      // Text inside open shadow roots of removed hosts goes too (only looked for when the page has any).
      const shadows = this.roots.length > 1;
      const stack: Node[] = [n];
      while (stack.length && budget > 0) {
        const w = (n.ownerDocument ?? this.doc).createTreeWalker(stack.pop()!, shadows ? 5 /* SHOW_ELEMENT|SHOW_TEXT */ : 4 /* SHOW_TEXT */);
        if (shadows && (w.root as Element).shadowRoot) stack.push((w.root as Element).shadowRoot!);
        while (w.nextNode()) {
          const c = w.currentNode;
          if (c.nodeType === 3) gone.push(c as Text);
          else if ((c as Element).shadowRoot) stack.push((c as Element).shadowRoot!);
          if (--budget <= 0) break;
        }
      }
      if (budget <= 0) break;
    }
    if (budget <= 0) {
      for (const [t, list] of this.states) if (!t.isConnected) this.dropState(t, list);
      for (const t of this.hiddenMatched) if (!t.isConnected) this.hiddenMatched.delete(t);
      return;
    }
    for (const t of gone) {
      if (t.isConnected) continue;
      const list = this.states.get(t);
      if (list) this.dropState(t, list);
      this.hiddenMatched.delete(t);
    }
  }

  // ---- reporting ----------------------------------------------------------

  private scheduleReport(delay: number): void {
    if (this.reportTimer) clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      this.reportTimer = null;
      this.emit(false);
    }, delay);
  }

  private emit(force: boolean): EngineReport {
    this.dirty = false;
    const r = this.current();
    const sig = JSON.stringify([r.entities, r.misses]);
    if (force || sig !== this.lastSignature || r.navigation !== this.lastNavigationReported) {
      this.lastSignature = sig;
      this.lastNavigationReported = r.navigation;
      this.onReport?.(r);
    }
    return r;
  }
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
