/**
 * "Not relevant" on a card: per colleague AND entity. A colleague suggested
 * for one entity of the page is marked for that one; for several, the button
 * opens the list of them and the user picks which (issue 11: a mark never
 * removes a colleague for every entity of the page).
 */
import { useId, useState } from 'react';
import { t } from '@/utils/i18n';

export interface DismissTarget {
  id: string;
  name: string;
}

export function DismissMenu({
  personName,
  targets,
  onDismiss,
  className,
  icon,
}: {
  personName: string;
  targets: readonly DismissTarget[];
  onDismiss: (entityId: string, entityName: string) => void;
  className: string;
  icon: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (targets.length === 0) return null;
  if (targets.length === 1) {
    const only = targets[0];
    return (
      <button
        type="button"
        data-dismiss={only.id}
        onClick={() => onDismiss(only.id, only.name)}
        className={`${className} ml-auto`}
        aria-label={t('card_dismiss_for_label', [personName, only.name])}
      >
        {icon}
        {t('card_dismiss')}
      </button>
    );
  }
  return (
    <div className="ml-auto flex flex-col items-end gap-1">
      <button
        type="button"
        data-dismiss-menu="true"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
        onKeyDown={(e) => e.key === 'Escape' && open && (e.preventDefault(), e.stopPropagation(), setOpen(false))}
        className={className}
        aria-label={t('card_dismiss_label', [personName])}
      >
        {icon}
        {t('card_dismiss')}
      </button>
      {open ? (
        <ul id={listId} aria-label={t('card_dismiss_which', [personName])} className="flex flex-col items-end gap-1">
          {targets.map((e) => (
            <li key={e.id}>
              <button
                type="button"
                data-dismiss={e.id}
                className={className}
                onClick={() => {
                  setOpen(false);
                  onDismiss(e.id, e.name);
                }}
                onKeyDown={(ev) => ev.key === 'Escape' && (ev.preventDefault(), ev.stopPropagation(), setOpen(false))}
              >
                {t('card_dismiss_for', [e.name])}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
