// @vitest-environment jsdom
/**
 * Issue 11, "phone and availability, where the graph has the data": a colleague's
 * `phone` is a call action (tel:), and `awayUntil` still to come is said plainly on
 * the card ("Abwesend bis …", in the UI language); once past, it is not shown.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});

import { act } from 'react';
import { PersonCard } from '@/components/common/PersonCard';
import { renderCard } from '@/components/hovercard/card-view';
import { personSchema } from '@/utils/graph/schema';
import type { StagedHoverCard } from '@/utils/messaging/protocol';
import { setLocale } from './reasons-i18n';
import { mountEach } from './act-helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const dom = mountEach();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-06-10T09:00:00Z'));
  setLocale('de');
});
afterEach(() => {
  setLocale('en');
  vi.useRealTimers();
});

const person = (extra: Record<string, unknown>) => personSchema.parse({ id: 'p-lars', name: 'Lars Møller', email: 'lars@kenner-demo.example', ...extra });

describe('phone and availability on the card', () => {
  it('a phone number is a call action; an absence still to come is shown with its date in the UI language', async () => {
    await act(async () => dom.root.render(<PersonCard person={person({ phone: '+49 40 1234-567', awayUntil: '2026-06-30' })} />));
    const call = dom.host.querySelector<HTMLAnchorElement>('a[href^="tel:"]');
    expect(call?.getAttribute('href')).toBe('tel:+49401234567');
    expect(call?.getAttribute('aria-label')).toBe('Lars Møller anrufen');
    expect(dom.host.querySelector('[data-away]')?.textContent).toBe('Abwesend bis 30.06.2026');
  });

  it('no phone, no call action; an absence that ended is not shown', async () => {
    await act(async () => dom.root.render(<PersonCard person={person({ awayUntil: '2026-06-09' })} />));
    expect(dom.host.querySelector('a[href^="tel:"]')).toBeNull();
    expect(dom.host.querySelector('[data-away]')).toBeNull();
    expect(dom.host.textContent).toContain('Lars Møller');
  });

  it('the hover card says the same absence, in the same words', () => {
    const card = document.createElement('div');
    dom.host.append(card);
    const p = person({ awayUntil: '2026-06-30', title: 'Account Executive' });
    renderCard(card, { seq: 1, kind: 'account', focus: false, card: { status: 'ok', entity: { kind: 'account', id: 'a-1', name: 'Havbryggen Shipping A/S', via: 'record', count: 1 }, suggestions: [{ person: p, score: 50, strengths: {}, reasons: [], roles: [] }] } } satisfies StagedHoverCard, { close: vi.fn(), openPanel: vi.fn() });
    expect(card.querySelector('[data-person-id="p-lars"] .meta')?.textContent).toContain('Abwesend bis 30.06.2026');
  });

  it('the graph format reads phone numbers as people write them and refuses what is not one', () => {
    expect(person({ phone: ' (030) 123 45-67 ' }).phone).toBe('(030) 123 45-67');
    for (const bad of ['call me', '12', '+49 40 1234 ext. 5']) {
      const r = personSchema.safeParse({ id: 'p', name: 'x', phone: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error?.issues[0].message, bad).toBe('phone');
    }
    expect(personSchema.safeParse({ id: 'p', name: 'x', awayUntil: 'next week' }).success).toBe(false);
  });
});
