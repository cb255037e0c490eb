/**
 * Who is already on the page, apart from the suggestions (contract:
 * `data-involved="<role>"` beside `data-person-id`), and the first-run
 * proposal of "me" from the page's signed-in user, confirmed with one click.
 */
import { useState } from 'react';
import { t, type MessageKey } from '@/utils/i18n';
import { sendMessage, type InvolvedColleague, type InvolvedRole } from '@/utils/messaging/protocol';
import type { PersonSummary } from '@/utils/ranking/types';
import { buildMailto, type MailContext } from '@/components/common/actions';
import { buttonPrimary, buttonSecondary } from '@/components/common/StateView';

const ROLE_KEY: Record<InvolvedRole, MessageKey> = {
  owner: 'sp_role_owner',
  team: 'sp_role_team',
  assignee: 'sp_role_assignee',
  sender: 'sp_role_sender',
  recipient: 'sp_role_recipient',
  cc: 'sp_role_cc',
  participant: 'sp_role_participant',
};

/** A role in the user's language; an owner or team role names its record ("Owner of Nordlicht Logistik GmbH"). */
export function roleLabel(role: InvolvedRole, of?: string): string {
  if (of && role === 'owner') return t('sp_role_owner_of', of);
  if (of && role === 'team') return t('sp_role_team_of', of);
  return t(ROLE_KEY[role]);
}

export function InvolvedList({ involved, context }: { involved: readonly InvolvedColleague[]; context?: MailContext }) {
  if (!involved.length) return null;
  return (
    <section aria-labelledby="kenner-involved" className="mt-3">
      <h2 id="kenner-involved" className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">
        {t('sp_involved_label')}
      </h2>
      <p className="mb-1 text-xs text-slate-700 dark:text-slate-300">{t('sp_involved_intro')}</p>
      <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 dark:divide-slate-700 dark:border-slate-700">
        {involved.map(({ person, roles, of }) => {
          const mail = buildMailto(person, context);
          return (
            <li key={person.id} data-person-id={person.id} data-involved={roles[0]} className="flex items-center gap-2 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium">{person.name}</p>
                <p className="truncate text-xs text-slate-700 dark:text-slate-300">{[roles.map((r) => roleLabel(r, of)).join(', '), person.title].filter(Boolean).join(' · ')}</p>
              </div>
              {mail ? (
                <a href={mail} className={`${buttonSecondary} px-2 py-1 text-xs`} aria-label={t('card_email_label', person.name)}>
                  {t('card_email')}
                </a>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** "This page is signed in as X. Is that you?" — one click sets "me". */
export function MeProposal({ person, onDone }: { person: PersonSummary; onDone: () => void }) {
  const [state, setState] = useState<{ phase: 'idle' | 'saving' | 'saved' | 'dismissed' | 'error'; error?: string }>({ phase: 'idle' });
  if (state.phase === 'dismissed') return null;
  if (state.phase === 'saved')
    return (
      <p role="status" data-me-saved={person.id} className="mb-3 rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-xs text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100">
        {t('sp_me_saved', person.name)}
      </p>
    );
  const confirm = () => {
    setState({ phase: 'saving' });
    sendMessage('updateSettings', { meId: person.id })
      .then(() => {
        setState({ phase: 'saved' });
        onDone();
      })
      .catch((e: unknown) => setState({ phase: 'error', error: e instanceof Error ? e.message : String(e) }));
  };
  return (
    <div data-me-proposal={person.id} className="mb-3 rounded border border-sky-300 bg-sky-50 px-3 py-2 text-sm dark:border-sky-700 dark:bg-sky-950">
      <p>{t('sp_me_propose', person.name)}</p>
      {state.phase === 'error' ? <p className="mt-1 text-xs text-red-800 dark:text-red-200">{state.error}</p> : null}
      <div className="mt-2 flex gap-2">
        <button type="button" className={`${buttonPrimary} px-2 py-1 text-xs`} disabled={state.phase === 'saving'} onClick={confirm}>
          {t('sp_me_confirm')}
        </button>
        <button type="button" className={`${buttonSecondary} px-2 py-1 text-xs`} onClick={() => setState({ phase: 'dismissed' })}>
          {t('sp_me_not')}
        </button>
      </div>
    </div>
  );
}
