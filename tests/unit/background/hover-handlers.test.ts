/** The background's side of the hover card: staging per tab, the frame's fetch by its own tab, the pushes. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { QueryService } from '../../../utils/background/query-service';
import { ForbiddenSenderError } from '../../../utils/background/router';

vi.mock('../../../utils/background/handlers/entities', () => ({
  canonicalEntities: async (list: Array<{ kind: string; id: string }>) => list.map((e) => ({ ...e, name: `Name of ${e.id}` })),
}));
vi.mock('../../../utils/settings/policy', () => ({ getEffectiveSettings: async () => ({ settings: {} }) }));
import { hoverHandlers } from '../../../utils/background/handlers/hover';

const colleague = { person: { id: 'p-sofie', name: 'Sofie Lindqvist' }, score: 1, strengths: {}, roles: [], reasons: [] };
const service = {
  graphMeta: async () => ({ revision: 'r' }),
  answer: async () => ({ suggestions: [colleague] }),
} as unknown as QueryService;

let pushes: Array<{ tabId: number; message: unknown; options?: unknown }> = [];
beforeEach(() => {
  fakeBrowser.reset();
  pushes = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: unknown, options?: unknown) => {
    pushes.push({ tabId, message, options });
  }));
});

describe('hover card handlers', () => {
  it('the frame gets the card staged for its own tab, and nothing staged for another', async () => {
    const h = hoverHandlers({ service });
    await h.stageHoverCard({ seq: 41, kind: 'account', id: 'a-nordlicht', focus: true }, { tabId: 7, frameId: 0 });
    // The frame is told to look (a sequence number, no names), by a push to its tab.
    expect(pushes).toEqual([{ tabId: 7, message: { kennerHover: 'staged', seq: 41 }, options: undefined }]);
    await expect(h.getHoverCard(undefined, { tabId: 7, frameId: 3 })).resolves.toEqual({
      seq: 41,
      kind: 'account',
      focus: true,
      card: { entity: { kind: 'account', id: 'a-nordlicht', name: 'Name of a-nordlicht', via: 'text', count: 1 }, suggestions: [colleague], status: 'ok' },
    });
    await expect(h.getHoverCard(undefined, { tabId: 8, frameId: 3 })).resolves.toBeNull();
  });

  it('only the top frame of a tab stages (the card lives there)', async () => {
    const h = hoverHandlers({ service });
    await expect(h.stageHoverCard({ seq: 1, kind: 'account', id: 'a-1', focus: false }, { tabId: 7, frameId: 2 })).rejects.toBeInstanceOf(ForbiddenSenderError);
    await expect(h.stageHoverCard({ seq: 1, kind: 'account', id: 'a-1', focus: false }, { frameId: 0 })).rejects.toBeInstanceOf(ForbiddenSenderError);
    await expect(h.getHoverCard(undefined, { tabId: 7 })).resolves.toBeNull();
  });

  it('the frame’s height and "closed" go to the content script of its own tab, top frame only', async () => {
    const h = hoverHandlers({ service });
    await h.hoverCardEvent({ type: 'shown', seq: 2, height: 150 }, { tabId: 5, frameId: 9 });
    await h.hoverCardEvent({ type: 'closed', seq: 2 }, { tabId: 5, frameId: 9 });
    expect(pushes).toEqual([
      { tabId: 5, message: { kennerHover: 'shown', seq: 2, height: 150 }, options: { frameId: 0 } },
      { tabId: 5, message: { kennerHover: 'closed', seq: 2 }, options: { frameId: 0 } },
    ]);
  });
});
