/**
 * The hover card's messages (components/hovercard/hovercard.design.md). The
 * content script stages which entity its tab's card shows; the card's frame,
 * a page of this extension inside that tab, fetches the staged card by its
 * own tab (the router names the sender's tab: nothing in the page chooses it)
 * and reports back its height or that it closed; the background relays those
 * as pushes carrying only sequence numbers and a height. Colleague data goes
 * to the frame only, never to the content script or the page.
 */
import { browser } from 'wxt/browser';
import type { EntityKind } from '../../graph/model';
import type { EntityCard, HoverPush, StagedHoverCard } from '../../messaging/protocol';
import type { ValidData } from '../../messaging/messages';
import { getEffectiveSettings } from '../../settings/policy';
import { t } from '../../i18n';
import { ForbiddenSenderError, type Handlers } from '../router';
import type { QueryService } from '../query-service';
import { canonicalEntities } from './entities';
import type { HandlerDeps } from './deps';

/** Tabs whose staged card is kept (the newest; one entry per tab, a few bytes each). */
const MAX_STAGED = 500;

/** The entity and its top three colleagues. */
export async function entityCard(service: QueryService, kind: EntityKind, id: string, effectiveSettings = getEffectiveSettings): Promise<EntityCard> {
  const meta = await service.graphMeta();
  if (!meta) return { entity: null, suggestions: [], status: 'no-graph' };
  const [entity] = await canonicalEntities([{ kind, id, name: '', via: 'text', count: 1 }]);
  if (!entity) return { entity: null, suggestions: [], status: 'unknown' };
  const { settings } = await effectiveSettings();
  const answer = await service.answer([entity], settings);
  return { entity, suggestions: answer.suggestions.slice(0, 3), status: 'ok' };
}

/** Sends a push to a tab (every frame, or one); a tab without a listener is not an error. */
async function push(tabId: number, message: HoverPush, frameId?: number): Promise<void> {
  await browser.tabs.sendMessage(tabId, message, frameId === undefined ? undefined : { frameId }).catch(() => undefined);
}

export function hoverHandlers({ service, effectiveSettings }: Pick<HandlerDeps, 'service' | 'effectiveSettings'>): Pick<Handlers, 'getEntityCard' | 'stageHoverCard' | 'getHoverCard' | 'hoverCardEvent'> {
  const staged = new Map<number, ValidData<'stageHoverCard'>>();
  return {
    getEntityCard: ({ kind, id }) => entityCard(service, kind, id, effectiveSettings),

    // Only the content script of the tab's top frame (where the card lives) stages its card.
    async stageHoverCard(data, { tabId, frameId }) {
      if (tabId === undefined || frameId !== 0) throw new ForbiddenSenderError(t('bg_forbidden_sender'));
      staged.delete(tabId);
      staged.set(tabId, data);
      if (staged.size > MAX_STAGED) staged.delete(staged.keys().next().value!);
      await push(tabId, { kennerHover: 'staged', seq: data.seq });
    },

    async getHoverCard(_data, { tabId }): Promise<StagedHoverCard | null> {
      const s = tabId === undefined ? undefined : staged.get(tabId);
      if (!s) return null;
      return { seq: s.seq, kind: s.kind, focus: s.focus, card: await entityCard(service, s.kind, s.id, effectiveSettings) };
    },

    async hoverCardEvent(event, { tabId }) {
      if (tabId === undefined) return;
      await push(tabId, event.type === 'shown' ? { kennerHover: 'shown', seq: event.seq, height: event.height } : { kennerHover: 'closed', seq: event.seq }, 0);
    },
  };
}
