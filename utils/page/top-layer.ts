/**
 * Kenner's hosts in a page (the marks overlay, the hover card's frame) go into the top layer as manual
 * popovers, shown once when they are put in. An element put into the page's own tree (anywhere, even an
 * empty static block) cost a whole-page update in its first frame on a large page
 * (`Blink.CompositingInputs`: 15–22 ms on the 33 k-element benchmark page); in the top layer ~5 ms
 * (issue 14, fifth pass; docs/performance/spotting.md). The hosts keep their own z-index: where the
 * popover API is missing, or the page hides the popover, they stay above the page as before.
 * Order: the top layer stacks in the order things were shown, so the hover card (put in after the
 * overlay) stays above the marks, as its higher z-index kept it before.
 */

/** For a host's shadow sheet: a page's `::backdrop` rule would otherwise tint the whole page under it. */
export const NO_BACKDROP = ':host::backdrop{display:none!important}';

/** Marks a host as a manual popover (before it goes into the page: its attributes never change after). */
export function asPopover(host: HTMLElement): void {
  host.setAttribute('popover', 'manual');
}

/** Into the top layer, where the browser has it (after the host went into the page). */
export function showOnTop(host: HTMLElement): void {
  if (typeof host.showPopover !== 'function') return;
  try {
    host.showPopover();
  } catch {
    // Not an HTML document, or the page cancelled it (beforetoggle): the host's z-index keeps it above the page.
  }
}
