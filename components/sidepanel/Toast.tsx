/** "Marked as not relevant — Undo", announced politely; closes with Escape or after a while. */
import { useEffect } from 'react';
import { t } from '@/utils/i18n';
import type { Toast as ToastData } from './store';

export function Toast({ toast, onUndo, onClose }: { toast: ToastData | null; onUndo: () => void; onClose: () => void }) {
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(onClose, toast.kind === 'dismissed' ? 10_000 : 5_000);
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [toast, onClose]);

  const text = !toast
    ? ''
    : toast.kind === 'dismissed'
      ? toast.entityName
        ? t('sp_dismissed_for', [toast.name ?? '', toast.entityName])
        : t('sp_dismissed', [toast.name ?? ''])
      : toast.kind === 'undone'
        ? t('sp_undone', [toast.name ?? ''])
        : t('state_action_failed', [toast.message ?? '?']);

  return (
    <div aria-live="polite" className="pointer-events-none fixed inset-x-2 bottom-2 z-10 flex justify-center">
      {toast && (
        <div
          data-toast={toast.kind}
          className={`pointer-events-auto flex max-w-full items-center gap-3 rounded-lg px-3 py-2 text-sm shadow-lg ${
            toast.kind === 'error' ? 'bg-red-800 text-white dark:bg-red-300 dark:text-slate-900' : 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
          }`}
        >
          <span className="min-w-0 flex-1">{text}</span>
          {toast.kind === 'dismissed' && (
            <button type="button" onClick={onUndo} className="rounded px-2 py-0.5 font-semibold underline underline-offset-2 hover:no-underline">
              {t('sp_undo')}
            </button>
          )}
          <button type="button" onClick={onClose} aria-label={t('sp_close')} className="rounded px-1 font-semibold">
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
    </div>
  );
}
