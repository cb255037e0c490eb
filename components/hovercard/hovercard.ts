/**
 * The hover card, page side (design: hovercard.design.md). The card itself
 * is drawn in a frame of the extension's own origin (frame-app.ts), held in a
 * closed shadow root on one host element that is added once and then never
 * changes (frame-host.ts); nothing of the card's content is in the page's
 * tree or in this content script. Opened only by trusted input: a real
 * pointer resting on a highlighted name (caret position from point + the
 * engine's matchAt, one check per frame), or Alt+K for the name at the caret
 * or selection or in the focused element (focus moves into the card; Escape
 * closes and gives focus back). Synthetic events do nothing. Which entity the
 * card shows goes to the background (stageHoverCard), from which the frame
 * fetches it by its own tab; the frame's height and "closed" come back as
 * pushes from the background. Strings through t() (hover_* keys).
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { asHoverPush, sendMessage, type HoverPush } from '../../utils/messaging/protocol';
import type { SpotEngine } from '../../utils/page/engine';
import { FrameHost } from './frame-host';
import { currentRect, targetAtPoint, targetForKeyboard, type Target } from './target';

const SHOW_DELAY_MS = 250;
const HIDE_DELAY_MS = 300;

/** Alt+K (by key position, so that it works on every layout and on macOS, where Alt+K types a character). */
export function isOpenShortcut(e: KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.code === 'KeyK' || e.key === 'k' || e.key === 'K');
}

interface Opening {
  seq: number;
  target: Target;
  focus: boolean;
  /** Where focus was before a keyboard opening (it returns there on close). */
  returnTo: HTMLElement | null;
}

export class HoverCard {
  private readonly frame: FrameHost;
  /** The card asked for last (shown once the frame reports its height). */
  private pending: Opening | null = null;
  /** The card on screen. */
  private shown: Opening | null = null;
  // A random start: a card staged by an earlier page in this tab never matches.
  private seq = Math.floor(Math.random() * 2 ** 40);
  private pendingFrame = 0;
  private scrollFrame = 0;
  private height = 0;
  private lastPoint: { x: number; y: number } | null = null;
  private showTimer: ReturnType<typeof setTimeout> | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | null = null;
  private overCard = false;
  private disposed = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly engine: SpotEngine,
    ctx?: ContentScriptContext,
  ) {
    const doc = engine.doc;
    const win = doc.defaultView!;
    const signal = this.abort.signal;
    this.frame = new FrameHost(doc, {
      enter: () => {
        this.overCard = true;
        this.clearHideTimer();
      },
      leave: () => {
        this.overCard = false;
        this.scheduleHide();
      },
    });
    doc.addEventListener('mousemove', this.onMove, { passive: true, capture: true, signal });
    win.addEventListener('keydown', this.onKey, { capture: true, signal });
    doc.addEventListener('scroll', this.onScroll, { passive: true, capture: true, signal });
    browser.runtime.onMessage.addListener(this.onPush);
    ctx?.onInvalidated(() => this.dispose());
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.abort.abort();
    browser.runtime.onMessage.removeListener(this.onPush);
    if (this.pendingFrame) cancelAnimationFrame(this.pendingFrame);
    if (this.scrollFrame) cancelAnimationFrame(this.scrollFrame);
    this.clearTimers();
    this.frame.dispose();
  }

  /** Whether the card is on screen (for tests). */
  get isOpen(): boolean {
    return this.frame.isOpen;
  }

  private clearHideTimer(): void {
    if (this.hideTimer) clearTimeout(this.hideTimer);
    this.hideTimer = null;
  }

  private clearTimers(): void {
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = null;
    this.clearHideTimer();
  }

  private scheduleHide(): void {
    if (!this.frame.isOpen && !this.pending) return;
    if (this.hideTimer || this.shown?.focus) return;
    this.hideTimer = setTimeout(() => this.hide(false), HIDE_DELAY_MS);
  }

  private onKey = (e: KeyboardEvent) => {
    if (!e.isTrusted) return;
    if (e.key === 'Escape' && (this.frame.isOpen || this.pending)) {
      this.hide(true);
    } else if (isOpenShortcut(e)) {
      const target = targetForKeyboard(this.engine);
      if (!target) return;
      e.preventDefault();
      const active = this.engine.doc.activeElement;
      void this.open(target, true, active instanceof HTMLElement ? active : null);
    }
  };

  // Scrolling (the user's, or focus bringing an element into view) moves the card with its name,
  // and closes it once the name is out of view.
  private onScroll = () => {
    if (!this.shown || this.scrollFrame) return;
    this.scrollFrame = requestAnimationFrame(() => {
      this.scrollFrame = 0;
      const shown = this.shown;
      if (!shown) return;
      const rect = currentRect(shown.target, this.engine.doc.defaultView!);
      if (rect) this.frame.show(rect, this.height);
      else this.hide(false);
    });
  };

  private onMove = (e: MouseEvent) => {
    if (!e.isTrusted || this.overCard) return;
    this.lastPoint = { x: e.clientX, y: e.clientY };
    if (!this.pendingFrame) this.pendingFrame = requestAnimationFrame(this.check);
  };

  private check = () => {
    this.pendingFrame = 0;
    const p = this.lastPoint;
    if (!p || this.disposed || this.overCard) return;
    const target = targetAtPoint(this.engine, p.x, p.y);
    const current = this.pending?.target ?? this.shown?.target;
    if (target && current && target.id === current.id && target.kind === current.kind) {
      this.clearHideTimer();
      return;
    }
    if (this.showTimer) clearTimeout(this.showTimer);
    this.showTimer = null;
    if (target) this.showTimer = setTimeout(() => void this.open(target, false, null), SHOW_DELAY_MS);
    else this.scheduleHide();
  };

  /** Stages the card for a target; the frame draws it and the background reports its height (onPush). */
  private async open(target: Target, focus: boolean, returnTo: HTMLElement | null): Promise<void> {
    if (this.disposed) return;
    this.clearTimers();
    const opening: Opening = { seq: ++this.seq, target, focus, returnTo };
    this.pending = opening;
    this.frame.prepare();
    try {
      await sendMessage('stageHoverCard', { seq: opening.seq, kind: target.kind, id: target.id, focus });
    } catch (err) {
      console.debug('Kenner: hover card not staged', err);
      if (this.pending === opening) this.pending = null;
    }
  }

  private onPush = (message: unknown, sender: { id?: string; tab?: unknown }): undefined => {
    const p = asHoverPush(message, sender, browser.runtime.id);
    if (p) this.applyPush(p);
    return undefined;
  };

  /** A push from the background about this tab's card (public for tests). */
  applyPush(p: HoverPush): void {
    if (this.disposed) return;
    if (p.kennerHover === 'shown') {
      const opening = this.pending?.seq === p.seq ? this.pending : this.shown?.seq === p.seq ? this.shown : null;
      if (!opening) return;
      const wasShown = this.shown === opening;
      this.pending = null;
      this.shown = opening;
      this.height = p.height;
      this.frame.show(currentRect(opening.target, this.engine.doc.defaultView!) ?? opening.target.rect, p.height);
      if (opening.focus && !wasShown) this.frame.focus();
    } else if (p.kennerHover === 'closed' && this.shown?.seq === p.seq) {
      this.hide(true);
    }
  }

  hide(restoreFocus: boolean): void {
    const shown = this.shown;
    const hadFocus = this.frame.hasFocus();
    this.pending = null;
    this.shown = null;
    this.overCard = false;
    this.clearTimers();
    this.frame.hide();
    if (!hadFocus) return;
    const back = shown?.returnTo;
    if (restoreFocus && back?.isConnected && back !== this.engine.doc.body) back.focus();
    else this.frame.blur();
  }
}
