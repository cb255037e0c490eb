/**
 * The hover card's frame (entrypoints/hovercard, in the extension's own
 * origin): when the background says a card was staged for this tab, fetch it
 * (the background answers by the sender's tab), draw it, report its height;
 * Escape, the close button and "Open in side panel" close it. It listens to
 * nothing the page can send: no `message` events; pushes are accepted from
 * this extension's background only.
 */
import { browser } from 'wxt/browser';
import { t, uiLanguage } from '../../utils/i18n';
import { asHoverPush, sendMessage, type StagedHoverCard } from '../../utils/messaging/protocol';
import { renderCard } from './card-view';
import { wordsOnly } from '../common/strength-words';
import { FRAME_CSS } from './style';

export function startHoverFrame(doc: Document = document): () => void {
  doc.documentElement.lang = uiLanguage();
  doc.title = t('extName');
  const style = doc.createElement('style');
  style.textContent = FRAME_CSS;
  doc.head.append(style);
  const card = doc.createElement('section');
  card.className = 'card';
  card.setAttribute('role', 'dialog');
  card.tabIndex = -1;
  card.hidden = true;
  doc.body.replaceChildren(card);

  let current: StagedHoverCard | null = null;
  let lastHeight = -1;
  let loading = 0;

  const report = () => {
    if (!current) return;
    const height = Math.ceil(card.getBoundingClientRect().height);
    if (height === lastHeight) return;
    lastHeight = height;
    sendMessage('hoverCardEvent', { type: 'shown', seq: current.seq, height }).catch(() => undefined);
  };
  const close = () => {
    if (!current) return;
    sendMessage('hoverCardEvent', { type: 'closed', seq: current.seq }).catch(() => undefined);
  };
  const openPanel = () => {
    sendMessage('openSidePanel', {}).catch(() => undefined);
    close();
  };

  const load = async () => {
    const mine = ++loading;
    // Works-council mode is known before the card is drawn (strength in words, never a number).
    const [staged] = await Promise.all([sendMessage('getHoverCard', {}).catch(() => null), wordsOnly()]);
    if (mine !== loading || !staged) return;
    current = staged;
    lastHeight = -1;
    renderCard(card, staged, { close, openPanel });
    card.hidden = false;
    if (staged.focus) card.focus();
    report();
  };

  const resize = new ResizeObserver(() => report());
  resize.observe(card);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && e.isTrusted) {
      e.preventDefault();
      close();
    }
  };
  // Opened by keyboard: the content script focuses the frame; the card takes it.
  const onFocus = () => {
    if (current?.focus && (doc.activeElement === doc.body || !doc.activeElement)) card.focus();
  };
  const onPush = (message: unknown, sender: { id?: string; tab?: unknown }) => {
    const p = asHoverPush(message, sender, browser.runtime.id);
    if (p?.kennerHover === 'staged') void load();
  };
  doc.addEventListener('keydown', onKey);
  doc.defaultView?.addEventListener('focus', onFocus);
  browser.runtime.onMessage.addListener(onPush);
  // A card staged before this frame listened (a keyboard opening right after the page loaded).
  void load();
  return () => {
    resize.disconnect();
    doc.removeEventListener('keydown', onKey);
    doc.defaultView?.removeEventListener('focus', onFocus);
    browser.runtime.onMessage.removeListener(onPush);
  };
}
