/**
 * A batch of mutation records as the scan reads it (engine.ts `flush`): which
 * text nodes to match again, which added subtrees to walk, which removed nodes
 * to prune. See spotting.design.md, "Incremental scan".
 */
import { insideSkipped } from '../sites/visibility';

export interface MutationBatch {
  /** Text nodes added or changed (some may have left the page or be in a skipped place since). */
  texts: Set<Text>;
  /** Added element subtrees still in the page and not in a skipped place, in the order they came: one walk for all. */
  starts: Node[];
  /** Removed nodes whose text may be tracked. */
  removed: Node[];
}

/**
 * Reads a batch. `ordered`: the records are those of one observed root, in the order things happened,
 * and nothing in this batch's added nodes was walked before the batch is read (no walk ran while they
 * waited). Then a node first seen in the batch as added was not in the page when the batch began (moving
 * it out would have come first), nothing in it was ever walked, and its removal in the same batch needs
 * no pruning: a list re-rendered twice between two batches costs one prune, not two. With several roots
 * (shadow roots, frames) each root's records come on their own, so there is no such shortcut.
 */
export function readBatch(records: readonly MutationRecord[], ordered: boolean): MutationBatch {
  const texts = new Set<Text>();
  const subtrees = new Set<Node>();
  const removed: Node[] = [];
  const addedHere = ordered ? new Set<Node>() : null;
  for (const r of records) {
    if (r.type === 'characterData') {
      if (r.target.nodeType === 3) texts.add(r.target as Text);
    } else if (r.type === 'childList') {
      const gone = r.removedNodes;
      for (let i = 0; i < gone.length; i++) if (!addedHere?.has(gone[i])) removed.push(gone[i]);
      const added = r.addedNodes;
      for (let i = 0; i < added.length; i++) {
        const n = added[i];
        addedHere?.add(n);
        if (n.nodeType === 3) texts.add(n as Text);
        else if (n.nodeType === 1) subtrees.add(n);
      }
    }
  }
  // Whether a place is skipped is asked once per parent (the rows of a list share theirs).
  const starts: Node[] = [];
  const skippedAt = new Map<Node, boolean>();
  for (const n of subtrees) {
    if (!n.isConnected) continue;
    const at = n.parentNode ?? n;
    let skip = skippedAt.get(at);
    if (skip === undefined) skippedAt.set(at, (skip = insideSkipped(at)));
    if (!skip) starts.push(n);
  }
  return { texts, starts, removed };
}
