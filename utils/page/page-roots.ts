/**
 * The roots the scan observes: the document, each open shadow root and each
 * same-origin iframe document, one MutationObserver per root (childList,
 * characterData, subtree). Frames are remembered in a WeakSet (nothing is
 * written into the page's DOM); a frame's document is handed over when it is
 * found and again after each load.
 */
export type Root = Document | ShadowRoot;

export interface PageRootsHooks {
  /** Mutation records of any root. */
  onMutations(records: MutationRecord[]): void;
  /** A same-origin frame document not observed yet (it is to be added and walked). */
  onFrameDocument(doc: Document): void;
  /** Whether the scan is running (frame loads after a stop are ignored). */
  isRunning(): boolean;
}

export class PageRoots {
  private roots: Root[] = [];
  private observers = new Map<Root, MutationObserver>();
  private readonly framesSeen = new WeakSet<HTMLIFrameElement>();

  constructor(private readonly hooks: PageRootsHooks) {}

  /** The known roots, in the order found. */
  get list(): ReadonlyArray<Root> {
    return this.roots;
  }

  has(root: Root): boolean {
    return this.observers.has(root);
  }

  /** Observes a root (once), with its own window's MutationObserver (frames have their own). */
  add(root: Root): void {
    if (this.observers.has(root)) return;
    // A document has no owner document; a shadow root's is the one it lives in.
    const win = (root.ownerDocument ?? root).defaultView;
    const MO = win?.MutationObserver ?? MutationObserver;
    const obs = new MO((records) => this.hooks.onMutations(records));
    obs.observe(root, { childList: true, subtree: true, characterData: true });
    this.observers.set(root, obs);
    this.roots.push(root);
  }

  /** An iframe met by the walk: its document now if readable, and after each load. */
  addFrame(frame: HTMLIFrameElement): void {
    let d: Document | null = null;
    try {
      d = frame.contentDocument;
    } catch {
      d = null;
    }
    if (!this.framesSeen.has(frame)) {
      this.framesSeen.add(frame);
      frame.addEventListener('load', () => {
        if (!this.hooks.isRunning()) return;
        try {
          const nd = frame.contentDocument;
          if (nd && !this.observers.has(nd)) this.hooks.onFrameDocument(nd);
        } catch {
          /* cross-origin */
        }
      });
    }
    if (d && !this.observers.has(d)) this.hooks.onFrameDocument(d);
  }

  /** Stops observing every root and forgets them (frames stay remembered). */
  disconnect(): void {
    for (const o of this.observers.values()) o.disconnect();
    this.observers.clear();
    this.roots = [];
  }
}
