/** The one sentence the panel's role="status" region says for its state. */
import { t, tn, uiLanguage } from '@/utils/i18n';
import type { SidePanelState } from './store';

export function hostLabel(host?: string): string {
  return host && host.trim() ? host : t('state_this_site');
}

function formatDateTime(iso: string | undefined, lang = uiLanguage()): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function staleText(updatedAt?: string): string {
  const time = formatDateTime(updatedAt);
  return time ? t('sp_stale', [time]) : t('sp_stale_no_time');
}

/** What a screen reader hears; `shown`/`total` are the visible and all colleagues. */
export function statusText(state: Pick<SidePanelState, 'tabId' | 'view' | 'phase' | 'error' | 'demo'>, shown: number, total: number): string {
  const { view, phase } = state;
  if (state.tabId === null && phase !== 'loading') return t('state_no_tab_title');
  if (phase === 'error') return t('state_error_body', [state.error ?? '?']);
  if (state.demo.phase === 'loading') return t('demo_loading');
  if (!view || phase === 'loading' || phase === 'idle') return t('state_loading');
  const lang = uiLanguage();
  let text: string;
  switch (view.status) {
    case 'no-graph':
      text = t('state_no_graph_title');
      break;
    case 'not-enabled':
      text = t('state_not_enabled_title', [hostLabel(view.host)]);
      break;
    case 'paused':
      text = t('state_paused_title', [hostLabel(view.host)]);
      break;
    case 'guarded':
      text = t('state_guarded_title', [hostLabel(view.host)]);
      break;
    case 'loading':
      text = t('state_loading');
      break;
    case 'no-tab':
      text = t('state_no_tab_title');
      break;
    case 'empty':
      text = t('state_empty_title');
      break;
    case 'ok':
    default: {
      if (total === 0) {
        text = t('state_no_colleagues_title');
      } else if (shown !== total) {
        const nf = new Intl.NumberFormat(lang);
        text = t('sp_status_filtered', [nf.format(shown), nf.format(total)]);
      } else {
        text = tn('sp_status_ok', total, undefined, lang);
      }
    }
  }
  return view.stale ? `${text}. ${staleText(view.updatedAt)}` : text;
}
