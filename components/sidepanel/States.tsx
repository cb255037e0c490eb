/** The panel's non-list states, each with its next step. */
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { StateView, buttonPrimary, buttonSecondary } from '@/components/common/StateView';
import { usePanel, usePanelStore } from './context';
import { hostLabel } from './status';
import { InlineSearch } from './InlineSearch';
import { DemoProgress } from '@/components/common/DemoProgress';

/** Opens the options page at a section (e.g. "sites"). */
export async function openOptions(section?: string): Promise<void> {
  if (section) {
    await browser.tabs.create({ url: browser.runtime.getURL(`/options.html#${section}`) });
  } else {
    await browser.runtime.openOptionsPage();
  }
}

export function NoGraphState() {
  const demo = usePanel((s) => s.demo);
  const loadDemo = usePanel((s) => s.loadDemo);
  const busy = demo.phase === 'loading';
  return (
    <StateView
      state="no-graph"
      title={t('state_no_graph_title')}
      body={
        <>
          <p>{t('state_no_graph_body')}</p>
          {busy && <DemoProgress className="mt-2" />}
          {demo.phase === 'error' && <p className="mt-2 text-red-800 dark:text-red-300">{t('state_demo_failed', [demo.error ?? '?'])}</p>}
        </>
      }
      actions={
        <>
          <button type="button" className={buttonPrimary} onClick={() => void openOptions()}>
            {t('state_import')}
          </button>
          <button type="button" className={buttonSecondary} onClick={() => void loadDemo()} disabled={busy} aria-busy={busy}>
            {t('demo_try')}
          </button>
        </>
      }
    />
  );
}

export function NotEnabledState({ host }: { host?: string }) {
  return (
    <StateView
      state="not-enabled"
      title={t('state_not_enabled_title', [hostLabel(host)])}
      body={<p>{t('state_not_enabled_body')}</p>}
      actions={
        <button type="button" className={buttonPrimary} onClick={() => void openOptions('sites')}>
          {t('state_enable')}
        </button>
      }
    />
  );
}

export function PausedState({ host }: { host?: string }) {
  const action = usePanel((s) => s.action);
  const resume = usePanel((s) => s.resume);
  return (
    <StateView
      state="paused"
      tone="warning"
      title={t('state_paused_title', [hostLabel(host)])}
      body={
        <>
          <p>{t('state_paused_body')}</p>
          {action.phase === 'error' && <p className="mt-2 text-red-800 dark:text-red-300">{t('state_action_failed', [action.error ?? '?'])}</p>}
        </>
      }
      actions={
        <button type="button" className={buttonPrimary} onClick={() => void resume()} disabled={action.phase === 'loading'}>
          {t('state_resume')}
        </button>
      }
    />
  );
}

/** The probing guard stopped Kenner on the page (a reload starts it again). */
export function GuardedState({ host }: { host?: string }) {
  return <StateView state="guarded" tone="warning" title={t('state_guarded_title', [hostLabel(host)])} body={<p>{t('state_guarded_body')}</p>} />;
}

/** Nothing on the page (`empty`), or entities but nobody who knows them. */
export function EmptyState({ noColleagues = false }: { noColleagues?: boolean }) {
  const search = usePanel((s) => s.search);
  const runSearch = usePanel((s) => s.runSearch);
  return (
    <StateView
      state={noColleagues ? 'no-colleagues' : 'empty'}
      title={noColleagues ? t('state_no_colleagues_title') : t('state_empty_title')}
      body={<p>{noColleagues ? t('state_no_colleagues_body') : t('state_empty_body')}</p>}
    >
      <InlineSearch search={search} onSearch={(q) => void runSearch(q)} />
    </StateView>
  );
}

export function NoTabState({ fixedTabId = null }: { fixedTabId?: number | null }) {
  const store = usePanelStore();
  const retry = () => {
    void (async () => {
      if (fixedTabId !== null) {
        // A popped-out panel: its tab may be back (or still gone).
        const tab = await browser.tabs.get(fixedTabId).catch(() => null);
        store.getState().setTab(tab?.id ?? null);
        return;
      }
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      store.getState().setTab(tab?.id ?? null);
    })();
  };
  return (
    <StateView
      state="no-tab"
      title={t('state_no_tab_title')}
      body={<p>{t('state_no_tab_body')}</p>}
      actions={
        <button type="button" className={buttonSecondary} onClick={retry}>
          {t('state_retry')}
        </button>
      }
    />
  );
}

export function ErrorState({ error }: { error?: string }) {
  const load = usePanel((s) => s.load);
  return (
    <StateView
      state="error"
      tone="error"
      title={t('state_error_title')}
      body={<p>{t('state_error_body', [error ?? '?'])}</p>}
      actions={
        <button type="button" className={buttonPrimary} onClick={() => void load()}>
          {t('state_retry')}
        </button>
      }
    />
  );
}
