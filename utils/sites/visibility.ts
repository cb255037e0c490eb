/**
 * What counts as page text: the walk skips non-text elements, form controls,
 * the text being typed (contenteditable), explicitly hidden subtrees and
 * Kenner's own UI by cheap attribute checks; the rarer question "is this
 * matched text rendered?" (display:none / visibility:hidden through a class,
 * a hidden ancestor…) is asked only for text nodes that matched.
 */

/** Elements whose content is never page text (or is handled separately: iframes). */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option',
  'iframe', 'frame', 'object', 'embed', 'canvas', 'svg', 'math', 'video', 'audio', 'head', 'title', 'meta', 'link',
]);

/** Marks Kenner's own UI (the hover card host). */
export const KENNER_UI_ATTR = 'data-kenner-ui';

/** Cheap per-element check during the walk (no style computation). `localName`: the element's, if the caller has it already. */
export function skipElement(el: Element, localName: string = el.localName): boolean {
  if (SKIP_TAGS.has(localName)) return true;
  if (!el.hasAttributes()) return false;
  if (el.hasAttribute('hidden') || el.hasAttribute(KENNER_UI_ATTR)) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const ce = el.getAttribute('contenteditable');
  if (ce !== null && ce !== 'false') return true;
  return false;
}

const SKIP_SELECTOR = [...SKIP_TAGS].join(',') + `,[hidden],[aria-hidden="true"],[${KENNER_UI_ATTR}],[contenteditable]:not([contenteditable="false"])`;

/** Parent element across a shadow boundary (the host). */
function parentOf(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const p = el.parentNode as ShadowRoot | null;
  return p && p.nodeType === 11 && p.host ? p.host : null;
}

/** Is a node (added by a mutation) inside a subtree the walk skips? Walks up across shadow roots. */
export function insideSkipped(node: Node): boolean {
  let el: Element | null =
    node.nodeType === 1 ? (node as Element) : node.nodeType === 11 ? ((node as ShadowRoot).host ?? null) : node.parentElement ?? parentOf(node as Element);
  while (el) {
    const hit = el.closest(SKIP_SELECTOR);
    if (hit) return true;
    const root = el.getRootNode() as ShadowRoot | Document;
    el = root.nodeType === 11 ? (root as ShadowRoot).host : null;
  }
  return false;
}

/** Per window: whether checkVisibility can be trusted (jsdom has it, but without a layout). Asked once a window. */
const trustsCheckVisibility = new WeakMap<Window, boolean>();
function canCheckVisibility(win: Window, el: Element): boolean {
  let ok = trustsCheckVisibility.get(win);
  if (ok === undefined) trustsCheckVisibility.set(win, (ok = typeof el.checkVisibility === 'function' && !/jsdom/i.test(win.navigator.userAgent)));
  return ok;
}

/** What isRendered asks checkVisibility (one object, not one per call). */
const VISIBILITY_OPTIONS = { visibilityProperty: true };

/** Is the element rendered and visible (style included)? Used only for elements holding a match. */
export function isRendered(el: Element | null): boolean {
  if (!el) return true;
  const win = el.ownerDocument.defaultView;
  if (!win) return false;
  if (!el.isConnected) return false;
  if (canCheckVisibility(win, el)) {
    const opts = VISIBILITY_OPTIONS;
    if (el.checkVisibility(opts)) return true;
    // display:contents elements have no box of their own: ask the nearest ancestor that has one.
    let e: Element | null = el;
    while (e && win.getComputedStyle(e).display === 'contents') e = parentOf(e);
    return !e ? true : e === el ? false : e.checkVisibility(opts);
  }
  // Fallback (jsdom, old browsers): walk up, across shadow roots.
  let first = true;
  for (let e: Element | null = el; e; e = parentOf(e)) {
    if (e.hasAttribute('hidden')) return false;
    const cs = win.getComputedStyle(e);
    if (cs.display === 'none') return false;
    if (first && (cs.visibility === 'hidden' || cs.visibility === 'collapse')) return false;
    first = false;
  }
  return true;
}
