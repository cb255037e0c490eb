/**
 * A designed state of a screen (no graph, paused, empty, error, …): a title,
 * a sentence and the next step as buttons. Also the loading skeleton and the
 * shared button styles.
 */
import type { ReactNode } from 'react';
import { t } from '@/utils/i18n';

export const buttonPrimary =
  'inline-flex items-center justify-center gap-1 rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-70 dark:bg-sky-300 dark:text-slate-900 dark:hover:bg-sky-200';
export const buttonSecondary =
  'inline-flex items-center justify-center gap-1 rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-70 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';

export interface StateViewProps {
  /** Machine-readable state name, as data-state (tests, styling). */
  state: string;
  title: string;
  body?: ReactNode;
  /** The next step(s): buttons or links. */
  actions?: ReactNode;
  tone?: 'info' | 'warning' | 'error';
  children?: ReactNode;
}

const TONES = {
  info: 'border-slate-200 bg-slate-50 dark:border-slate-700 dark:bg-slate-800',
  warning: 'border-amber-300 bg-amber-50 dark:border-amber-700 dark:bg-amber-950',
  error: 'border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950',
};

export function StateView({ state, title, body, actions, tone = 'info', children }: StateViewProps) {
  return (
    <section data-state={state} aria-label={title} className={`rounded-lg border p-4 ${TONES[tone]}`}>
      <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-50">{title}</h2>
      {body && <div className="mt-1 text-sm text-slate-700 dark:text-slate-200">{body}</div>}
      {actions && <div className="mt-3 flex flex-wrap gap-2">{actions}</div>}
      {children}
    </section>
  );
}

/** Placeholder cards while the answer is on its way (hidden from assistive tech; the status region says "loading"). */
export function CardSkeleton({ count = 3, label = t('state_loading_cards') }: { count?: number; label?: string }) {
  return (
    <div aria-hidden="true" data-state="loading" className="space-y-2">
      <p className="text-sm text-slate-700 dark:text-slate-300">{label}</p>
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="rounded-lg border border-slate-200 p-3 dark:border-slate-700">
          <div className="flex items-center gap-3">
            <div className="kenner-skeleton h-10 w-10 rounded-full" />
            <div className="flex-1 space-y-2">
              <div className="kenner-skeleton h-3 w-1/2" />
              <div className="kenner-skeleton h-3 w-1/3" />
            </div>
          </div>
          <div className="kenner-skeleton mt-3 h-1.5 w-full" />
          <div className="kenner-skeleton mt-3 h-3 w-3/4" />
        </div>
      ))}
    </div>
  );
}
