/**
 * Match-to-range bookkeeping of the page scan: per text node its matches and
 * highlight ranges, per entity its count, and the matched text that is not
 * rendered right now. Text is matched as it is walked (stage), then committed
 * in two passes (rendering reads first, highlight writes after), so the
 * page's style is computed at most once per chunk. See spotting.design.md.
 */
import type { EntityKind } from '../graph/model';
import type { Matcher, TextMatch } from '../spotting/matcher';
import { yieldTask } from '../spotting/yield-task';
import { isRendered } from '../sites/visibility';
import type { Highlighter } from './highlights';

/** Which entity kinds are shown (highlighted, reported, hoverable). */
export type KindSwitches = Record<EntityKind, boolean>;

/** The scan generation: bumped by every full rescan, navigation and stop; older work gives up. */
export interface ScanGeneration {
  readonly gen: number;
}

interface NodeMatch {
  start: number;
  end: number;
  ents: number[];
  via: 'text' | 'email';
  kind: EntityKind;
  range: AbstractRange | null;
  /** A common-word name waiting for evidence (spotting/evidence.ts): not counted, not highlighted. */
  pending: boolean;
}

/** Per entity: matches on the page and the strongest way it was found (2 email, 1 text). */
export interface EntityCount {
  n: number;
  via: number;
}

/** The entity under a caret position (hover card). */
export interface MatchAtPoint {
  ent: number;
  kind: EntityKind;
  id: string;
  name: string;
  range: AbstractRange | null;
}

const now = () => performance.now();

/** How often hidden matched text is checked for having become visible (ms). */
export const HIDDEN_RECHECK_MS = 400;

export class MatchState {
  matcher: Matcher | null;
  kinds: KindSwitches;
  /** Matches changed since the last report. */
  dirty = false;
  /** Called when an entity gets its first match on the page (the probing guard counts these). */
  onFirstMatch: ((ent: number) => void) | null = null;

  private states = new Map<Text, NodeMatch[]>();
  /** Matched text that is not rendered right now, with its matches (re-checked now and then, see restageHidden). */
  private hiddenMatched = new Map<Text, { found: TextMatch[]; hider: Element | null }>();
  /** Hidden matched text by the outermost element that hides it (one check per such element). */
  private hiders = new Map<Element | null, Set<Text>>();
  /** Where the current re-check of hidden text is (it runs in slices), and when the last one began. */
  private hiddenCursor: Iterator<[Element | null, Set<Text>]> | null = null;
  private lastHiddenPass = -Infinity;
  private readonly entityCounts = new Map<number, EntityCount>();
  /** Entity → text nodes holding a weak match of it that waits for evidence (a strong match on the page). */
  private readonly pendingWeak = new Map<number, Set<Text>>();
  /** Staged (text node, matches) pairs awaiting commit(). */
  private staged: Array<Text | TextMatch[]> = [];
  private scratch: TextMatch[] = [];
  /** Highlight ranges added so far (commit tells whether it added any). */
  private ranges = 0;

  constructor(
    private readonly highlighter: Highlighter,
    private readonly epoch: ScanGeneration,
    private readonly budgetMs: number,
    matcher: Matcher | null,
    kinds: KindSwitches,
  ) {
    this.matcher = matcher;
    this.kinds = kinds;
  }

  /** Matches per entity (entities with at least one match on the page). */
  get counts(): ReadonlyMap<number, EntityCount> {
    return this.entityCounts;
  }

  /** How many text nodes are tracked (matched, shown or hidden). */
  get trackedSize(): number {
    return this.states.size + this.hiddenMatched.size;
  }

  /**
   * Matches a text node (pure computation). Rendering checks and highlight
   * ranges are deferred to commit(): all style reads of a chunk first, then
   * all highlight writes, so the page's style is computed once per chunk.
   * Returns the length of the text read (the walk's measure of work; 0 without a matcher).
   */
  stage(t: Text): number {
    if (this.states.size) {
      const old = this.states.get(t);
      if (old) this.dropState(t, old);
    }
    if (this.hiddenMatched.size) this.forgetHidden(t);
    const m = this.matcher;
    if (!m) return 0;
    const data = t.data;
    if (data.length < 2) return data.length;
    // Matches are appended to a scratch array that is not emptied per text (`length = 0` drops its
    // backing store, so every text with a match grew a new one): only its new tail is copied.
    const found = this.scratch;
    const from = found.length;
    m.matchText(data, found);
    if (found.length === from) return data.length;
    this.staged.push(t, found.slice(from));
    if (found.length > 512) found.length = 0;
    return data.length;
  }

  /** Forgets staged matches (their walk was superseded). */
  discardStaged(): void {
    this.staged = [];
  }

  /**
   * Text that matched while hidden and has become visible since (tabs,
   * expanders) is staged again, with the matches it had (its text did not
   * change, or a mutation would have restaged it). Hidden text is grouped by
   * the outermost element that hides it, and only those elements are
   * checked: at most once per HIDDEN_RECHECK_MS, in slices of `budgetMs`. A
   * page with 20,000 hidden names in one hidden panel and a clock ticking
   * every 5 ms costs one check now and then. Returns how long (ms) until the
   * next check is due while hidden text waits for one (0: nothing waits).
   */
  restageHidden(budgetMs = 2): number {
    if (!this.hiders.size) return 0;
    const t0 = now();
    if (!this.hiddenCursor) {
      const wait = this.lastHiddenPass + HIDDEN_RECHECK_MS - t0;
      if (wait > 0) return wait;
      this.hiddenCursor = this.hiders.entries();
      this.lastHiddenPass = t0;
    }
    for (let n = 1; ; n++) {
      const next = this.hiddenCursor.next();
      if (next.done) {
        this.hiddenCursor = null;
        return 0;
      }
      const [hider, texts] = next.value;
      if (!hider || !hider.isConnected || isRendered(hider)) {
        this.hiders.delete(hider);
        for (const t of texts) {
          const h = this.hiddenMatched.get(t);
          this.hiddenMatched.delete(t);
          if (h && t.isConnected) this.staged.push(t, h.found); // commit checks each one's rendering again
        }
      }
      if ((n & 15) === 0 && now() - t0 > budgetMs) return 1; // the rest in the next slice
    }
  }

  private forgetHidden(t: Text): void {
    const h = this.hiddenMatched.get(t);
    if (!h) return;
    this.hiddenMatched.delete(t);
    const set = this.hiders.get(h.hider);
    set?.delete(t);
    if (set && !set.size) this.hiders.delete(h.hider);
  }

  /** The outermost element not rendered, from a hidden text's parent up (verdicts cached per commit). */
  private hiderOf(parent: Element | null, verdict: Map<Element | null, boolean>): Element | null {
    let hider = parent;
    for (let e = parent ? parentElementOf(parent) : null; e; e = parentElementOf(e)) {
      let v = verdict.get(e);
      if (v === undefined) verdict.set(e, (v = isRendered(e)));
      if (v) break;
      hider = e;
    }
    return hider;
  }

  /**
   * Commits staged matches in two passes so the page's style is computed at
   * most once: all rendering checks (reads) first, then all highlight ranges
   * (writes); both time-boxed, yielding to the page between chunks.
   * Resolves to whether a highlight range was added. `since`: when the
   * current task's work began (the walk's chunk), so that chunk and commit
   * share one budget instead of each taking a full one.
   */
  async commit(gen: number, since?: number): Promise<boolean> {
    const staged = this.staged;
    if (!staged.length) return false;
    this.staged = [];
    const m = this.matcher;
    if (!m) return false;
    const held = this.ranges;
    const budget = this.budgetMs;
    let t0 = since ?? now();
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
        if (gen !== this.epoch.gen) return false;
        t0 = now();
      }
    }
    for (let i = 0; i < staged.length; i += 2) {
      const t = staged[i] as Text;
      const found = staged[i + 1] as TextMatch[];
      if (!visible[i >> 1]) {
        if (!t.isConnected) continue;
        this.forgetHidden(t);
        const hider = this.hiderOf(t.parentElement ?? (t.parentNode as ShadowRoot | null)?.host ?? null, verdict);
        this.hiddenMatched.set(t, { found, hider });
        let set = this.hiders.get(hider);
        if (!set) this.hiders.set(hider, (set = new Set()));
        set.add(t);
        continue;
      }
      if (!t.isConnected) continue;
      const old = this.states.get(t);
      if (old) this.dropState(t, old);
      // The node's list at its final size and every match in its final shape first (no array growth, no
      // property added later); show() may look at the whole list (weak matches waiting in it).
      const list = new Array<NodeMatch>(found.length);
      for (let k = 0; k < found.length; k++) {
        const f = found[k];
        list[k] = { start: f.start, end: f.end, ents: f.ents, via: f.via, kind: m.kindOf(f.ents[0]), range: null, pending: false };
      }
      this.states.set(t, list);
      for (let k = 0; k < list.length; k++) {
        const nm = list[k];
        // A common-word name counts once the page names the same customer with evidence (evidence.ts).
        if (found[k].weak && !nm.ents.some((e) => this.entityCounts.has(e))) {
          nm.pending = true;
          for (const e of nm.ents) this.pendingWeak.set(e, (this.pendingWeak.get(e) ?? new Set()).add(t));
        } else this.show(t, nm);
      }
      this.dirty = true;
      if ((i & 63) === 0 && now() - t0 > budget) {
        await yieldTask();
        if (gen !== this.epoch.gen) return false;
        t0 = now();
      }
    }
    return this.ranges !== held;
  }

  /** Highlights and counts a match; an entity's first match confirms its weak matches waiting elsewhere. */
  private show(t: Text, nm: NodeMatch): void {
    nm.pending = false;
    if (this.kinds[nm.kind]) {
      nm.range = this.highlighter.add(nm.kind, t, nm.start, nm.end);
      this.ranges++;
    }
    const via = nm.via === 'email' ? 2 : 1;
    for (const e of nm.ents) {
      const c = this.entityCounts.get(e);
      if (c) {
        c.n++;
        if (via > c.via) c.via = via;
        continue;
      }
      this.entityCounts.set(e, { n: 1, via });
      this.onFirstMatch?.(e);
      const waiting = this.pendingWeak.get(e);
      this.pendingWeak.delete(e);
      for (const w of waiting ?? []) for (const p of this.states.get(w) ?? []) if (p.pending && p.ents.includes(e)) this.show(w, p);
    }
  }

  /** Forgets a text node's matches (it went into a skipped subtree). */
  drop(t: Text): void {
    const old = this.states.get(t);
    if (old) this.dropState(t, old);
  }

  private dropState(t: Text, list: NodeMatch[]): void {
    for (const nm of list) {
      if (nm.pending) {
        for (const e of nm.ents) this.pendingWeak.get(e)?.delete(t);
        continue;
      }
      this.highlighter.remove(nm.kind, t, nm.range);
      for (const e of nm.ents) {
        const c = this.entityCounts.get(e);
        if (c && --c.n <= 0) this.entityCounts.delete(e);
      }
    }
    this.states.delete(t);
    this.dirty = true;
  }

  /** Forgets every match and range (rescan, navigation, stop). */
  clear(): void {
    this.highlighter.clear();
    this.states.clear();
    this.staged = [];
    this.scratch = [];
    this.hiddenMatched.clear();
    this.hiders.clear();
    this.hiddenCursor = null;
    this.entityCounts.clear();
    this.pendingWeak.clear();
    this.dirty = true;
  }

  /** New kind switches: ranges redrawn for the kinds shown, counts kept. */
  setKinds(kinds: KindSwitches): void {
    this.kinds = kinds;
    this.highlighter.clear();
    for (const [t, list] of this.states) {
      for (const nm of list) nm.range = this.kinds[nm.kind] && !nm.pending ? this.highlighter.add(nm.kind, t, nm.start, nm.end) : null;
    }
  }

  /** The shown entity matched at a text offset, if any. */
  matchAt(node: Node, offset: number): MatchAtPoint | null {
    const list = node.nodeType === 3 ? this.states.get(node as Text) : undefined;
    const m = this.matcher;
    if (!list || !m) return null;
    for (const nm of list) {
      if (offset >= nm.start && offset < nm.end && this.kinds[nm.kind] && !nm.pending) {
        const ent = nm.ents.find((e) => this.kinds[m.kindOf(e)]) ?? nm.ents[0];
        return { ent, kind: m.kindOf(ent), id: m.idOf(ent), name: m.nameOf(ent), range: nm.range };
      }
    }
    return null;
  }

  /**
   * Forget matches of text nodes no longer in the page: only the removed
   * subtrees are looked at (O(removed), not O(page)), unless they are large
   * next to what is tracked, where one pass over the tracked nodes is cheaper.
   * `shadows`: the page has open shadow roots, so removed hosts' ones are looked into too.
   */
  prune(removed: Node[], doc: Document, shadows: boolean): void {
    const tracked = this.trackedSize;
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
      const stack: Node[] = [n];
      while (stack.length && budget > 0) {
        const w = (n.ownerDocument ?? doc).createTreeWalker(stack.pop()!, shadows ? 5 /* SHOW_ELEMENT|SHOW_TEXT */ : 4 /* SHOW_TEXT */);
        const rootShadow = shadows ? (w.root as Element).shadowRoot : null;
        if (rootShadow) stack.push(rootShadow);
        while (w.nextNode()) {
          const c = w.currentNode;
          if (c.nodeType === 3) gone.push(c as Text);
          else {
            const sr = (c as Element).shadowRoot;
            if (sr) stack.push(sr);
          }
          if (--budget <= 0) break;
        }
      }
      if (budget <= 0) break;
    }
    if (budget <= 0) {
      for (const [t, list] of this.states) if (!t.isConnected) this.dropState(t, list);
      for (const t of [...this.hiddenMatched.keys()]) if (!t.isConnected) this.forgetHidden(t);
      return;
    }
    for (const t of gone) {
      if (t.isConnected) continue;
      const list = this.states.get(t);
      if (list) this.dropState(t, list);
      this.forgetHidden(t);
    }
  }
}

/** Parent element across a shadow boundary (the host). */
function parentElementOf(el: Element): Element | null {
  return el.parentElement ?? ((el.parentNode as ShadowRoot | null)?.host ?? null);
}
