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
    for (const [name, spec] of Object.entries(MESSAGES)) expect(['content', 'page', 'extension'], name).toContain(spec.from);
    // Nothing a page in a tab can reach changes settings or data.
    const fromContent = Object.entries(MESSAGES).filter(([, s]) => s.from !== 'page').map(([n]) => n).sort();
    expect(fromContent).toEqual(['getDictionary', 'getEntityCard', 'openSidePanel', 'pageHello', 'reportEntities']);
  });
});
