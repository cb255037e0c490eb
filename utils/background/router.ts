/**
 * The one place where the background receives messages: for every message of
 * the protocol (utils/messaging/protocol.ts) it checks the sender against the
 * message's `from`, validates the payload against its schema, and only then
 * calls the handler. Handlers are grouped by domain in ./handlers/.
 */
import { browser, type Browser } from 'wxt/browser';
import { onMessage, type Replies } from '../messaging/protocol';
import { MESSAGES, validate, type MessageName, type SenderKind, type ValidData } from '../messaging/messages';
import { t } from '../i18n';

type Sender = Browser.runtime.MessageSender;

/** Who sent a message, once checked. `tabId`/`url`: the sender's tab (content scripts; absent for pages). */
export interface From {
  tabId?: number;
  url?: string;
}

export type Handler<K extends MessageName> = (data: ValidData<K>, from: From) => Promise<Replies[K]> | Replies[K];
export type Handlers = { [K in MessageName]: Handler<K> };

export class ForbiddenSenderError extends Error {}

function fromOwnExtension(sender: Sender): boolean {
  return sender.id === browser.runtime.id;
}

function fromExtensionPage(sender: Sender): boolean {
  return fromOwnExtension(sender) && !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

/** Checks the sender for a message that `kind` may send; throws otherwise. */
function checkSender(kind: SenderKind, sender: Sender): From {
  if (kind === 'page') {
    if (!fromExtensionPage(sender)) throw new ForbiddenSenderError(t('bg_forbidden_sender'));
    return {};
  }
  if (!fromOwnExtension(sender)) throw new ForbiddenSenderError(t('bg_forbidden_sender'));
  const tabId = sender.tab?.id;
  if (kind === 'content' && tabId === undefined) throw new ForbiddenSenderError(t('bg_forbidden_sender'));
  return { tabId, url: sender.tab?.url ?? sender.url };
}

/** Registers every handler; the type requires one for every message of the protocol. */
export function registerRoutes(handlers: Handlers): void {
  for (const name of Object.keys(MESSAGES) as MessageName[]) route(name, handlers[name]);
}

/** One message through the gate: sender first, then payload, then the handler. */
export async function dispatch<K extends MessageName>(name: K, handler: Handler<K>, data: unknown, sender: Sender): Promise<Replies[K]> {
  const from = checkSender(MESSAGES[name].from, sender);
  return handler(validate(name, data), from);
}

function route<K extends MessageName>(name: K, handler: Handler<K>): void {
  // @webext-core/messaging's listener type is a union over all messages; ours is checked per message.
  onMessage(name, (({ data, sender }: { data: unknown; sender: Sender }) => dispatch(name, handler, data, sender)) as Parameters<typeof onMessage<K>>[1]);
}
