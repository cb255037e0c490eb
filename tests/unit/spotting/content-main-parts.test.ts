// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { STORY } from '../../../utils/demo/story';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { splitDictionary } from '../../../utils/spotting/wire';

// The background serves a dictionary in parts (utils/spotting/wire.ts), each a message of its own (JSON, as messages travel).
const bg = vi.hoisted(() => ({ messages: [] as string[], asked: [] as Array<{ revision: string | null; part?: number }>, reports: [] as Array<{ entities: Array<{ id: string }> }> }));
vi.mock('../../../utils/messaging/protocol', () => ({
  sendMessage: async (type: string, data: unknown) => {
    await new Promise((r) => setTimeout(r, 0));
    if (type === 'pageHello') return { active: true, highlight: true, hoverCard: false, kinds: { account: true, contact: true, topic: true }, dictionaryRevision: 'r1' };
    if (type === 'getDictionary') {
      const d = data as { revision: string | null; part?: number };
      bg.asked.push(d);
      const m = bg.messages[d.part ?? 0];
      return m === undefined ? null : (JSON.parse(m) as unknown);
    }
    if (type === 'reportEntities') bg.reports.push(data as { entities: Array<{ id: string }> });
    return undefined;
  },
}));
vi.mock('../../../components/hovercard/hovercard', () => ({ HoverCard: class { dispose() {} } }));

import { runContentScript } from '../../../utils/page/content-main';

describe('a dictionary in parts', () => {
  it('the content script asks for every part of the revision it was told, and finds what the whole dictionary finds', async () => {
    bg.messages = splitDictionary(compileDictionary(STORY, 'r1'), 512).map((m) => JSON.stringify(m));
    expect(bg.messages.length).toBeGreaterThan(3);
    document.body.innerHTML = '<p>Call with Nordlicht Logistik GmbH and Solvik Energi AB; mail mette.hansen@havbryggen.dk.</p>';
    const ctx = { isInvalid: false, isValid: true, onInvalidated: () => undefined, addEventListener: (t: EventTarget, type: string, f: EventListener) => t.addEventListener(type, f) };
    await runContentScript(ctx as unknown as ContentScriptContext);
    await vi.waitFor(() => expect(bg.reports.length).toBeGreaterThan(0), { timeout: 10_000, interval: 10 });
    const ids = (bg.reports.at(-1)?.entities ?? []).map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(['a-nordlicht', 'a-solvik', 'a-havbryggen']));
    expect(bg.asked[0]).toEqual({ revision: 'r1' });
    expect(bg.asked.slice(1).map((a) => a.part).sort((a, b) => a! - b!)).toEqual(bg.messages.slice(1).map((_, i) => i + 1));
    expect(bg.asked.slice(1).every((a) => a.revision === 'r1')).toBe(true);
  });
});
