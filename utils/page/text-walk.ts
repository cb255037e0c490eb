/**
 * The time-boxed walk of a subtree: every text node is handed to the match
 * state, open shadow roots and iframes found on the way are handed to the
 * page roots; skipped subtrees (scripts, form controls, hidden, editable,
 * Kenner's own UI) are not entered. Yields to the page every `budgetMs`.
 */
import { skipElement } from '../sites/visibility';
import { yieldTask } from '../spotting/yield-task';
import type { MatchState, ScanGeneration } from './match-state';
import type { PageRoots } from './page-roots';

const now = () => performance.now();

/** Walks `start`; gives up (returns early) as soon as the generation `gen` is superseded. */
export async function walkText(start: Node, gen: number, epoch: ScanGeneration, budgetMs: number, matches: MatchState, roots: PageRoots): Promise<void> {
  const stack: Node[] = [start];
  let t0 = now();
  let units = 0;
  while (stack.length) {
    if (gen !== epoch.gen) return;
    const node = stack.pop()!;
    const type = node.nodeType;
    if (type === 3) {
      units += 1 + ((node as Text).length >> 6);
      matches.stage(node as Text);
    } else if (type === 1) {
      units++;
      const el = node as Element;
      if (el.localName === 'iframe') {
        roots.addFrame(el as HTMLIFrameElement);
        continue;
      }
      if (skipElement(el)) continue;
      const sr = el.shadowRoot;
      if (sr) {
        roots.add(sr);
        stack.push(sr);
      }
      for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
    } else if (type === 9 || type === 11) {
      for (let c = node.lastChild; c; c = c.previousSibling) stack.push(c);
    }
    if (units >= 128) {
      units = 0;
      if (now() - t0 > budgetMs) {
        await yieldTask();
        t0 = now();
      }
    }
  }
}
