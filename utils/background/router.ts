/**
 * The one place where the background receives messages: for every message of
 * the protocol (utils/messaging/protocol.ts) it checks the sender against the
 * message's `from`, validates the payload against its schema, and only then
 * calls the handler. Handlers are grouped by domain in ./handlers/.
 */
import { browser, type Browser } from 'wxt/browser';
import { HOVER_FRAME_PAGE, onMessage, type Replies } from '../messaging/protocol';
import { MESSAGES, validate, type MessageName, type SenderKind, type ValidData } from '../messaging/messages';
import { t } from '../i18n';
import { inUserWords } from './user-words';

type Sender = Browser.runtime.MessageSender;

/** Who sent a message, once checked. `tabId`/`url`: the sender's tab (content scripts, the hover frame; absent for pages); `frameId`: its frame in that tab. */
export interface From {
  tabId?: number;
  url?: string;
  frameId?: number;
}

export type Handler<K extends MessageName> = (data: ValidData<K>, from: From) => Promise<Replies[K]> | Replies[K];
export type Handlers = { [K in MessageName]: Handler<K> };

export class ForbiddenSenderError extends Error {}

function fromOwnExtension(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

/** A document of this extension's own origin (its pages and the hover card's frame). */
function onExtensionOrigin(sender: Sender): boolean {
  return !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

/** The hover card's frame: this extension's hovercard.html, inside a tab. */
function isHoverFrame(sender: Sender): boolean {
  if (!fromOwnExtension(sender) || !onExtensionOrigin(sender) || sender.tab?.id === undefined) return false;
  return new URL(sender.url!).pathname === HOVER_FRAME_PAGE;
}

function isKind(kind: Exclude<SenderKind, 'extension'>, sender: Sender): boolean {
  if (!fromOwnExtension(sender)) return false;
  if (kind === 'frame') return isHoverFrame(sender);
  // The hover frame is neither a page (it may not change settings or data) nor a content script.
  if (kind === 'page') return onExtensionOrigin(sender) && !isHoverFrame(sender);
  return sender.tab?.id !== undefined && !onExtensionOrigin(sender);
}

/** Checks the sender for a message that `kind` may send; throws otherwise. */
function checkSender(kind: SenderKind, sender: Sender): From {
  const ok = kind === 'extension' ? (['content', 'page', 'frame'] as const).some((k) => isKind(k, sender)) : isKind(kind, sender);
  if (!ok) throw new ForbiddenSenderError(t('bg_forbidden_sender'));
  if (kind === 'page') return {};
  return { tabId: sender.tab?.id, url: sender.tab?.url ?? sender.url, frameId: sender.frameId };
}

/** Registers every handler; the type requires one for every message of the protocol. */
export function registerRoutes(handlers: Handlers): void {
  for (const name of Object.keys(MESSAGES) as MessageName[]) route(name, handlers[name]);
}

/** One message through the gate: sender first, then payload, then the handler. */
export async function dispatch<K extends MessageName>(name: K, handler: Handler<K>, data: unknown, sender: Sender): Promise<Replies[K]> {
  const from = checkSender(MESSAGES[name].from, sender);
  try {
    return await handler(validate(name, data), from);
  } catch (err) {
    throw inUserWords(err);
  }
}

function route<K extends MessageName>(name: K, handler: Handler<K>): void {
  // @webext-core/messaging's listener type is a union over all messages; ours is checked per message.
  onMessage(name, (({ data, sender }: { data: unknown; sender: Sender }) => dispatch(name, handler, data, sender)) as Parameters<typeof onMessage<K>>[1]);
}
