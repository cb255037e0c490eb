/**
 * What the person card's actions do, as plain functions (tested in
 * tests/unit/ui/actions.test.ts): a prefilled mailto link, Teams and Slack
 * deep links, and the contact details as text for the clipboard.
 */
import type { DetectedEntity } from '@/utils/spotting/types';
import type { PersonSummary } from '@/utils/ranking/types';
import { t } from '@/utils/i18n';
import { isEmailAddress } from '@/utils/graph/display';

/** What the page is about, for the mail text. */
export interface MailContext {
  accountName?: string;
  topicLabel?: string;
}

/**
 * The page's customer (the focal account, else the first account) and topic
 * (the focal topic, else the first topic), from the detected entities.
 */
export function mailContextFromEntities(entities: readonly DetectedEntity[]): MailContext {
  const pick = (kind: DetectedEntity['kind']) => {
    const of = entities.filter((e) => e.kind === kind);
    return (of.find((e) => e.focal) ?? of[0])?.name;
  };
  const ctx: MailContext = {};
  const accountName = pick('account');
  const topicLabel = pick('topic');
  if (accountName) ctx.accountName = accountName;
  if (topicLabel) ctx.topicLabel = topicLabel;
  return ctx;
}

/** The first name for a greeting ("Sofie Lindqvist" → "Sofie"). */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

/** Subject and body of the "could you share your experience" mail. */
function mailText(person: PersonSummary, ctx: MailContext = {}): { subject: string; body: string } {
  const about = [ctx.accountName, ctx.topicLabel].filter((s): s is string => !!s && s.trim() !== '').join(' / ');
  const name = firstName(person.name);
  return about
    ? { subject: t('card_mail_subject', [about]), body: t('card_mail_body', [name, about]) }
    : { subject: t('card_mail_subject_plain'), body: t('card_mail_body_plain', [name]) };
}

/**
 * `mailto:` link with the prefilled subject and body, or undefined without a
 * valid email address (a remote answer's address is not trusted: one with a
 * line break, `?`, `&` or a second address gives no link). Every field is
 * encoded with encodeURIComponent (RFC 6068: spaces as %20, line breaks as
 * %0D%0A), never as form data ("+" would show up literally), so no name can
 * add a header such as `Bcc:`.
 */
export function buildMailto(person: PersonSummary, ctx: MailContext = {}): string | undefined {
  const email = person.email?.trim();
  if (!email || !isEmailAddress(email) || /[?&%#/]/.test(email)) return undefined;
  const { subject, body } = mailText(person, ctx);
  const enc = (s: string) => encodeURIComponent(s.replace(/\r?\n/g, '\r\n'));
  return `mailto:${encodeURIComponent(email).replace(/%40/g, '@')}?subject=${enc(subject)}&body=${enc(body)}`;
}

/** Microsoft Teams chat deep link, when the person has a Teams user (UPN). */
export function teamsLink(person: PersonSummary): string | undefined {
  const upn = person.chat?.teams?.trim();
  return upn ? `https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(upn)}` : undefined;
}

/** Slack deep link, when the person has a Slack member/channel id. */
export function slackLink(person: PersonSummary): string | undefined {
  const id = person.chat?.slack?.trim();
  return id ? `https://slack.com/app_redirect?channel=${encodeURIComponent(id)}` : undefined;
}

/** Name, title, email and office, one per line, for the clipboard. */
export function contactText(person: PersonSummary): string {
  return [person.name, person.title, person.email, person.location ? t('card_office_line', [person.location]) : undefined]
    .filter((s): s is string => !!s && s.trim() !== '')
    .join('\n');
}

/** Copies the contact details; resolves false when the clipboard refused. */
export async function copyContact(person: PersonSummary): Promise<boolean> {
  const text = contactText(person);
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Fallback for pages where the async clipboard is not allowed.
    try {
      const area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      const ok = document.execCommand('copy');
      area.remove();
      return ok;
    } catch {
      return false;
    }
  }
}

/** "SL" for "Sofie Lindqvist": first letters of the first and last name. */
export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = Array.from(parts[0])[0] ?? '';
  const last = parts.length > 1 ? (Array.from(parts[parts.length - 1])[0] ?? '') : '';
  return (first + last).toUpperCase();
}
