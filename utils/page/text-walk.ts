/**
 * The time-boxed walk of a subtree: every text node is handed to the match
 * state, open shadow roots and iframes found on the way are handed to the
 * page roots; skipped subtrees (scripts, form controls, hidden, editable,
 * Kenner's own UI) are not entered. Yields to the page every `budgetMs`.
 *
 * A native TreeWalker (elements and text only: one call per node instead of
 * a JS stack over firstChild/nextSibling) drives a synchronous chunk loop
 * (`walkChunk`); only the driver between chunks is async. What was matched
 * so far is committed at every yield, so the first highlights appear after
 * the first chunk, not after the whole page (spotting.design.md, measured in
 * scripts/bench/spotting.ts `spot-fresh-tab`).
 */
import { skipElement } from '../sites/visibility';
import { yieldTask } from '../spotting/yield-task';
import type { MatchState, ScanGeneration } from './match-state';
import type { PageRoots } from './page-roots';

const now = () => performance.now();
/** NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT (the constant, so no global is needed). */
const SHOW_ELEMENT_TEXT = 0x1 | 0x4;

interface Walk {
  /** The walker of the root being walked (null: take the next root). */
  w: TreeWalker | null;
  /** The node to resume at (the walker's next one, not yet handled), and its ancestors up to the walker's root. */
  resume: Node | null;
  path: Node[];
  /** The next sibling of each of them when the walk stopped. */
  after: Array<Node | null>;
  /** Roots still to walk: the start node, then shadow roots found on the way. */
  todo: Node[];
  matches: MatchState;
  roots: PageRoots;
}

/** An element met on the way: true if its subtree is to be walked (shadow roots and frames are queued). */
function enter(el: Element, walk: Walk): boolean {
  const name = el.localName; // read once (each read is a call into the browser)
  if (name === 'iframe') {
    walk.roots.addFrame(el as HTMLIFrameElement);
    return false;
  }
  if (skipElement(el, name)) return false;
  const sr = el.shadowRoot;
  if (sr) {
    walk.roots.add(sr);
    walk.todo.push(sr);
  }
  return true;
}

/** The walker over a root (its own checks first), or null if there is nothing below it to walk. */
function open(node: Node, walk: Walk): TreeWalker | null {
  const type = node.nodeType;
  if (type === 3) {
    walk.matches.stage(node as Text);
    return null;
  }
  if (type === 1) {
    if (!enter(node as Element, walk)) return null;
  } else if (type !== 9 && type !== 11) return null;
  const doc = type === 9 ? (node as Document) : node.ownerDocument;
  return doc ? doc.createTreeWalker(node, SHOW_ELEMENT_TEXT) : null;
}

/** The next node after the current one's subtree (its children skipped), or null at the end of the root. */
function skipChildren(w: TreeWalker): Node | null {
  for (;;) {
    const n = w.nextSibling();
    if (n) return n;
    if (!w.parentNode()) return null;
  }
}

/**
 * Where to go on after a yield: the node the walk stopped at if the page left it in place; else, below
 * the nearest of its former ancestors still in place, the sibling that followed the removed one if it is
 * still there; else that ancestor is walked again from its start (staging a text node twice is
 * harmless; what the page added is scanned by the mutation batches as well). No part of the page the
 * walk had not reached is lost because the page changed in between.
 */
function resumeAt(w: TreeWalker, path: Node[], after: Array<Node | null>): Node | null {
  let k = path.length - 1; // path[k] is the root
  while (k > 0 && path[k - 1].parentNode === path[k]) k--;
  if (k === 0) return path[0];
  const next = after[k - 1];
  if (next && next.parentNode === path[k] && (next.nodeType === 1 || next.nodeType === 3)) {
    w.currentNode = next;
    return next;
  }
  w.currentNode = path[k];
  return k === path.length - 1 ? w.nextNode() : path[k];
}

/** Walks until done (true) or the deadline passed (false). Synchronous: the hot loop of the scan. */
function walkChunk(walk: Walk, deadline: number): boolean {
  let units = 0;
  for (;;) {
    let w = walk.w;
    if (!w) {
      const next = walk.todo.pop();
      if (!next) return true;
      // A start the page removed while the walk yielded (a later row of a mutation batch) is not walked.
      w = walk.w = next.isConnected ? open(next, walk) : null;
      if (!w) continue;
    }
    let node = walk.resume ? resumeAt(w, walk.path, walk.after) : w.nextNode();
    walk.resume = null;
    while (node) {
      if (node.nodeType === 3) {
        units += 1 + (walk.matches.stage(node as Text) >> 6);
        node = w.nextNode();
      } else {
        units++;
        node = enter(node as Element, walk) ? w.nextNode() : skipChildren(w);
      }
      if (units >= 128) {
        units = 0;
        if (now() > deadline) {
          if (!node) walk.w = null;
          else {
            walk.resume = node;
            walk.path.length = walk.after.length = 0;
            for (let a: Node | null = node; a && a !== w.root; a = a.parentNode) {
              walk.path.push(a);
              walk.after.push(a.nextSibling);
            }
            walk.path.push(w.root);
          }
          return false;
        }
      }
    }
    walk.w = null;
  }
}

/**
 * Lets the page render `count` frames, then goes on in the task after them. A hidden tab renders
 * no frames: then at most FRAME_WAIT_MS.
 * - Two, before the walk goes on after the first highlights: the walk's own yields come back before
 *   the page's next frame, so without this nothing would be drawn until the whole page was walked
 *   (the first frame computes the new holders' visibility, near-set.ts; the second paints).
 * - One, at least every 48 ms of walking: the walk's yields (`scheduler.yield()`) come back before
 *   the page's frames, so a long walk left the page without a frame for ~100 ms at a time (Chromium
 *   then forces one), scrolling stalled and the first highlights were seen a frame late.
 */
function frames(doc: Document, count: 1 | 2): Promise<void> {
  const win = doc.defaultView;
  if (!win || typeof win.requestAnimationFrame !== 'function' || doc.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, FRAME_WAIT_MS);
    const after = () => setTimeout(done, 0);
    win.requestAnimationFrame(count === 2 ? () => win.requestAnimationFrame(after) : after);
  });
}
const FRAME_WAIT_MS = 100;

/** The walk lets the page render a frame at least this often (ms). */
const FRAME_EVERY_MS = 48;

function isNodeList(x: Node | readonly Node[]): x is readonly Node[] {
  return Array.isArray(x);
}

/**
 * Walks `start` (a node, or several in order: the subtrees a mutation batch added, one walk for all);
 * gives up (returns early) as soon as the generation `gen` is superseded. Resolves to when the last
 * chunk began (its commit, the caller's, shares that chunk's budget).
 */
export async function walkText(start: Node | readonly Node[], gen: number, epoch: ScanGeneration, budgetMs: number, matches: MatchState, roots: PageRoots): Promise<number> {
  const starts: readonly Node[] = isNodeList(start) ? start : [start];
  if (!starts.length) return now();
  // A stack: the first start is walked first (shadow roots found on the way go right after their host's subtree).
  const walk: Walk = { w: null, resume: null, path: [], after: [], todo: starts.slice().reverse(), matches, roots };
  const first = starts[0];
  // A whole document's walk draws its first highlights as soon as it has some (once per walk).
  let framed = starts.length > 1 || first.nodeType !== 9;
  const doc = first.nodeType === 9 ? (first as Document) : first.ownerDocument;
  let lastFrame = now();
  let t0 = now();
  for (; !walkChunk(walk, t0 + budgetMs); t0 = now()) {
    // What was matched so far is highlighted now (and reported with the rest once the walk is done),
    // within the chunk's budget: the commit goes on in later tasks if the walk used it up.
    const shown = await matches.commit(gen, t0);
    if (gen !== epoch.gen) return t0;
    if (!framed && shown) {
      framed = true;
      await frames(first as Document, 2);
      lastFrame = now();
    } else if (doc && now() - lastFrame > FRAME_EVERY_MS) {
      await frames(doc, 1);
      lastFrame = now();
    } else await yieldTask();
    if (gen !== epoch.gen) return t0;
  }
  return t0;
}
