/**
 * The page side of the hover card's box: one host element, appended to
 * document.documentElement once when the hover card is switched on and kept
 * until it is switched off, with a CLOSED shadow root holding the extension
 * frame (hovercard.html). Opening, closing and placing the card change only
 * the frame's own style and class inside that root: the host element in the
 * page's tree never changes after it is added.
 */
import { browser } from 'wxt/browser';
import { t } from '../../utils/i18n';
import { HOVER_FRAME_PAGE } from '../../utils/messaging/protocol';
import { KENNER_UI_ATTR } from '../../utils/sites/visibility';
import { HOST_CSS } from './style';
import { TOP_LEVEL, asPopover, showOnTop } from '../../utils/page/top-layer';

export const HOST_TAG = 'kenner-hovercard';
const MAX_WIDTH = 340;

export interface Anchor {
  left: number;
  top: number;
  bottom: number;
}

export class FrameHost {
  private readonly host: HTMLElement;
  private readonly frame: HTMLIFrameElement;
  private loads = 0;
  private open = false;

  constructor(
    private readonly doc: Document,
    on: { enter(): void; leave(): void },
  ) {
    const host = doc.createElement(HOST_TAG);
    host.setAttribute(KENNER_UI_ATTR, '');
    host.style.cssText = 'all:initial;position:fixed;top:0;left:0;width:0;height:0;z-index:2147483647;';
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = HOST_CSS;
    const frame = doc.createElement('iframe');
    frame.title = t('hover_frame_title');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.addEventListener('mouseenter', (e) => e.isTrusted && on.enter());
    frame.addEventListener('mouseleave', (e) => e.isTrusted && on.leave());
    // The frame must hold our page: a second load (someone navigated it) gets a fresh frame document.
    frame.addEventListener('load', () => {
      if (++this.loads > 1) this.reload();
    });
    frame.src = frameUrl();
    shadow.append(style, frame);
    // The top layer (top-layer.ts): no whole-page update when it goes in, and above the marks overlay.
    asPopover(host);
    doc.documentElement.appendChild(host);
    showOnTop(host, TOP_LEVEL.card);
    this.host = host;
    this.frame = frame;
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** The card's width for the current viewport (set before staging, so the frame lays out at it). */
  prepare(): void {
    const win = this.doc.defaultView;
    const w = Math.max(200, Math.min(MAX_WIDTH, (win?.innerWidth ?? MAX_WIDTH) - 18));
    this.frame.style.width = `${w}px`;
  }

  /** Shows the frame `height` px high, below the anchor (above it when there is no room). */
  show(anchor: Anchor, height: number): void {
    const win = this.doc.defaultView;
    const vw = win?.innerWidth ?? 1024;
    const vh = win?.innerHeight ?? 768;
    const w = this.frame.offsetWidth || MAX_WIDTH + 2;
    const h = height + 2;
    const left = Math.round(Math.max(8, Math.min(anchor.left, vw - w - 8)));
    let top = anchor.bottom + 6;
    if (top + h > vh - 8 && anchor.top - h - 6 > 8) top = anchor.top - h - 6;
    this.frame.style.height = `${height}px`;
    this.frame.style.transform = `translate(${left}px, ${Math.round(top)}px)`;
    this.frame.classList.add('open');
    this.frame.removeAttribute('aria-hidden');
    this.frame.tabIndex = 0;
    this.open = true;
  }

  hide(): void {
    this.frame.classList.remove('open');
    this.frame.setAttribute('aria-hidden', 'true');
    this.frame.tabIndex = -1;
    this.open = false;
  }

  /** Moves focus into the frame (keyboard opening). */
  focus(): void {
    this.frame.focus();
  }

  /** Takes focus out of the card, back to the page's body. */
  blur(): void {
    this.frame.blur();
  }

  /** Whether focus is in the card (the page sees only the host as its active element). */
  hasFocus(): boolean {
    return this.doc.activeElement === this.host;
  }

  private reload(): void {
    this.hide();
    this.loads = 0;
    this.frame.src = frameUrl();
  }

  dispose(): void {
    this.host.remove();
  }
}

/** The frame's URL (in Chrome a per-session dynamic URL: pages cannot probe for it). */
function frameUrl(): string {
  return browser.runtime.getURL(HOVER_FRAME_PAGE);
}
