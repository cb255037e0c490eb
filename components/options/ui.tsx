/** Small building blocks of the options page: section frame, switch, lock note, states, confirmation. */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { t } from '@/utils/i18n';

export const btn =
  'inline-flex items-center gap-1 rounded border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';
export const btnPrimary =
  'inline-flex items-center gap-1 rounded border border-blue-700 bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-60 dark:border-sky-300 dark:bg-sky-300 dark:text-slate-900 dark:hover:bg-sky-200';
export const btnDanger =
  'inline-flex items-center gap-1 rounded border border-red-700 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50 disabled:cursor-not-allowed disabled:opacity-60 dark:border-red-300 dark:bg-slate-800 dark:text-red-200 dark:hover:bg-slate-700';
const btnDangerSolid =
  'inline-flex items-center gap-1 rounded border border-red-700 bg-red-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-red-800 dark:border-red-300 dark:bg-red-300 dark:text-slate-900 dark:hover:bg-red-200';
export const input =
  'rounded border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900 disabled:opacity-60 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100';
export const muted = 'text-slate-600 dark:text-slate-300';
export const card = 'rounded-lg border border-slate-200 p-4 dark:border-slate-700';

export function Section({ id, title, intro, children }: { id: string; title: string; intro?: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  return (
    <section aria-labelledby={`${id}-title`} className="max-w-3xl space-y-4">
      <h2 id={`${id}-title`} ref={ref} tabIndex={-1} className="text-xl font-semibold">
        {title}
      </h2>
      {intro ? <p className={muted}>{intro}</p> : null}
      {children}
    </section>
  );
}

export function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" className="inline-block shrink-0 fill-current">
      <path d="M8 1a3.5 3.5 0 0 0-3.5 3.5V6H4a1.5 1.5 0 0 0-1.5 1.5v6A1.5 1.5 0 0 0 4 15h8a1.5 1.5 0 0 0 1.5-1.5v-6A1.5 1.5 0 0 0 12 6h-.5V4.5A3.5 3.5 0 0 0 8 1Zm2 5H6V4.5a2 2 0 1 1 4 0V6Z" />
    </svg>
  );
}

/** "Set by your organisation's administrator", beside a locked control. */
export function LockNote({ id }: { id?: string }) {
  return (
    <p id={id} className="flex items-center gap-1 text-xs text-amber-900 dark:text-amber-200">
      <LockIcon />
      <span>{t('opt_locked')}</span>
    </p>
  );
}

export function Switch({
  label,
  checked,
  onChange,
  disabled,
  locked,
  description,
}: {
  label: string;
  checked: boolean;
  onChange: (next: boolean) => void;
  disabled?: boolean;
  locked?: boolean;
  description?: string;
}) {
  const id = useId();
  const noteId = `${id}-note`;
  const descId = `${id}-desc`;
  const describedBy = [description ? descId : '', locked ? noteId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="flex items-start justify-between gap-4 py-2">
      <div>
        <label htmlFor={id} className="font-medium">
          {label}
        </label>
        {description ? (
          <p id={descId} className={`text-sm ${muted}`}>
            {description}
          </p>
        ) : null}
        {locked ? <LockNote id={noteId} /> : null}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled || locked}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.checked)}
        className="peer mt-1 h-5 w-9 shrink-0 cursor-pointer appearance-none rounded-full border border-slate-500 bg-slate-300 transition-colors before:block before:h-4 before:w-4 before:translate-x-0 before:rounded-full before:bg-white before:shadow before:transition-transform checked:border-blue-700 checked:bg-blue-700 checked:before:translate-x-4 disabled:cursor-not-allowed disabled:opacity-60 dark:border-slate-400 dark:bg-slate-600 dark:checked:border-sky-300 dark:checked:bg-sky-300 dark:before:bg-slate-100 dark:checked:before:bg-slate-900"
      />
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  return (
    <div aria-busy="true" className="space-y-2">
      <span className="sr-only">{label ?? t('opt_loading')}</span>
      <div className="kenner-skeleton h-4 w-2/3" />
      <div className="kenner-skeleton h-4 w-1/2" />
      <div className="kenner-skeleton h-4 w-3/5" />
    </div>
  );
}

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-400 dark:bg-red-950 dark:text-red-100">
      <p>{t('opt_error', message)}</p>
      {onRetry ? (
        <button type="button" className={`${btn} mt-2`} onClick={onRetry}>
          {t('opt_retry')}
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className={`rounded border border-dashed border-slate-300 p-3 text-sm dark:border-slate-600 ${muted}`}>{children}</p>;
}

/** A modal confirmation (native <dialog>: focus trapped, Escape cancels). */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal?.();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto max-w-md rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100"
    >
      <h3 id={titleId} className="text-lg font-semibold">
        {title}
      </h3>
      <p id={bodyId} className="mt-2 text-sm">
        {body}
      </p>
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className={btn} onClick={onCancel} autoFocus>
          {t('opt_cancel')}
        </button>
        <button type="button" className={btnDangerSolid} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  return String(e);
}
