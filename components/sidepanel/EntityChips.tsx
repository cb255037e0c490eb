/** The page's entities as toggle chips that filter the colleagues; "All" resets. */
import type { DetectedEntity } from '@/utils/spotting/types';
import { t, type MessageKey } from '@/utils/i18n';
import { orderEntities } from './logic';

const KIND_LABEL: Record<DetectedEntity['kind'], MessageKey> = {
  account: 'sp_kind_account',
  contact: 'sp_kind_contact',
  topic: 'sp_kind_topic',
};

const KIND_STYLE: Record<DetectedEntity['kind'], string> = {
  account: 'text-sky-800 dark:text-sky-300',
  contact: 'text-violet-800 dark:text-violet-300',
  topic: 'text-emerald-800 dark:text-emerald-300',
};

const chip =
  'inline-flex max-w-full items-center gap-1 rounded-full border px-2.5 py-1 text-xs font-medium';
const off = 'border-slate-300 bg-white text-slate-800 hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700';
const on = 'border-blue-700 bg-blue-700 text-white dark:border-sky-300 dark:bg-sky-300 dark:text-slate-900';

export function EntityChips({
  entities,
  selected,
  onToggle,
  onAll,
}: {
  entities: DetectedEntity[];
  selected: string[];
  onToggle: (id: string) => void;
  onAll: () => void;
}) {
  if (entities.length === 0) return null;
  const ordered = orderEntities(entities);
  return (
    <nav aria-label={t('sp_entities_label')}>
      <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">{t('sp_entities_label')}</h2>
      <ul className="flex flex-wrap gap-1.5">
        <li>
          <button type="button" aria-pressed={selected.length === 0} onClick={onAll} className={`${chip} ${selected.length === 0 ? on : off}`}>
            {t('sp_filter_all')}
          </button>
        </li>
        {ordered.map((e) => {
          const pressed = selected.includes(e.id);
          return (
            <li key={`${e.kind}:${e.id}`} className="max-w-full">
              <button
                type="button"
                data-entity-kind={e.kind}
                data-entity-id={e.id}
                aria-pressed={pressed}
                onClick={() => onToggle(e.id)}
                className={`${chip} ${pressed ? on : off}`}
              >
                <span className={`text-[10px] font-semibold uppercase ${pressed ? '' : KIND_STYLE[e.kind]}`}>{t(KIND_LABEL[e.kind])}</span>
                <span className="truncate">{e.name}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
