// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});

import type { PersonSummary } from '@/utils/ranking/types';
import type { DetectedEntity } from '@/utils/spotting/types';
import {
  buildMailto,
  contactText,
  copyContact,
  initials,
  mailContextFromEntities,
  slackLink,
  teamsLink,
} from '@/components/common/actions';
import { setLocale } from './reasons-i18n';

const sofie: PersonSummary = {
  id: 'p-sofie',
  name: 'Sofie Lindqvist',
  email: 'sofie.lindqvist@kenner-demo.example',
  title: 'Senior Account Executive',
  location: 'Hamburg',
};

function parseMailto(href: string) {
  const [addr, query] = href.slice('mailto:'.length).split('?');
  const params = Object.fromEntries(query.split('&').map((kv) => kv.split('=') as [string, string]));
  return { addr, raw: params, subject: decodeURIComponent(params.subject), body: decodeURIComponent(params.body) };
}

const entity = (over: Partial<DetectedEntity>): DetectedEntity => ({ kind: 'account', id: 'x', name: 'X', via: 'text', count: 1, ...over });

describe('mailto', () => {
  beforeEach(() => setLocale('en'));

  it('names customer and topic in subject and body, greets by first name, and is URL-encoded', () => {
    const href = buildMailto(sofie, { accountName: 'Müller Präzisionstechnik AG', topicLabel: 'SAP S/4HANA migration' })!;
    const m = parseMailto(href);
    expect(m.addr).toBe('sofie.lindqvist@kenner-demo.example');
    expect(m.subject).toContain('Müller Präzisionstechnik AG / SAP S/4HANA migration');
    expect(m.body).toContain('could you share your experience with Müller Präzisionstechnik AG / SAP S/4HANA migration?');
    expect(m.body.startsWith('Hi Sofie,')).toBe(true);
    // Encoded: no raw spaces, umlauts, slashes or line breaks; spaces as %20, never "+".
    for (const raw of [m.raw.subject, m.raw.body]) {
      expect(raw).not.toMatch(/[ \n/üä+]/);
      expect(raw).toContain('%20');
    }
    expect(m.raw.body).toContain('%0D%0A');
  });

  it('names only what the page has', () => {
    expect(parseMailto(buildMailto(sofie, { accountName: 'Nordlicht Logistik GmbH' })!).subject).toBe('Your experience with Nordlicht Logistik GmbH');
    expect(parseMailto(buildMailto(sofie, { topicLabel: 'EDI integration' })!).body).toContain('experience with EDI integration?');
    const plain = parseMailto(buildMailto(sofie)!);
    expect(plain.subject).toBe('Could you share your experience?');
    expect(plain.body).not.toContain('$');
  });

  it('escapes characters that would break the query (& ? #)', () => {
    const m = parseMailto(buildMailto(sofie, { accountName: 'Smith & Sons #1?' })!);
    expect(m.subject).toBe('Your experience with Smith & Sons #1?');
  });

  it('is localised', () => {
    setLocale('de');
    const m = parseMailto(buildMailto(sofie, { accountName: 'Nordlicht Logistik GmbH', topicLabel: 'EDI integration' })!);
    expect(m.subject).toBe('Deine Erfahrung mit Nordlicht Logistik GmbH / EDI integration');
    expect(m.body.startsWith('Hallo Sofie,')).toBe(true);
    setLocale('da');
    expect(parseMailto(buildMailto(sofie, { topicLabel: 'EDI' })!).body).toContain('vil du dele din erfaring med EDI?');
  });

  it('is absent without an email address', () => {
    expect(buildMailto({ ...sofie, email: undefined })).toBeUndefined();
    expect(buildMailto({ ...sofie, email: '  ' })).toBeUndefined();
  });

  it('a line break and "Bcc:" in a name, an account or an address never reach a mailto header (issue 10)', () => {
    const evil = 'Eve\r\nBcc: spy@evil.example\r\n';
    const href = buildMailto({ ...sofie, name: evil }, { accountName: `Acme\r\nBcc: spy@evil.example`, topicLabel: '\nCc: x@evil.example' })!;
    // Only the three fields Kenner sets, each encoded: no raw CR, LF, or header name outside them.
    expect(href).not.toMatch(/[\r\n]/);
    const [addr, query] = href.slice('mailto:'.length).split('?');
    expect(addr).toBe('sofie.lindqvist@kenner-demo.example');
    expect(query.split('&').map((kv) => kv.split('=')[0])).toEqual(['subject', 'body']);
    expect(parseMailto(href).subject).toContain('Acme\r\nBcc: spy@evil.example');
    // An address that is not one address gives no link at all.
    for (const email of ['a@b.example\r\nBcc: spy@evil.example', 'a@b.example?bcc=spy@evil.example', 'a@b.example&bcc=spy@evil.example', 'a@b.example,spy@evil.example', 'not an address'])
      expect(buildMailto({ ...sofie, email }), email).toBeUndefined();
  });
});

describe('page context for the mail', () => {
  it('takes the focal account, else the first, and the focal or first topic', () => {
    const entities = [
      entity({ id: 'a1', name: 'First Account' }),
      entity({ kind: 'topic', id: 't1', name: 'EDI integration' }),
      entity({ id: 'a2', name: 'Focal Account', focal: true }),
      entity({ kind: 'contact', id: 'c1', name: 'Some Contact' }),
      entity({ kind: 'topic', id: 't2', name: 'GDPR compliance' }),
    ];
    expect(mailContextFromEntities(entities)).toEqual({ accountName: 'Focal Account', topicLabel: 'EDI integration' });
    expect(mailContextFromEntities(entities.filter((e) => e.id !== 'a2'))).toEqual({ accountName: 'First Account', topicLabel: 'EDI integration' });
    expect(mailContextFromEntities([entity({ kind: 'contact', id: 'c1', name: 'C' })])).toEqual({});
  });
});

describe('chat links', () => {
  it('Teams and Slack only when the person has them, with the id encoded', () => {
    expect(teamsLink(sofie)).toBeUndefined();
    expect(slackLink(sofie)).toBeUndefined();
    const withChat = { ...sofie, chat: { teams: 'sofie.lindqvist@kenner-demo.example', slack: 'U02AB&CD' } };
    expect(teamsLink(withChat)).toBe('https://teams.microsoft.com/l/chat/0/0?users=sofie.lindqvist%40kenner-demo.example');
    expect(slackLink(withChat)).toBe('https://slack.com/app_redirect?channel=U02AB%26CD');
    expect(teamsLink({ ...sofie, chat: { slack: 'U1' } })).toBeUndefined();
  });
});

describe('copy contact details', () => {
  beforeEach(() => setLocale('en'));

  it('puts name, title, email and office on lines, skipping what is missing', () => {
    expect(contactText(sofie)).toBe('Sofie Lindqvist\nSenior Account Executive\nsofie.lindqvist@kenner-demo.example\nOffice: Hamburg');
    expect(contactText({ id: 'p', name: 'Lars Møller' })).toBe('Lars Møller');
  });

  it('writes them to the clipboard and reports refusal', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    expect(await copyContact(sofie)).toBe(true);
    expect(writeText).toHaveBeenCalledWith(contactText(sofie));

    writeText.mockRejectedValue(new Error('denied'));
    (document as unknown as { execCommand: () => boolean }).execCommand = vi.fn(() => false);
    expect(await copyContact(sofie)).toBe(false);
  });
});

describe('initials', () => {
  it('first letters of first and last name, Unicode-safe', () => {
    expect(initials('Sofie Lindqvist')).toBe('SL');
    expect(initials('Zoë van den Berg')).toBe('ZB');
    expect(initials('Øystein')).toBe('Ø');
    expect(initials('  ')).toBe('?');
  });
});
