/**
 * A redacted outline of a page, for the administrator to send to whoever
 * maintains its site adapter when the site changed its markup: the element
 * tree with tag names, ids, classes and attribute *names*; every text and
 * every attribute value is replaced by its length (`#12`, `title=#31`).
 * Ids and classes are kept (adapters select by them) unless they could carry
 * the page's words: one with a character outside [A-Za-z0-9_-], or with a
 * part (split at separators and camelCase) that is also a word of the page's
 * text or attribute values (`nav-to-havbryggen` on a page naming Havbryggen),
 * is redacted to its length too. Open shadow roots and
 * same-origin frames are walked. No text of the page survives (tested on
 * every demo page, tests/unit/sites/outline.test.ts).
 *
 * `pageOutline` uses no import and no closure, and takes only JSON options
 * (the root defaults to the tab's document): the background injects it with
 * `scripting.executeScript({ func: pageOutline, args })`, which serialises it.
 */
export interface OutlineOptions {
  /** Deepest element level written (deeper subtrees become `…`). */
  maxDepth?: number;
  /** Most lines written. */
  maxLines?: number;
}

export function pageOutline(options: OutlineOptions = {}, root: Document | Element = document): string {
  const maxDepth = options.maxDepth ?? 40;
  const maxLines = options.maxLines ?? 5000;
  const lines: string[] = [];
  const partsOf = (s: string) => s.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/).filter(Boolean).map((p) => p.toLowerCase());
  // Words of the page: text and attribute values (not ids and classes).
  const words = new Set<string>();
  const collect = (node: Node): void => {
    if (node.nodeType === 3 || node.nodeType === 8) for (const w of (node.nodeValue ?? '').match(/\p{L}+/gu) ?? []) words.add(w.toLowerCase());
    if (node.nodeType === 1) {
      const el = node as Element;
      for (const a of Array.from(el.attributes)) if (a.name !== 'id' && a.name !== 'class') for (const w of a.value.match(/\p{L}+/gu) ?? []) words.add(w.toLowerCase());
      if (el.localName === 'template') collect((el as HTMLTemplateElement).content);
      if (el.shadowRoot) collect(el.shadowRoot);
      try {
        const d = el.localName === 'iframe' || el.localName === 'frame' ? (el as HTMLIFrameElement).contentDocument : null;
        if (d) collect(d);
      } catch {
        /* cross-origin frame: not walked */
      }
    }
    for (let c = node.firstChild; c; c = c.nextSibling) collect(c);
  };
  collect(root);
  // An identifier the site's code gave (`slds-card`, `ReadingPaneContainerId`), not words of the page.
  const safeToken = (s: string) => /^[A-Za-z0-9_-]{1,80}$/.test(s) && !partsOf(s).some((p) => words.has(p));
  const token = (s: string) => (safeToken(s) ? s : `#${s.length}`);
  const push = (depth: number, s: string) => {
    if (lines.length < maxLines) lines.push(`${'  '.repeat(depth)}${s}`);
  };
  const walk = (node: Node, depth: number): void => {
    if (lines.length >= maxLines) return;
    if (node.nodeType === 3) {
      const n = (node.nodeValue ?? '').trim().length;
      if (n) push(depth, `#text ${n}`);
      return;
    }
    if (node.nodeType === 8) {
      push(depth, `#comment ${(node.nodeValue ?? '').length}`);
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    if (node.nodeType === 1) {
      const el = node as Element;
      if (el.hasAttribute('data-kenner-ui')) return; // Kenner's own overlay and card host: not the site's markup
      const tag = el.localName;
      let head = /^[a-z][a-z0-9-]*$/.test(tag) ? tag : `#${tag.length}`;
      const id = el.getAttribute('id');
      if (id !== null) head += `#${token(id)}`;
      for (const c of Array.from(el.classList)) head += `.${token(c)}`;
      const attrs: string[] = [];
      for (const a of Array.from(el.attributes)) {
        if (a.name === 'id' || a.name === 'class') continue;
        const name = /^[a-z][a-z0-9_:.-]*$/i.test(a.name) ? a.name : `#${a.name.length}`;
        attrs.push(`${name}=#${a.value.length}`);
      }
      if (attrs.length) head += `[${attrs.join(' ')}]`;
      if (tag === 'script' || tag === 'style' || tag === 'template') {
        push(depth, `${head} ${(el.textContent ?? '').length}`);
        return;
      }
      if (depth >= maxDepth) {
        push(depth, `${head} …`);
        return;
      }
      push(depth, head);
      if (el.shadowRoot) {
        push(depth + 1, '#shadow-root');
        walk(el.shadowRoot, depth + 2);
      }
      if (tag === 'iframe' || tag === 'frame') {
        let doc: Document | null = null;
        try {
          doc = (el as HTMLIFrameElement).contentDocument;
        } catch {
          doc = null;
        }
        if (doc?.documentElement) {
          push(depth + 1, '#document');
          walk(doc.documentElement, depth + 2);
        }
      }
    }
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c, node.nodeType === 1 ? depth + 1 : depth);
  };
  walk(root.nodeType === 9 ? (root as Document).documentElement ?? root : root, 0);
  if (lines.length >= maxLines) lines.push('…');
  return lines.join('\n');
}
