/**
 * The hover card: plain DOM in a CLOSED shadow root (page scripts cannot
 * read colleague data), on one host element appended to
 * document.documentElement only while visible. Hovering a highlighted name
 * (CSS.highlights.highlightsFromPoint where available, else caret position
 * from point; throttled to one check per frame) shows the entity, its top
 * three colleagues with one reason each, and "Open in side panel".
 * Escape closes. Dark-mode aware. Strings through t() (hover_* keys);
 * reasons worded by components/common/reasons.ts, like the side panel's.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { EntityKind } from '../../utils/graph/model';
import { t, type MessageKey } from '../../utils/i18n';
import { sendMessage, type EntityCard } from '../../utils/messaging/protocol';
import type { Suggestion } from '../../utils/ranking/types';
import type { SpotEngine } from '../../utils/page/engine';
import { HIGHLIGHT_NAMES } from '../../utils/page/highlights';
import { KENNER_UI_ATTR } from '../../utils/sites/visibility';
import { reasonSentences } from '../common/reasons';
import { HOVER_CSS } from './style';

const SHOW_DELAY_MS = 250;
const HIDE_DELAY_MS = 300;
const CACHE_MS = 30_000;

interface Target {
  kind: EntityKind;
  id: string;
  name: string;
  rect: DOMRect;
}

export class HoverCard {
  private host: HTMLElement | null = null;
  private card: HTMLElement | null = null;
  private current: Target | null = null;
  private pendingFrame = 0;
  private lastPoint: { x: number; y: number } | null = null;
  private showTimer: ReturnType<typeof setTimeout> | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private cache = new Map<string, { at: number; card: Promise<EntityCard> }>();
  private disposed = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly engine: SpotEngine,
    ctx?: ContentScriptContext,
  ) {
    const doc = engine.doc;
    const signal = this.abort.signal;
    doc.addEventListener('mousemove', this.onMove, { passive: true, capture: true, signal });
    doc.addEventListener('keydown', this.onKey, { capture: true, signal });
    doc.addEventListener('scroll', () => this.hide(), { passive: true, capture: true, signal });
    ctx?.onInvalidated(() => this.dispose());
  }

  dispose(): void {
    this.disposed = true;
    this.abort.abort();
    if (this.pendingFrame) cancelAnimationFrame(this.pendingFrame);
    this.clearTimers();
    this.hide();
  }

  private clearTimers(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.showTimer = this.hideTimer = null;
  }

  private onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && this.host) {
      this.hide();
    }
  };

  private onMove = (e: MouseEvent) => {
    if (this.host && e.composedPath().includes(this.host)) {
      if (this.hideTimer) clearTimeout(this.hideTimer);
      this.hideTimer = null;
      return;
    }
    this.lastPoint = { x: e.clientX, y: e.clientY };
    if (!this.pendingFrame) this.pendingFrame = requestAnimationFrame(this.check);
  };

  private check = () => {
    this.pendingFrame = 0;
    const p = this.lastPoint;
    if (!p || this.disposed) return;
    const target = this.targetAt(p.x, p.y);
    if (target && this.current && target.id === this.current.id && target.kind === this.current.kind) {
      if (this.hideTimer) clearTimeout(this.hideTimer);
      this.hideTimer = null;
      return;
    }
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = null;
    if (target) {
      this.showTimer = setTimeout(() => void this.show(target), SHOW_DELAY_MS);
    } else if (this.host && !this.hideTimer) {
      this.hideTimer = setTimeout(() => this.hide(), HIDE_DELAY_MS);
    }
  };

  /** The highlighted entity under the point, if any. */
  targetAt(x: number, y: number): Target | null {
    const doc = this.engine.doc;
    // Feature-tested: not every browser (nor jsdom) has the registry or highlightsFromPoint.
    const registry: HighlightRegistry | undefined = doc.defaultView?.CSS?.highlights;
    if (registry?.highlightsFromPoint) {
      const ours = new Set<unknown>(Object.values(HIGHLIGHT_NAMES).map((n) => registry.get(n)).filter(Boolean));
      const hits = registry.highlightsFromPoint(x, y) ?? [];
      if (!hits.some((h) => ours.has(h) || ('highlight' in h && ours.has(h.highlight)))) return null;
    }
    let node: Node | null = null;
    let offset = 0;
    const shadowRoots = this.engine.getRoots().filter((r): r is ShadowRoot => r.nodeType === 11);
    if (typeof doc.caretPositionFromPoint === 'function') {
      const pos = doc.caretPositionFromPoint(x, y, { shadowRoots });
      node = pos?.offsetNode ?? null;
      offset = pos?.offset ?? 0;
    } else if (typeof doc.caretRangeFromPoint === 'function') {
      const r = doc.caretRangeFromPoint(x, y);
      node = r?.startContainer ?? null;
      offset = r?.startOffset ?? 0;
    }
    if (!node || node.nodeType !== 3) return null;
    for (const o of [offset, offset - 1]) {
      if (o < 0) continue;
      const m = this.engine.matchAt(node, o);
      if (!m) continue;
      const r = doc.createRange();
      const sr = m.range;
      if (sr) {
        r.setStart(sr.startContainer, sr.startOffset);
        r.setEnd(sr.endContainer, sr.endOffset);
      } else continue;
      for (const rect of Array.from(r.getClientRects())) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) {
          return { kind: m.kind, id: m.id, name: m.name, rect };
        }
      }
    }
    return null;
  }

  private fetchCard(kind: EntityKind, id: string): Promise<EntityCard> {
    const key = kind + ':' + id;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.card;
    const card = sendMessage('getEntityCard', { kind, id }).catch(
      (): EntityCard => ({ entity: null, suggestions: [], status: 'unknown' }),
    );
    this.cache.set(key, { at: Date.now(), card });
    return card;
  }

  /** Shows the card for a target (public for tests and keyboard use). */
  async show(target: Target): Promise<void> {
    if (this.disposed) return;
    this.current = target;
    this.ensureHost();
    this.render(target, null);
    this.position(target.rect);
    const data = await this.fetchCard(target.kind, target.id);
    if (this.current !== target || this.disposed) return;
    this.render(target, data);
    this.position(target.rect);
  }

  hide(): void {
    this.current = null;
    this.clearTimers();
    this.host?.remove();
    this.host = null;
    this.card = null;
  }

  private ensureHost(): void {
    if (this.host) return;
    const doc = this.engine.doc;
    const host = doc.createElement('kenner-hovercard');
    host.setAttribute(KENNER_UI_ATTR, '');
    host.style.cssText = 'all:initial;position:fixed;z-index:2147483647;top:0;left:0;';
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = HOVER_CSS;
    shadow.appendChild(style);
    const card = doc.createElement('section');
    card.className = 'card';
    card.setAttribute('role', 'dialog');
    card.addEventListener('mouseleave', () => {
      this.hideTimer = setTimeout(() => this.hide(), HIDE_DELAY_MS);
    });
    card.addEventListener('mouseenter', () => {
      if (this.hideTimer) clearTimeout(this.hideTimer);
      this.hideTimer = null;
    });
    shadow.appendChild(card);
    doc.documentElement.appendChild(host);
    this.host = host;
    this.card = card;
  }

  private position(rect: DOMRect): void {
    if (!this.host || !this.card) return;
    const win = this.engine.doc.defaultView!;
    const w = Math.min(340, win.innerWidth - 16);
    let left = Math.max(8, Math.min(rect.left, win.innerWidth - w - 8));
    let top = rect.bottom + 6;
    const h = this.card.offsetHeight || 180;
    if (top + h > win.innerHeight - 8 && rect.top - h - 6 > 8) top = rect.top - h - 6;
    left = Math.round(left);
    top = Math.round(top);
    this.host.style.transform = `translate(${left}px, ${top}px)`;
    this.card.style.width = `${w}px`;
  }

  private render(target: Target, data: EntityCard | null): void {
    const card = this.card;
    if (!card) return;
    const doc = this.engine.doc;
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => {
      const e = doc.createElement(tag);
      if (cls) e.className = cls;
      if (text !== undefined) e.textContent = text;
      return e;
    };
    card.replaceChildren();
    const kindLabel = t(`hover_kind_${target.kind}` as MessageKey);
    const name = data?.entity?.name ?? target.name;
    card.setAttribute('aria-label', t('hover_card_label', [name]));
    card.dataset.entityKind = target.kind;

    const head = el('header', 'head');
    const titles = el('div', 'titles');
    titles.append(el('span', `kind kind-${target.kind}`, kindLabel), el('h2', 'name', name));
    const close = el('button', 'close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t('hover_close'));
    close.addEventListener('click', () => this.hide());
    head.append(titles, close);
    card.append(head);

    const body = el('div', 'body');
    if (!data) {
      body.append(el('p', 'muted', t('hover_loading')));
      body.setAttribute('aria-busy', 'true');
    } else if (data.status === 'no-graph') {
      body.append(el('p', 'muted', t('hover_no_graph')));
    } else if (!data.suggestions.length) {
      body.append(el('p', 'muted', t('hover_no_colleagues')));
    } else {
      const h = el('h3', 'sub', t('hover_colleagues'));
      const list = el('ul', 'people');
      list.setAttribute('aria-label', t('hover_colleagues'));
      for (const s of data.suggestions.slice(0, 3)) list.append(this.personItem(s, el));
      body.append(h, list);
    }
    card.append(body);

    const foot = el('footer', 'foot');
    const open = el('button', 'link', t('hover_open_panel'));
    open.type = 'button';
    open.addEventListener('click', () => {
      sendMessage('openSidePanel', {}).catch(() => undefined);
      this.hide();
    });
    foot.append(open);
    card.append(foot);
  }

  private personItem(
    s: Suggestion,
    el: <K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string) => HTMLElementTagNameMap[K],
  ): HTMLLIElement {
    const li = el('li', 'person');
    li.dataset.personId = s.person.id;
    li.append(el('span', 'pname', s.person.name));
    const meta = [s.person.title, s.person.location].filter(Boolean).join(' · ');
    if (meta) li.append(el('span', 'meta', meta));
    // The strongest reason, worded as in the side panel and the popup (plural-aware reason_* keys).
    const reason = reasonSentences(s.reasons, 1)[0];
    if (reason) li.append(el('span', 'reason', reason));
    return li;
  }
}
