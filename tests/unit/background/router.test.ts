/** The background's one gate for messages: who may send what, and payloads checked before any handler runs. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { dispatch, ForbiddenSenderError, type Handler } from '../../../utils/background/router';
import { InvalidMessageError, MESSAGES } from '../../../utils/messaging/messages';

const ownId = () => fakeBrowser.runtime.id;
const page = () => ({ id: ownId(), url: fakeBrowser.runtime.getURL('/options.html') });
const contentScript = () => ({ id: ownId(), url: 'https://acme.lightning.force.com/lightning/r/Account/001/view', tab: { id: 7, url: 'https://acme.lightning.force.com/lightning/r/Account/001/view' } as never });
const otherExtension = () => ({ id: 'someone-else', url: 'chrome-extension://someone-else/page.html' });
const webPage = () => ({ id: ownId(), url: 'https://evil.example/', tab: { id: 9, url: 'https://evil.example/' } as never });
/** The hover card's frame: this extension's hovercard.html inside tab 7. */
const hoverFrame = (tab = 7) => ({ id: ownId(), url: fakeBrowser.runtime.getURL('/hovercard.html'), tab: { id: tab, url: 'https://acme.lightning.force.com/lightning/r/Account/001/view' } as never, frameId: 4 });

beforeEach(() => fakeBrowser.reset());

describe('message router', () => {
  it('passes a page message from the extension’s own page, with the validated payload', async () => {
    const handler = vi.fn<Handler<'getTabView'>>(() => ({ tabId: 3, status: 'ok', entities: [], suggestions: [] }));
    await expect(dispatch('getTabView', handler, { tabId: 3 }, page())).resolves.toMatchObject({ tabId: 3 });
    expect(handler).toHaveBeenCalledWith({ tabId: 3 }, {});
  });

  it('refuses page messages from content scripts and other extensions before the handler runs', async () => {
    const handler = vi.fn<Handler<'deleteAllLocalData'>>();
    await expect(dispatch('deleteAllLocalData', handler, undefined, contentScript())).rejects.toBeInstanceOf(ForbiddenSenderError);
    await expect(dispatch('deleteAllLocalData', handler, undefined, otherExtension())).rejects.toBeInstanceOf(ForbiddenSenderError);
    await expect(dispatch('deleteAllLocalData', handler, undefined, webPage())).rejects.toBeInstanceOf(ForbiddenSenderError);
    expect(handler).not.toHaveBeenCalled();
  });

  it('gives a content-script message its tab, and refuses one without a tab', async () => {
    const handler = vi.fn<Handler<'reportEntities'>>();
    const report = { adapter: 'salesforce', entities: [{ kind: 'account', id: 'a-1', name: 'Nordlicht', via: 'record', count: 1 }], navigation: 0 };
    await dispatch('reportEntities', handler, report, contentScript());
    expect(handler).toHaveBeenCalledWith(report, { tabId: 7, url: 'https://acme.lightning.force.com/lightning/r/Account/001/view' });
    await expect(dispatch('reportEntities', handler, report, page())).rejects.toBeInstanceOf(ForbiddenSenderError);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('refuses a payload that breaks its schema, and unknown keys in a settings patch', async () => {
    const report = vi.fn<Handler<'reportEntities'>>();
    const tooMany = Array.from({ length: 2001 }, (_, i) => ({ kind: 'account', id: `a-${i}`, name: 'x', via: 'text', count: 1 }));
    await expect(dispatch('reportEntities', report, { adapter: 'x', entities: tooMany, navigation: 0 }, contentScript())).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(dispatch('reportEntities', report, { adapter: 'x', entities: [{ kind: 'person', id: 'p', name: 'x', via: 'text', count: 1 }], navigation: 0 }, contentScript())).rejects.toBeInstanceOf(InvalidMessageError);
    expect(report).not.toHaveBeenCalled();
    const update = vi.fn<Handler<'updateSettings'>>();
    await expect(dispatch('updateSettings', update, { meId: 'p-1', secret: true }, page())).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(dispatch('updateSettings', update, { logRetentionDays: -1 }, page())).rejects.toBeInstanceOf(InvalidMessageError);
    expect(update).not.toHaveBeenCalled();
  });

  it('every message names who may send it', () => {
    for (const [name, spec] of Object.entries(MESSAGES)) expect(['content', 'page', 'frame', 'extension'], name).toContain(spec.from);
    // Nothing reachable from a tab (content script, hover frame) changes settings or data.
    const fromContent = Object.entries(MESSAGES).filter(([, s]) => s.from !== 'page').map(([n]) => n).sort();
    expect(fromContent).toEqual(['getDictionary', 'getHoverCard', 'hoverCardEvent', 'openSidePanel', 'pageHello', 'reportEntities', 'stageHoverCard']);
  });
});

describe('hover card messages (issue 10: the page learns nothing)', () => {
  const stage = { seq: 1, kind: 'account', id: 'a-1', focus: false };

  it('only the content script stages a card, and it is given its own tab and frame', async () => {
    const handler = vi.fn<Handler<'stageHoverCard'>>();
    await dispatch('stageHoverCard', handler, stage, { ...contentScript(), frameId: 0 });
    expect(handler).toHaveBeenCalledWith(stage, { tabId: 7, url: 'https://acme.lightning.force.com/lightning/r/Account/001/view', frameId: 0 });
    for (const sender of [hoverFrame(), page(), otherExtension(), { ...hoverFrame(), id: 'someone-else' }]) {
      await expect(dispatch('stageHoverCard', handler, stage, sender)).rejects.toBeInstanceOf(ForbiddenSenderError);
    }
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('only the frame (hovercard.html of this extension, in a tab) fetches a card or reports on it', async () => {
    const get = vi.fn<Handler<'getHoverCard'>>(() => null);
    await dispatch('getHoverCard', get, {}, hoverFrame(5));
    expect(get).toHaveBeenCalledWith({}, expect.objectContaining({ tabId: 5, frameId: 4 }));
    const notFrames = [
      contentScript(),
      page(),
      { ...page(), tab: { id: 5 } as never }, // an extension page in a tab is no hover frame
      { ...hoverFrame(), tab: undefined }, // hovercard.html opened as a window of its own
      { ...hoverFrame(), id: 'someone-else' },
      { ...hoverFrame(), url: 'chrome-extension://someone-else/hovercard.html' },
      webPage(),
    ];
    for (const sender of notFrames) await expect(dispatch('getHoverCard', get, {}, sender)).rejects.toBeInstanceOf(ForbiddenSenderError);
    const event = vi.fn<Handler<'hoverCardEvent'>>();
    await dispatch('hoverCardEvent', event, { type: 'shown', seq: 1, height: 120 }, hoverFrame());
    await expect(dispatch('hoverCardEvent', event, { type: 'closed', seq: 1 }, contentScript())).rejects.toBeInstanceOf(ForbiddenSenderError);
    expect(get).toHaveBeenCalledTimes(1);
    expect(event).toHaveBeenCalledTimes(1);
  });

  it('the frame is neither a page nor a content script: it cannot change data or settings, nor ask for a dictionary', async () => {
    const handler = vi.fn();
    for (const name of ['deleteAllLocalData', 'updateSettings', 'getTabView', 'getEntityCard', 'pageHello', 'getDictionary', 'reportEntities'] as const) {
      await expect(dispatch(name, handler as never, {}, hoverFrame())).rejects.toBeInstanceOf(ForbiddenSenderError);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('a content script no longer gets colleague data (getEntityCard is for extension pages)', async () => {
    const handler = vi.fn<Handler<'getEntityCard'>>(() => ({ entity: null, suggestions: [], status: 'unknown' }));
    await expect(dispatch('getEntityCard', handler, { kind: 'account', id: 'a-1' }, contentScript())).rejects.toBeInstanceOf(ForbiddenSenderError);
    await dispatch('getEntityCard', handler, { kind: 'account', id: 'a-1' }, page());
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('payloads carry only what they must: no names or colleagues, bounded numbers', async () => {
    const s = vi.fn<Handler<'stageHoverCard'>>();
    const cs = { ...contentScript(), frameId: 0 };
    await expect(dispatch('stageHoverCard', s, { ...stage, name: 'Nordlicht' }, cs)).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(dispatch('stageHoverCard', s, { ...stage, kind: 'person' }, cs)).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(dispatch('stageHoverCard', s, { ...stage, seq: -1 }, cs)).rejects.toBeInstanceOf(InvalidMessageError);
    const e = vi.fn<Handler<'hoverCardEvent'>>();
    await expect(dispatch('hoverCardEvent', e, { type: 'shown', seq: 1, height: 1e6 }, hoverFrame())).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(dispatch('hoverCardEvent', e, { type: 'closed', seq: 1, text: 'Sofie' }, hoverFrame())).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(dispatch('getHoverCard', vi.fn(), { tabId: 3 }, hoverFrame())).rejects.toBeInstanceOf(InvalidMessageError);
    expect(s).not.toHaveBeenCalled();
    expect(e).not.toHaveBeenCalled();
  });
});

describe('message router: errors', () => {
  it('puts a graph that cannot be opened in the user’s words, and passes other errors as they are', async () => {
    const { GraphUnavailableError } = await import('../../../utils/store/open-error');
    const { setLocale } = await import('../ui/reasons-i18n');
    setLocale('en');
    const broken = vi.fn<Handler<'getGraphInfo'>>(() => Promise.reject(new GraphUnavailableError('QuotaExceededError: the disk is full')));
    await expect(dispatch('getGraphInfo', broken, undefined, page())).rejects.toThrow(
      'Kenner could not open the graph stored in this browser (QuotaExceededError: the disk is full). It was left as it was. Free some disk space and try again, or delete the local graph and import it again.',
    );
    setLocale('sv');
    await expect(dispatch('getGraphInfo', broken, undefined, page())).rejects.toThrow(/^Kenner kunde inte öppna grafen som är sparad i den här webbläsaren \(QuotaExceededError: the disk is full\)/);
    const other = new TypeError('boom');
    await expect(dispatch('getGraphInfo', () => Promise.reject(other), undefined, page())).rejects.toBe(other);
  });
});
