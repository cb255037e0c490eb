/**
 * Which highlighted name the hover card is for: under the pointer (the caret
 * position at the point, then the engine's matchAt; no highlight registry
 * involved) or, for the keyboard, at the selection's focus or in the focused
 * element's text.
 */
import type { EntityKind } from '../../utils/graph/model';
import type { SpotEngine } from '../../utils/page/engine';

export interface Target {
  kind: EntityKind;
  id: string;
  /** Where the name is drawn (the card opens below or above it). */
  rect: DOMRect;
  /** The name's text (to place the card again after scrolling). */
  range: Range;
}

/** Text the keyboard lookup reads at most in the focused element. */
const MAX_FOCUS_TEXT = 5000;

function targetIn(engine: SpotEngine, node: Node, offset: number, accept: (r: DOMRect) => boolean): Target | null {
  for (const o of [offset, offset - 1]) {
    if (o < 0) continue;
    const m = engine.matchAt(node, o);
    const sr = m?.range;
    if (!m || !sr) continue;
    const r = engine.doc.createRange();
    r.setStart(sr.startContainer, sr.startOffset);
    r.setEnd(sr.endContainer, sr.endOffset);
    // Feature-tested: jsdom's Range has no geometry.
    const rects = typeof r.getClientRects === 'function' ? Array.from(r.getClientRects()) : [];
    const rect = rects.length ? rects.find(accept) : new DOMRect(0, 0, 0, 0);
    if (rect && accept(rect)) return { kind: m.kind, id: m.id, rect, range: r };
  }
  return null;
}

/** Where the target's name is drawn now (null: scrolled out of view or gone). */
export function currentRect(target: Target, win: Window): DOMRect | null {
  const { range } = target;
  if (!range.startContainer.isConnected || typeof range.getBoundingClientRect !== 'function') return null;
  const r = range.getBoundingClientRect();
  if (!r.width && !r.height) return null;
  if (r.bottom < 0 || r.top > win.innerHeight || r.right < 0 || r.left > win.innerWidth) return null;
  return r;
}

/** The highlighted entity under the point, if any. */
export function targetAtPoint(engine: SpotEngine, x: number, y: number): Target | null {
  const doc = engine.doc;
  let node: Node | null = null;
  let offset = 0;
  const shadowRoots = engine.getRoots().filter((r): r is ShadowRoot => r.nodeType === 11);
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
  return targetIn(engine, node, offset, (rect) => x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1);
}

/** The highlighted entity at the selection's focus (caret), else the first one in the focused element's text. */
export function targetForKeyboard(engine: SpotEngine): Target | null {
  const doc = engine.doc;
  const any = () => true;
  const sel = doc.getSelection();
  if (sel?.focusNode?.nodeType === 3) {
    const hit = targetIn(engine, sel.focusNode, sel.focusOffset, any);
    if (hit) return hit;
    if (sel.anchorNode?.nodeType === 3) {
      const start = targetIn(engine, sel.anchorNode, sel.anchorOffset, any);
      if (start) return start;
    }
  }
  let focused: Element | null = doc.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  if (!focused || focused === doc.body || focused === doc.documentElement) return null;
  const walker = doc.createTreeWalker(focused, NodeFilter.SHOW_TEXT);
  let budget = MAX_FOCUS_TEXT;
  for (let n = walker.nextNode(); n && budget > 0; n = walker.nextNode()) {
    const text = (n as Text).data;
    budget -= text.length;
    for (let o = 0; o < text.length; o++) {
      const hit = targetIn(engine, n, o, any);
      if (hit) return hit;
    }
  }
  return null;
}
