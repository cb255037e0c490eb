/**
 * WXT's content-script context announces every started script to the page
 * (window.postMessage with a type that names the extension id) and stops the
 * running script when it sees that announcement as a DOM event on the
 * document, an event any page script can dispatch. Kenner keeps both to
 * itself: the announcement is not posted to the page, and only the
 * announcement of Kenner's own next script (an update) reaches WXT's
 * listener. Installed by entrypoints/content.ts at module evaluation, before
 * WXT creates the context.
 */

const STARTED = 'wxt:content-script-started';
/** Set (in the content scripts' own world, which the page cannot reach) while one of our scripts starts. */
const STARTING = Symbol.for('kenner.content-script-starting');

type StartFlag = { [STARTING]?: boolean };

function isStartAnnouncement(data: unknown): boolean {
  return !!data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string' && (data as { type: string }).type.endsWith(STARTED);
}

/**
 * Call at module evaluation of the content script; returns `started`, to be
 * called once WXT's context exists (the script's main()).
 */
export function guardStartAnnouncements(win: Window = window): { started(): void } {
  const flag = globalThis as StartFlag;
  flag[STARTING] = true;
  const post = win.postMessage.bind(win) as (...a: unknown[]) => void;
  // Not to the page: the announcement names the extension (a fingerprint) and invites the page to mimic it.
  const filtered = (message: unknown, ...rest: unknown[]) => {
    if (isStartAnnouncement(message)) return;
    post(message, ...rest);
  };
  try {
    Object.defineProperty(win, 'postMessage', { value: filtered, configurable: true, writable: true });
  } catch {
    /* a frozen window: leave it */
  }
  // Only an announcement made while one of our scripts starts reaches WXT's listener on the document.
  const suffix = `:${STARTED}`;
  const stopForeign = (e: Event) => {
    if (e.type.endsWith(suffix) && !flag[STARTING]) e.stopImmediatePropagation();
  };
  // The event name is `<extension id>:<entrypoint>:wxt:content-script-started`: listen for our own.
  const name = startEventName();
  if (name) win.addEventListener(name, stopForeign, { capture: true });
  return {
    started() {
      flag[STARTING] = false;
    },
  };
}

/** WXT's event name for this extension's content script (see wxt/utils/internal/custom-events). */
function startEventName(): string | null {
  const g = globalThis as { chrome?: { runtime?: { id?: string } }; browser?: { runtime?: { id?: string } } };
  const id = g.chrome?.runtime?.id ?? g.browser?.runtime?.id;
  const entry = import.meta.env?.ENTRYPOINT;
  return id && entry ? `${id}:${entry}:${STARTED}` : null;
}
