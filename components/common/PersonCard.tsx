/**
 * The person card: one colleague, why they know this, and how to reach them.
 * Used by the side panel (full) and the popup's search results (compact).
 * The root element carries `data-person-id` (outside contract) unless
 * `tagged` is false (e.g. search results inside the side panel, which are
 * not suggestions for the page).
 */
import { DismissMenu, type DismissTarget } from './DismissMenu';
import { useEffect, useId, useState } from 'react';
import type { PersonSummary, Suggestion } from '@/utils/ranking/types';
import { t, uiLanguage } from '@/utils/i18n';
import { buildMailto, copyContact, initials, slackLink, teamsLink, type MailContext } from './actions';
import { formatDate, reasonItems } from './reasons';
import { roleBadges, strengthOf } from './strength';
import { useWordsOnly } from './use-words-only';
import { awayUntil, inWorkingHours, localTime } from './PersonCard.time';
import { ChatIcon, CheckIcon, ClockIcon, CopyIcon, DismissIcon, HashIcon, MailIcon, PhoneIcon, PinIcon } from './PersonCardIcons';
import { listFormat } from '@/utils/i18n/intl';

export interface PersonCardProps {
  suggestion?: Suggestion;
  person: PersonSummary;
  /** The page's customer and topic, named in the prefilled email. */
  context?: MailContext;
  /** Shows "Not relevant" when given. */
  /** "Not relevant": the page entities this colleague can be marked for (DismissMenu), and what to do. */
  dismissTargets?: readonly DismissTarget[];
  onDismiss?: (entityId: string, entityName: string) => void;
  /** A text search result's reason (which field matched), shown when the card has no ranked reasons. */
  matchText?: string | null;
  compact?: boolean;
  /** Put `data-person-id` on the root (default true). */
  tagged?: boolean;
  /** Heading level of the name (default 3). */
  headingLevel?: 2 | 3 | 4;
  /** Show the strength on this one entity (a chip filter on one customer or topic) instead of the page's. */
  strengthFor?: string;
  /** Nobody knows the page's customer directly: name the colleague's manager as the way in. */
  introduce?: boolean;
}

// Static class names so that Tailwind sees them. Each pair passes AA contrast.
const AVATAR_COLOURS = [
  'bg-sky-700 text-white dark:bg-sky-300 dark:text-slate-900',
  'bg-emerald-700 text-white dark:bg-emerald-300 dark:text-slate-900',
  'bg-violet-700 text-white dark:bg-violet-300 dark:text-slate-900',
  'bg-rose-700 text-white dark:bg-rose-300 dark:text-slate-900',
  'bg-amber-700 text-white dark:bg-amber-300 dark:text-slate-900',
  'bg-teal-700 text-white dark:bg-teal-300 dark:text-slate-900',
];

function colourFor(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLOURS[h % AVATAR_COLOURS.length];
}

/** Re-renders once a minute, for the local time. */
function useMinute(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function Avatar({ person, compact }: { person: PersonSummary; compact: boolean }) {
  const [failed, setFailed] = useState(false);
  const size = compact ? 'h-8 w-8 text-xs' : 'h-10 w-10 text-sm';
  if (person.photoUrl && !failed) {
    return (
      <img
        src={person.photoUrl}
        alt=""
        className={`${size} shrink-0 rounded-full object-cover`}
        onError={() => setFailed(true)}
        referrerPolicy="no-referrer"
      />
    );
  }
  return (
    <span aria-hidden="true" className={`${size} ${colourFor(person.id)} flex shrink-0 items-center justify-center rounded-full font-semibold`}>
      {initials(person.name)}
    </span>
  );
}

function languageNames(codes: string[], lang: string): string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([lang], { type: 'language' });
  } catch {
    names = null;
  }
  const list = codes.map((c) => {
    try {
      return names?.of(c) ?? c;
    } catch {
      return c;
    }
  });
  try {
    return listFormat(lang, { type: 'conjunction' }).format(list);
  } catch {
    return list.join(', ');
  }
}

const actionClass =
  'inline-flex items-center gap-1 rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-800 no-underline hover:bg-slate-100 hover:no-underline dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';

export function PersonCard({ suggestion, person, context, dismissTargets, onDismiss, matchText, compact = false, tagged = true, headingLevel = 3, strengthFor, introduce = false }: PersonCardProps) {
  const lang = uiLanguage();
  const now = useMinute();
  const nameId = useId();
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(timer);
  }, [copied]);

  const Heading = `h${headingLevel}` as 'h3';
  const time = localTime(person.timezone, now, lang);
  const hints = suggestion?.hints;
  const working = inWorkingHours(person.timezone, now);
  const hoursHint =
    hints?.hoursOverlap === true
      ? t('card_hours_overlap')
      : hints?.hoursOverlap === false
        ? t('card_hours_no_overlap')
        : working === false
          ? t('card_outside_hours')
          : null;
  const ranked = suggestion ? reasonItems(suggestion.reasons, compact ? 1 : 3, lang) : [];
  const reasons = ranked.length ? ranked : matchText ? [{ text: matchText, url: null }] : [];
  const last = suggestion?.lastInteraction ? formatDate(suggestion.lastInteraction, lang) : null;
  // Works-council mode: words, never a number; nothing until the policy is read.
  const words = useWordsOnly();
  const strength = suggestion && words !== undefined ? strengthOf(suggestion, { entityId: strengthFor, lang, words }) : null;
  const score = strength?.value ?? null;
  // Away until a date still to come (inclusive): said plainly, never why.
  const away = awayUntil(person.awayUntil, now, lang);
  const tel = person.phone ? `tel:${person.phone.replace(/[^0-9+]/g, '')}` : null;
  const mailto = buildMailto(person, context);
  // The introducer's address comes from the answer too: the same checked mailto as the colleague's.
  const intro = introduce ? suggestion?.introducer : undefined;
  const introMailto = intro ? buildMailto({ id: intro.id, name: intro.name, email: intro.email }, context) : undefined;
  const teams = teamsLink(person);
  const slack = slackLink(person);
  const badges = suggestion ? roleBadges(suggestion) : [];

  const onCopy = () => void copyContact(person).then((ok) => setCopied(ok ? 'ok' : 'failed'));

  return (
    <article
      {...(tagged ? { 'data-person-id': person.id } : {})}
      aria-labelledby={nameId}
      className={`rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-800 ${compact ? 'p-2' : 'p-3'}`}
    >
      <div className="flex items-start gap-3">
        <Avatar person={person} compact={compact} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Heading id={nameId} className="truncate text-sm font-semibold text-slate-900 dark:text-slate-50">
              {person.name}
            </Heading>
            {badges.map((b) => (
              <span
                key={b.key}
                data-role={b.role}
                className={`rounded px-1.5 py-0.5 text-[11px] font-semibold ${b.role === 'account-owner' ? 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200' : 'bg-indigo-100 text-indigo-900 dark:bg-indigo-950 dark:text-indigo-200'}`}
              >
                {b.label}
              </span>
            ))}
          </div>
          {(person.title || person.department) && (
            <p className="truncate text-xs text-slate-700 dark:text-slate-300">
              {[person.title, person.department].filter(Boolean).join(' · ')}
            </p>
          )}
          {(person.location || time) && (
            <p className="mt-0.5 flex flex-wrap items-center gap-x-3 text-xs text-slate-700 dark:text-slate-300">
              {person.location && (
                <span className="inline-flex items-center gap-1">
                  <PinIcon width={12} height={12} />
                  {person.location}
                </span>
              )}
              {time && (
                <span className="inline-flex items-center gap-1 whitespace-nowrap">
                  <ClockIcon width={12} height={12} />
                  {t('card_local_time', [time])}
                </span>
              )}
              {time && hoursHint && !compact && <span className="text-slate-600 dark:text-slate-400">{hoursHint}</span>}
            </p>
          )}
        </div>
      </div>

      {strength?.words ? (
        <p className="mt-2 text-xs font-medium text-slate-800 dark:text-slate-100" data-band={strength.words} title={strength.label}>
          {strength.label}
        </p>
      ) : strength !== null && score !== null && (
        <div className="mt-2 flex items-center gap-2" data-strength={score}>
          <div
            role="meter"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={score}
            aria-label={strength.label}
            title={strength.label}
            className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
          >
            <div className="h-full rounded-full bg-emerald-600 dark:bg-emerald-400" style={{ width: `${score}%` }} />
          </div>
          <span aria-hidden="true" className="text-right text-xs tabular-nums text-slate-700 dark:text-slate-300">
            {strength.short}
          </span>
        </div>
      )}

      {reasons.length > 0 && (
        <ul aria-label={t('card_reasons_label', [person.name])} className="mt-2 list-disc space-y-0.5 pl-5 text-xs text-slate-800 dark:text-slate-200">
          {reasons.map((r) => (
            <li key={r.text}>
              {r.url ? (
                <a href={r.url} target="_blank" rel="noopener noreferrer" aria-label={t('reason_open_record', [r.text])} className="underline decoration-dotted underline-offset-2 hover:decoration-solid focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600">
                  {r.text}
                </a>
              ) : (
                r.text
              )}
            </li>
          ))}
        </ul>
      )}

      {intro && (
        <p data-introducer={intro.id} className="mt-2 text-xs text-slate-800 dark:text-slate-200">
          {introMailto ? (
            <a
              href={introMailto}
              aria-label={t('card_introducer_email', [intro.name, person.name])}
              className="underline decoration-dotted underline-offset-2 hover:decoration-solid focus-visible:outline focus-visible:outline-2 focus-visible:outline-sky-600"
            >
              {t('card_introducer', [intro.name])}
            </a>
          ) : (
            t('card_introducer', [intro.name])
          )}
        </p>
      )}
      {away && (
        <p data-away className="mt-2 text-xs font-medium text-amber-900 dark:text-amber-200">
          {t('card_away_until', [away])}
        </p>
      )}
      {!compact && (last || hints?.sharedLanguages?.length || hints?.sameOffice) && (
        <p className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-700 dark:text-slate-300">
          {last && <span>{t('card_last_interaction', [last])}</span>}
          {hints?.sharedLanguages && hints.sharedLanguages.length > 0 && (
            <span>{t('card_shared_languages', [languageNames(hints.sharedLanguages, lang)])}</span>
          )}
          {hints?.sameOffice && <span>{t('card_same_office')}</span>}
        </p>
      )}

      <div role="group" aria-label={t('card_actions_label', [person.name])} className="mt-2 flex flex-wrap items-center gap-1.5">
        {mailto && (
          <a href={mailto} className={actionClass} aria-label={t('card_email_label', [person.name])}>
            <MailIcon width={14} height={14} />
            {t('card_email')}
          </a>
        )}
        {tel && (
          <a href={tel} className={actionClass} aria-label={t('card_call_label', [person.name])}>
            <PhoneIcon width={14} height={14} />
            {t('card_call')}
          </a>
        )}
        {teams && (
          <a href={teams} target="_blank" rel="noopener noreferrer" className={actionClass} aria-label={t('card_teams_label', [person.name])}>
            <ChatIcon width={14} height={14} />
            {t('card_teams')}
          </a>
        )}
        {slack && (
          <a href={slack} target="_blank" rel="noopener noreferrer" className={actionClass} aria-label={t('card_slack_label', [person.name])}>
            <HashIcon width={14} height={14} />
            {t('card_slack')}
          </a>
        )}
        <button type="button" onClick={onCopy} className={actionClass} aria-label={t('card_copy_label', [person.name])}>
          {copied === 'ok' ? <CheckIcon width={14} height={14} /> : <CopyIcon width={14} height={14} />}
          {t('card_copy')}
        </button>
        {onDismiss && dismissTargets && (
          <DismissMenu personName={person.name} targets={dismissTargets} onDismiss={onDismiss} className={actionClass} icon={<DismissIcon width={14} height={14} />} />
        )}
      </div>
      <p aria-live="polite" className="mt-1 min-h-0 text-xs text-emerald-800 empty:hidden dark:text-emerald-300">
        {copied === 'ok' ? t('card_copied') : copied === 'failed' ? t('card_copy_failed') : ''}
      </p>
    </article>
  );
}

export default PersonCard;
