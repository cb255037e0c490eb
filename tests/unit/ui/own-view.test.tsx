// @vitest-environment jsdom
/**
 * "What Kenner shows about me" (components/me): every state (loading, no "me", missing, no graph, error with
 * retry, stale, ok), the side panel's own wording and strength, and each control sending the whole
 * preferences object (hide, ask me about, don't suggest me, away until).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});
const { sendMessage } = vi.hoisted(() => ({ sendMessage: vi.fn<(name: string, data: unknown) => Promise<unknown>>() }));
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));

import { act } from 'react';
import type { OwnView } from '@/utils/messaging/protocol';
import { MeApp } from '@/components/me/MeApp';
import { useMe } from '@/components/me/store';
import { setLocale } from './reasons-i18n';
import { mountEach, until } from './act-helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const OK: OwnView = {
  status: 'ok',
  source: 'local',
  at: '2026-11-30T10:00:00Z',
  topics: [
    { id: 't-edi', name: 'EDI integration' },
    { id: 't-s4', name: 'S/4HANA migration' },
  ],
  profile: {
    person: { id: 'p-sofie', name: 'Sofie Lindqvist' },
    preferences: { askMeAbout: ['t-s4'] },
    lookups: [{ month: '2026-11', count: 1234 }],
    entries: [
      {
        entity: { kind: 'account', id: 'a-nordlicht', name: 'Nordlicht Logistik GmbH' },
        evidence: [{ kind: 'deal-won', count: 2, last: '2026-09-30', sources: ['salesforce'] }],
        suggestion: {
          person: { id: 'p-sofie', name: 'Sofie Lindqvist' },
          score: 80,
          strengths: { 'a-nordlicht': 77 },
          reasons: [{ kind: 'deal-won', count: 2, entityId: 'a-nordlicht', entityKind: 'account', entityName: 'Nordlicht Logistik GmbH', last: '2026-09-30', weight: 9 }],
          roles: [],
        },
        position: 1,
        hidden: false,
        claimed: false,
      },
      { entity: { kind: 'topic', id: 't-s4', name: 'S/4HANA migration' }, evidence: [], hidden: false, claimed: true },
    ],
  },
};

const dom = mountEach();
const text = () => dom.host.textContent ?? '';
const render = async () => {
  await act(async () => dom.root.render(<MeApp />));
};

beforeEach(() => {
  setLocale('en');
  sendMessage.mockReset();
  useMe.setState({ status: 'loading', view: null, saving: false, saveState: 'idle' });
});

describe('own view states', () => {
  it.each([
    ['no-me', 'Kenner does not know who you are yet'],
    ['missing', 'You are not in this graph'],
    ['no-graph', 'No company graph yet'],
  ] as const)('%s', async (status, title) => {
    sendMessage.mockResolvedValue({ status, source: 'local', at: '' });
    await render();
    await until(() => !!dom.host.querySelector(`[data-state="${status}"]`));
    expect(text()).toContain(title);
    expect(dom.host.querySelector('[data-state] button')?.textContent).toBe('Open options');
  });

  it('loading, then an error with a retry that works', async () => {
    let fail!: (e: Error) => void;
    sendMessage.mockReturnValueOnce(new Promise((_, reject) => (fail = reject)));
    await render();
    expect(dom.host.querySelector('[data-state="loading"]')).not.toBeNull();
    expect(dom.host.querySelector('main')?.getAttribute('aria-busy')).toBe('true');
    await act(async () => fail(new Error('worker gone')));
    await until(() => !!dom.host.querySelector('[data-state="error"]'));
    expect(text()).toContain('worker gone');
    sendMessage.mockResolvedValue(OK);
    await act(async () => dom.host.querySelector<HTMLButtonElement>('[data-state="error"] button')!.click());
    await until(() => !!dom.host.querySelector('[data-state="ok"]'));
  });

  it('stale: the service could not be reached', async () => {
    sendMessage.mockResolvedValue({ ...OK, stale: true });
    await render();
    await until(() => !!dom.host.querySelector('[data-state="stale"]'));
  });
});

describe('own view content and controls', () => {
  it('words the suggestion as the side panel does, with evidence, source, place and monthly counts', async () => {
    sendMessage.mockResolvedValue(OK);
    await render();
    await until(() => !!dom.host.querySelector('[data-state="ok"]'));
    const nord = dom.host.querySelector('li[data-entity-id="a-nordlicht"]')!;
    expect(nord.textContent).toContain('Strength 77 of 100 (strong)');
    expect(nord.textContent).toContain('won 2 deals with Nordlicht Logistik GmbH, last in Sep 2026');
    expect(nord.textContent).toContain('Suggested as number 1');
    expect(nord.textContent).toContain('from salesforce');
    expect(dom.host.querySelector('li[data-entity-id="t-s4"]')?.getAttribute('data-suggested')).toBe('no');
    expect(dom.host.querySelector('table[data-lookups]')?.textContent).toContain('1,234');
    expect(text()).toMatch(/counts fully when new, \d+% after a year/);
  });

  it('each control sends the whole preferences object', async () => {
    sendMessage.mockImplementation(async (name) => (name === 'getOwnView' ? OK : {}));
    await render();
    await until(() => !!dom.host.querySelector('[data-state="ok"]'));
    const sent = () => sendMessage.mock.calls.filter(([n]) => n === 'setOwnPreferences').map(([, d]) => d);

    await act(async () => dom.host.querySelector<HTMLButtonElement>('li[data-entity-id="a-nordlicht"] button[data-action="hide"]')!.click());
    await until(() => sent().length === 1);
    expect(sent()[0]).toEqual({ hidden: ['a-nordlicht'], askMeAbout: ['t-s4'] });
    await until(() => useMe.getState().saveState === 'saved');

    await act(async () => dom.host.querySelector<HTMLInputElement>('input[data-control="consent"]')!.click());
    await until(() => sent().length === 2);
    expect(sent()[1]).toEqual({ consent: 'out', askMeAbout: ['t-s4'] });
    await until(() => !useMe.getState().saving);

    const select = dom.host.querySelector<HTMLSelectElement>('select[data-control="ask"]')!;
    expect([...select.options].map((o) => o.value)).toEqual(['', 't-edi']);
    select.value = 't-edi';
    await act(async () => select.form!.requestSubmit());
    await until(() => sent().length === 3);
    expect(sent()[2]).toEqual({ askMeAbout: ['t-s4', 't-edi'] });
    await until(() => !useMe.getState().saving);

    await act(async () => dom.host.querySelector<HTMLButtonElement>('[data-control="asked"] button')!.click());
    await until(() => sent().length === 4);
    expect(sent()[3]).toEqual({});
  });

  it('a failed save says why', async () => {
    sendMessage.mockImplementation(async (name) => {
      if (name === 'getOwnView') return OK;
      throw new Error('Choose who you are first');
    });
    await render();
    await until(() => !!dom.host.querySelector('[data-state="ok"]'));
    await act(async () => dom.host.querySelector<HTMLButtonElement>('li[data-entity-id="a-nordlicht"] button[data-action="hide"]')!.click());
    await until(() => useMe.getState().saveState === 'error');
    expect(dom.host.querySelector('[data-save-state="error"]')?.textContent).toContain('Could not save: Choose who you are first');
  });
});
