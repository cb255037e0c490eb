/** Search colleagues from the side panel when the page gave nothing (searchPeople). */
import { useId, useState, type FormEvent } from 'react';
import { t, tn, uiLanguage } from '@/utils/i18n';
import { PersonCard } from '@/components/common/PersonCard';
import { matchSentence } from '@/components/common/reasons';
import { buttonSecondary } from '@/components/common/StateView';
import type { SearchState } from './store';

export function InlineSearch({ search, onSearch }: { search: SearchState; onSearch: (q: string) => void }) {
  const [query, setQuery] = useState(search.query);
  const inputId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(query);
  };
  const lang = uiLanguage();
  const count = search.results.length;
  return (
    <div className="mt-3">
      <form role="search" onSubmit={submit} className="flex gap-2">
        <label htmlFor={inputId} className="sr-only">
          {t('state_search_label')}
        </label>
        <input
          id={inputId}
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('state_search_placeholder')}
          className="min-w-0 flex-1 rounded border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 placeholder:text-slate-600 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:placeholder:text-slate-400"
        />
        <button type="submit" className={buttonSecondary}>
          {t('state_search_button')}
        </button>
      </form>
      <p aria-live="polite" className="mt-2 text-xs text-slate-700 empty:hidden dark:text-slate-300">
        {search.phase === 'loading'
          ? t('state_searching')
          : search.phase === 'error'
            ? t('state_action_failed', [search.error ?? '?'])
            : search.phase === 'ready'
              ? count === 0
                ? t('state_search_none', [search.query])
                : tn('state_search_results', count, undefined, lang)
              : ''}
      </p>
      {count > 0 && (
        <ul className="mt-2 space-y-2">
          {search.results.map((hit) => (
            <li key={hit.person.id}>
              <PersonCard person={hit.person} suggestion={hit.suggestion} matchText={matchSentence(hit.matched)} compact tagged={false} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
