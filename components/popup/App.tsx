/**
 * The toolbar popup: search colleagues first (focus in the box on open,
 * results as you type, ↑/↓, Enter opens the card, Escape closes or clears),
 * then this tab's status with pause/resume and the side panel, then the
 * graph's size, source and age (or how to get a graph).
 */
import { lazy, memo, Suspense, useEffect, useId, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { ageText, countsText, formatNumber, sourceText } from '@/components/common/graph-summary';
import { matchSentence, reasonSentences } from '@/components/common/reasons';
import { strengthOf } from '@/components/common/strength';
import { useWordsOnly } from '@/components/common/use-words-only';
import { buttonPrimary, buttonSecondary } from '@/components/common/StateView';
import { DemoProgress } from '@/components/common/DemoProgress';
import { t } from '@/utils/i18n';
import type { PersonHit, TabView } from '@/utils/messaging/protocol';
import { tabViewKey } from '@/utils/messaging/state';
import { storage } from '#imports';
import { enterTarget, mailContextOf, moveActive, pauseAction, tabStatusText } from './logic';
import { usePopup } from './store';
import { RecurringView } from './Recurring';

const PersonCard = lazy(() => import('@/components/common/PersonCard'));

const muted = 'text-slate-600 dark:text-slate-300';

function openOptions(hash = 'data') {
  void browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${hash}`) }).then(() => window.close());
}

/** Must run inside the click handler: sidePanel.open needs the user gesture. */
function openSidePanel(tabId: number) {
  // Chrome and Edge have sidePanel; Firefox has sidebarAction instead (either may be missing at run time).
  const b: { sidePanel?: Partial<typeof browser.sidePanel>; sidebarAction?: { open?: () => Promise<void> } } = browser;
  if (b.sidePanel?.open) {
    b.sidePanel.open({ tabId }).then(() => window.close(), (e: unknown) => console.warn('Kenner: side panel', e));
  } else if (b.sidebarAction?.open) {
    b.sidebarAction.open().then(() => window.close(), () => undefined);
  }
}

/** A row renders again only when its props change: a keystroke's "searching" state and the arrow keys leave the others alone. */
const ResultItem = memo(function ResultItem({ hit, index, active, optionId, onPick }: { hit: PersonHit; index: number; active: boolean; optionId: string; onPick: (i: number, hit: PersonHit) => void }) {
  const p = hit.person;
  const line = [p.title, p.department, p.location].filter(Boolean).join(' · ');
  // Every result says why: its strongest ranked reason, or the field the words were found in.
  const why = (hit.suggestion ? reasonSentences(hit.suggestion.reasons, 1)[0] : undefined) ?? matchSentence(hit.matched) ?? undefined;
  const words = useWordsOnly();
  const strength = hit.suggestion && words !== undefined ? strengthOf(hit.suggestion, { words }) : null;
  return (
    <li
      id={optionId}
      role="option"
      aria-selected={active}
      data-person-id={p.id}
      onMouseDown={(e) => e.preventDefault() /* keep focus in the box */}
      onClick={() => onPick(index, hit)}
      className={`cursor-pointer rounded px-2 py-1.5 ${active ? 'bg-blue-50 ring-1 ring-blue-700 dark:bg-slate-700 dark:ring-sky-300' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
    >
      <div className="flex items-baseline justify-between gap-2">
        <span className="font-medium">{p.name}</span>
        {strength ? (
          <span {...(strength.words ? { 'data-band': strength.words } : { 'data-strength': strength.value })} title={strength.label} className={`text-xs tabular-nums ${muted}`}>
            {strength.short}
          </span>
        ) : null}
      </div>
      {line ? <div className={`truncate text-xs ${muted}`}>{line}</div> : null}
      {why ? (
        <div data-why="true" className="truncate text-xs text-slate-800 dark:text-slate-100">
          {why}
        </div>
      ) : null}
    </li>
  );
});

/** Picking a result (click): it becomes the active one and the card of the row clicked opens. */
function pick(index: number, hit: PersonHit) {
  const s = usePopup.getState();
  s.setActive(index);
  s.openCard(hit);
}

export function App() {
  const s = usePopup();
  const [recurring, setRecurring] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const ids = useId();
  const listId = `${ids}-results`;
  const optionId = (i: number) => `${ids}-opt-${i}`;

  useEffect(() => {
    input.current?.focus();
    // Status after the first paint: the box is usable at once.
    const id = requestAnimationFrame(() => void usePopup.getState().loadStatus());
    return () => cancelAnimationFrame(id);
  }, []);

  // The tab's answer as the background stores it: the status follows the page live (e.g. after "Try the demo").
  useEffect(() => {
    if (s.tabId === null) return;
    return storage.watch<TabView>(tabViewKey(s.tabId), (next) => usePopup.getState().applyTab(next));
  }, [s.tabId]);

  // Escape closes the card from anywhere in the popup, back to the results.
  useEffect(() => {
    if (!s.open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) {
        e.preventDefault();
        usePopup.getState().openCard(null);
        input.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [s.open]);

  // Keep the active result in view: before the next frame, whose layout it then shares (in the commit it forced a
  // layout of its own, ~3 ms on the first keystroke of every query, when the list appears with its first row active).
  useEffect(() => {
    if (s.active < 0) return;
    const id = requestAnimationFrame(() => document.getElementById(optionId(s.active))?.scrollIntoView?.({ block: 'nearest' }));
    return () => cancelAnimationFrame(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.active]);

  const hits = s.results.hits;
  const showList = !s.open && s.results.status !== 'idle';
  const graph = s.graph.status === 'ready' ? s.graph.value : undefined;
  const noGraph = s.graph.status === 'ready' && (!graph || graph.source === 'none');
  const tab = s.tab.status === 'ready' ? s.tab.value : null;
  const pause = pauseAction(tab);
  const pauseLocked = s.settings?.locked.includes('pausedHosts') ?? false;
  const policy = s.settings?.policy;

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      s.setActive(moveActive(s.active, e.key, hits.length));
    } else if (e.key === 'Enter') {
      const hit = enterTarget(s.active, hits);
      if (hit) {
        e.preventDefault();
        s.openCard(hit);
      }
    } else if (e.key === 'Escape') {
      if (s.open) {
        e.preventDefault();
        s.openCard(null);
      } else if (s.query) {
        e.preventDefault();
        s.setQuery('');
      }
    }
  }

  if (recurring)
    return (
      <main className="flex w-[380px] flex-col gap-3 p-3">
        <h1 className="sr-only">{t('popup_title')}</h1>
        <RecurringView
          onBack={() => {
            setRecurring(false);
            requestAnimationFrame(() => input.current?.focus());
          }}
        />
      </main>
    );

  return (
    <main className="flex w-[380px] flex-col gap-3 p-3">
      <h1 className="sr-only">{t('popup_title')}</h1>
      <div>
        <label htmlFor={`${ids}-q`} className="mb-1 block text-sm font-semibold">
          {t('popup_search_label')}
        </label>
        <input
          ref={input}
          id={`${ids}-q`}
          type="search"
          autoComplete="off"
          spellCheck={false}
          value={s.query}
          placeholder={t('popup_search_placeholder')}
          aria-controls={showList ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={showList && s.active >= 0 && hits[s.active] ? optionId(s.active) : undefined}
          aria-describedby={`${ids}-hint`}
          onChange={(e) => s.setQuery(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          className="w-full rounded border border-slate-400 bg-white px-2 py-1.5 text-sm text-slate-900 placeholder:text-slate-500 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:placeholder:text-slate-400"
        />
        <p id={`${ids}-hint`} className={`mt-1 text-xs ${muted}`}>
          {t('popup_search_hint')}
        </p>
      </div>

      {s.open ? (
        <div>
          <button
            type="button"
            className={`${buttonSecondary} mb-2`}
            onClick={() => {
              s.openCard(null);
              input.current?.focus();
            }}
          >
            {t('popup_back')}
          </button>
          <Suspense fallback={<div className="kenner-skeleton h-24 w-full" />}>
            <PersonCard person={s.open.person} suggestion={s.open.suggestion} matchText={matchSentence(s.open.matched)} context={mailContextOf(s.open)} headingLevel={2} />
          </Suspense>
        </div>
      ) : null}

      <div aria-live="polite" className="sr-only">
        {s.results.status === 'ready' && s.query.trim()
          ? hits.length === 1
            ? t('popup_results_one')
            : t('popup_results_other', formatNumber(hits.length))
          : ''}
      </div>

      {showList ? (
        <div data-results-seq={s.results.status === 'loading' ? undefined : s.results.seq}>
          {s.results.status === 'error' ? (
            <p role="alert" className="text-sm text-red-800 dark:text-red-200">
              {t('popup_search_failed', s.results.error ?? '')}
            </p>
          ) : s.results.status === 'ready' && hits.length === 0 ? (
            <p className={`text-sm ${muted}`} data-state="no-results">
              {noGraph ? t('popup_no_results_no_graph') : t('popup_no_results', s.results.query)}
            </p>
          ) : null}
          <ul
            id={listId}
            role="listbox"
            aria-label={t('popup_results_label')}
            aria-busy={s.results.status === 'loading'}
            className={`space-y-0.5 ${s.results.status === 'loading' ? 'opacity-70' : ''}`}
          >
            {hits.map((hit, i) => (
              <ResultItem
                key={hit.person.id}
                hit={hit}
                index={i}
                active={i === s.active}
                optionId={optionId(i)}
                onPick={pick}
              />
            ))}
          </ul>
        </div>
      ) : null}

      <section aria-label={t('popup_tab_section')} className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700">
        {s.tab.status === 'loading' ? (
          <div aria-hidden="true" className="kenner-skeleton h-4 w-2/3" />
        ) : s.tab.status === 'error' ? (
          <p className="text-sm text-red-800 dark:text-red-200">{t('popup_tab_failed', s.tab.error)}</p>
        ) : (
          <p className="text-sm" data-tab-status={tab?.status ?? 'no-tab'}>
            {tabStatusText(tab, s.rescanning)}
            {tab?.stale ? <span className={muted}> · {t('popup_stale')}</span> : null}
          </p>
        )}
        <div className="flex flex-wrap gap-2">
          {pause && !pauseLocked ? (
            <button type="button" className={buttonSecondary} disabled={s.busy !== null} onClick={() => void s.togglePause(pause === 'pause')}>
              {pause === 'pause' ? t('popup_pause') : t('popup_resume')}
            </button>
          ) : null}
          <button type="button" className={buttonSecondary} disabled={s.tabId === null} onClick={() => s.tabId !== null && openSidePanel(s.tabId)}>
            {t('popup_open_side_panel')}
          </button>
          <button type="button" className={buttonSecondary} onClick={() => openOptions(tab?.status === 'not-enabled' ? 'sites' : 'data')}>
            {t('popup_settings')}
          </button>
          <button type="button" className={buttonSecondary} data-open="recurring" onClick={() => setRecurring(true)}>
            {t('recurring_title')}
          </button>
          <button type="button" className={buttonSecondary} data-open="me" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/me.html') }).then(() => window.close())}>
            {t('me_open')}
          </button>
        </div>
        {pause && pauseLocked ? <p className={`text-xs ${muted}`}>{t('popup_pause_locked')}</p> : null}
      </section>

      <section aria-label={t('popup_graph_section')} className="border-t border-slate-200 pt-3 text-sm dark:border-slate-700">
        {s.graph.status === 'loading' ? (
          <div aria-hidden="true" className="kenner-skeleton h-4 w-1/2" />
        ) : s.graph.status === 'error' ? (
          <p className="text-red-800 dark:text-red-200">{t('popup_graph_failed', s.graph.error)}</p>
        ) : noGraph || !graph ? (
          <div data-state="no-graph">
            <p className="font-semibold">{t('popup_no_graph_title')}</p>
            <p className={`mb-2 ${muted}`}>{t('popup_no_graph_body')}</p>
            <div className="flex flex-wrap gap-2">
              {policy?.allowImport !== false ? (
                <button type="button" className={buttonPrimary} onClick={() => openOptions('data')}>
                  {t('popup_import')}
                </button>
              ) : null}
              {policy?.allowDemo !== false ? (
                <button type="button" className={policy?.allowImport !== false ? buttonSecondary : buttonPrimary} disabled={s.busy !== null} onClick={() => void s.loadDemo()}>
                  {t('demo_try')}
                </button>
              ) : null}
            </div>
            {s.busy === 'demo' ? <DemoProgress className="mt-2" /> : null}
          </div>
        ) : (
          <p className={muted} data-state="graph">
            {t('popup_graph_line', [countsText(graph.counts, undefined, ['people', 'accounts']), sourceText(graph.source), ageText(graph.loadedAt)])}
          </p>
        )}
        {s.actionError ? (
          <p role="alert" className="mt-2 text-red-800 dark:text-red-200">
            {t('popup_action_failed', s.actionError)}
          </p>
        ) : null}
      </section>
    </main>
  );
}
