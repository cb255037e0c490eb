/**
 * The side panel: the page's entities as filter chips, then the colleagues
 * who know them, ranked and explained, with their actions. One view for the
 * docked panel and a popped-out window (`?tab=<id>`).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { t, uiLanguage } from '@/utils/i18n';
import { PersonCard } from '@/components/common/PersonCard';
import { CardSkeleton, buttonSecondary } from '@/components/common/StateView';
import { mailContextFromEntities } from '@/components/common/actions';
import { useStore } from 'zustand';
import { useSidePanel, type SidePanelStore } from './store';
import { SidePanelStoreContext } from './context';
import { dismissTargets, filterSuggestions } from './logic';
import { withoutDismissed } from '@/utils/ranking/dismissals';
import type { Suggestion } from '@/utils/ranking/types';
import { staleText, statusText } from './status';
import { trackTab } from './tabs';
import { EntityChips } from './EntityChips';
import { TextOnlyNote } from './TextOnlyNote';
import { Toast } from './Toast';
import { InvolvedList, MeProposal } from './Involved';
import { RecurringLine } from './RecurringLine';
import { EmptyState, ErrorState, GuardedState, NoGraphState, NoTabState, NotEnabledState, PausedState, openOptions } from './States';

export interface SidePanelAppProps {
  /** `?tab=<id>`: show this tab only (popped-out window, tests). */
  fixedTabId?: number | null;
  /** The store (tests pass their own). */
  store?: SidePanelStore;
}

/** Arrow keys move between cards; Home/End to the first/last. */
function onListKeyDown(e: KeyboardEvent<HTMLUListElement>) {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return;
  const target = e.target as HTMLElement;
  if (target.closest('input, textarea, select')) return;
  const items = Array.from(e.currentTarget.querySelectorAll<HTMLElement>(':scope > li'));
  const current = items.findIndex((li) => li.contains(target));
  if (current < 0) return;
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : current + (e.key === 'ArrowDown' ? 1 : -1);
  const item = items[next];
  if (!item) return;
  e.preventDefault();
  item.querySelector<HTMLElement>('a[href], button')?.focus();
}

export function SidePanelApp({ fixedTabId = null, store = useSidePanel }: SidePanelAppProps) {
  return (
    <SidePanelStoreContext.Provider value={store}>
      <Panel fixedTabId={fixedTabId} store={store} />
    </SidePanelStoreContext.Provider>
  );
}

function Panel({ fixedTabId, store }: { fixedTabId: number | null; store: SidePanelStore }) {
  const state = useStore(store);
  const { tabId, view, phase, selected, hidden, toast } = state;

  useEffect(() => trackTab(store, fixedTabId), [store, fixedTabId]);

  // A mark hides that entity's contribution only (the rule the ranking applies, dismissals.ts); the colleague goes when nothing is left.
  const all = useMemo(() => {
    const ids = (view?.entities ?? []).map((e) => e.id);
    return (view?.suggestions ?? []).map((s) => withoutDismissed(s, ids, hidden)).filter((s): s is Suggestion => s !== null);
  }, [view, hidden]);
  const shown = useMemo(() => filterSuggestions(all, selected), [all, selected]);
  // Nobody has worked with the page's customer directly (only topic evidence): the managers are the way in.
  const customer = useMemo(() => {
    const parties = (view?.entities ?? []).filter((e) => e.kind === 'account' || e.kind === 'contact');
    if (!parties.length || !all.length || all.some((s) => s.reasons.some((r) => r.entityKind !== 'topic'))) return null;
    return (parties.find((e) => e.focal && e.kind === 'account') ?? parties.find((e) => e.kind === 'account') ?? parties[0]).name;
  }, [view, all]);

  // After "Not relevant", focus stays in the panel: on the same card when it stays, else the next card, else the list's heading.
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusAfter = useRef<{ personId: string; index: number } | null>(null);
  useLayoutEffect(() => {
    const f = focusAfter.current;
    if (!f) return;
    focusAfter.current = null;
    const items = Array.from(listRef.current?.querySelectorAll<HTMLElement>(':scope > li') ?? []);
    const same = items.find((li) => li.dataset.card === f.personId);
    const target = same
      ? (same.querySelector<HTMLElement>('[data-dismiss-menu], [data-dismiss]') ?? same.querySelector<HTMLElement>('a[href], button'))
      : (items[Math.min(f.index, items.length - 1)]?.querySelector<HTMLElement>('a[href], button') ?? null);
    (target ?? headingRef.current ?? document.querySelector<HTMLElement>('main'))?.focus();
  }, [shown]);
  const onDismiss = (s: Suggestion, index: number, entityId: string, entityName: string) => {
    focusAfter.current = { personId: s.person.id, index };
    void store.getState().dismiss(s, entityId, entityName);
  };
  const context = useMemo(() => mailContextFromEntities(view?.entities ?? []), [view]);
  const status = statusText(state, shown.length, all.length);
  const closeToast = useCallback(() => store.getState().closeToast(), [store]);

  const popOut = () => {
    if (tabId === null) return;
    void browser.windows.create({ url: browser.runtime.getURL(`/sidepanel.html?tab=${tabId}`), type: 'popup', width: 420, height: 720 });
  };

  let body: ReactNode;
  if (phase === 'error') body = <ErrorState error={state.error} />;
  else if (tabId === null && phase !== 'loading') body = <NoTabState fixedTabId={fixedTabId} />;
  else if (!view || phase === 'loading' || phase === 'idle' || view.status === 'loading') body = <CardSkeleton />;
  else if (view.status === 'no-graph') body = <NoGraphState />;
  else if (view.status === 'not-enabled') body = <NotEnabledState host={view.host} />;
  else if (view.status === 'paused') body = <PausedState host={view.host} />;
  else if (view.status === 'guarded') body = <GuardedState host={view.host} />;
  else if (view.status === 'no-tab') body = <NoTabState fixedTabId={fixedTabId} />;
  else if (view.status === 'empty' || view.entities.length === 0) body = <EmptyState />;
  else
    body = (
      <>
        <EntityChips
          entities={view.entities}
          selected={selected}
          onToggle={(id) => store.getState().toggleEntity(id)}
          onAll={() => store.getState().clearFilter()}
        />
        {view.more ? (
          <p data-more-found={view.more} className="mt-2 text-xs text-slate-700 dark:text-slate-300">
            {t('sp_more_found', [new Intl.NumberFormat(uiLanguage()).format(view.more), new Intl.NumberFormat(uiLanguage()).format(view.entities.length)])}
          </p>
        ) : null}
        {view.listView ? (
          <p data-list-view="true" className="mt-2 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200">
            {t('sp_list_view')}
          </p>
        ) : null}
        <RecurringLine entities={view.entities} />
        <InvolvedList involved={view.involved ?? []} context={context} />
        {all.length === 0 && view.stale ? null : all.length === 0 ? (
          <div className="mt-3">
            <EmptyState noColleagues />
          </div>
        ) : (
          <section aria-labelledby="kenner-colleagues" className="mt-3">
            <h2 id="kenner-colleagues" ref={headingRef} tabIndex={-1} className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300">
              {t('sp_colleagues_label')}
            </h2>
            <details className="mb-2 text-xs text-slate-700 dark:text-slate-300">
              <summary className="cursor-pointer underline-offset-2 hover:underline">{t('sp_why_order')}</summary>
              <p className="mt-1">{t('sp_why_order_text')}</p>
            </details>
            {customer && (
              <p data-no-direct className="mb-2 rounded border border-slate-200 bg-slate-50 px-3 py-2 text-xs text-slate-800 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200">
                {t('sp_no_direct', [customer])}
              </p>
            )}
            {shown.length === 0 ? (
              <div className="rounded-lg border border-slate-200 p-3 text-sm dark:border-slate-700">
                <p>{t('sp_filter_none')}</p>
                <button type="button" className={`${buttonSecondary} mt-2`} onClick={() => store.getState().clearFilter()}>
                  {t('sp_filter_all')}
                </button>
              </div>
            ) : (
              <ul ref={listRef} className="space-y-2" onKeyDown={onListKeyDown}>
                {shown.map((s, i) => (
                  <li key={s.person.id} data-card={s.person.id}>
                    <PersonCard
                      suggestion={s}
                      person={s.person}
                      context={context}
                      strengthFor={selected.length === 1 ? selected[0] : undefined}
                      introduce={customer !== null}
                      dismissTargets={dismissTargets(s, view.entities, selected)}
                      onDismiss={(entityId, entityName) => onDismiss(s, i, entityId, entityName)}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </>
    );

  return (
    <div className="flex min-h-screen flex-col">
      <header className="sticky top-0 z-10 flex items-center gap-2 border-b border-slate-200 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-900">
        <h1 className="min-w-0 flex-1 truncate text-sm font-semibold">
          <span>{t('extName')}</span>
          {view?.host && <span className="font-normal text-slate-700 dark:text-slate-300"> · {view.host}</span>}
        </h1>
        {fixedTabId === null && tabId !== null && (
          <button type="button" onClick={popOut} title={t('sp_popout_label')} className={`${buttonSecondary} px-2 py-1 text-xs`}>
            {t('sp_popout')}
          </button>
        )}
        <button type="button" onClick={() => void openOptions()} className={`${buttonSecondary} px-2 py-1 text-xs`}>
          {t('sp_options')}
        </button>
      </header>
      <main tabIndex={-1} className="flex-1 px-3 py-3 pb-16 outline-none">
        <p role="status" className="sr-only">
          {status}
        </p>
        {view?.stale && phase === 'ready' && (
          <p data-stale="true" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
            {view.suggestions.length || view.involved?.length ? staleText(view.updatedAt) : t('sp_stale_none')}
          </p>
        )}
        {view?.textOnly ? <TextOnlyNote /> : null}
        {view?.proposedMe && phase === 'ready' ? <MeProposal key={view.proposedMe.id} person={view.proposedMe} onDone={() => void store.getState().load()} /> : null}
        {body}
      </main>
      <Toast toast={toast} onUndo={() => void store.getState().undo()} onClose={closeToast} />
    </div>
  );
}
