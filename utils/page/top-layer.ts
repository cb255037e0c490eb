/**
 * Kenner's hosts in a page (the marks overlay, the hover card's frame) go into the top layer as manual
 * popovers, shown once when they are put in. An element put into the page's own tree (anywhere, even an
 * empty static block) cost a whole-page update in its first frame on a large page
 * (`Blink.CompositingInputs`: 15–22 ms on the 33 k-element benchmark page); in the top layer ~5 ms
 * (issue 14, fifth pass; docs/performance/spotting.md). The hosts keep their own z-index: where the
 * popover API is missing, or the page hides the popover, they stay above the page as before.
 * Order: the top layer stacks in the order things were shown; `showOnTop` keeps the hover card above
 * the marks whichever went in last (`TOP_LEVEL`), as its higher z-index kept it before.
 */

/** For a host's shadow sheet: a page's `::backdrop` rule would otherwise tint the whole page under it. */
export const NO_BACKDROP = ':host::backdrop{display:none!important}';

/** Marks a host as a manual popover (before it goes into the page: its attributes never change after). */
export function asPopover(host: HTMLElement): void {
  host.setAttribute('popover', 'manual');
}

/** Kenner's host levels, lowest first: the hover card stays above the marks (as its higher z-index kept it before). */
export const TOP_LEVEL = { marks: 0, card: 1 } as const;

/** Per document, Kenner's hosts in the top layer with their levels. */
const stacks = new WeakMap<Document, Array<{ host: HTMLElement; level: number }>>();

/**
 * Into the top layer, where the browser has it (after the host went into the page). The top layer
 * stacks in the order things were shown, so every Kenner host of a higher level is shown again after
 * it: a marks overlay put back after the page removed it stays under the hover card. Only a put-back
 * (the page's own removal) or switching a part on does this, never a match. Focus inside a host's
 * frame stays where it was (hidden and shown in one task; checked in Chromium 156).
 */
export function showOnTop(host: HTMLElement, level: number): void {
  if (typeof host.showPopover !== 'function') return;
  const doc = host.ownerDocument;
  let stack = stacks.get(doc);
  if (!stack) stacks.set(doc, (stack = []));
  for (let i = stack.length - 1; i >= 0; i--) if (stack[i].host === host || !stack[i].host.isConnected) stack.splice(i, 1);
  show(host);
  for (const above of stack.filter((e) => e.level > level).sort((a, b) => a.level - b.level)) {
    try {
      above.host.hidePopover();
    } catch {
      // not shown (the page hid it, or it never could be): shown below if it can be
    }
    show(above.host);
  }
  stack.push({ host, level });
}

function show(host: HTMLElement): void {
  try {
    host.showPopover();
  } catch {
    // Not an HTML document, or the page cancelled it (beforetoggle): the host's z-index keeps it above the page.
  }
}
