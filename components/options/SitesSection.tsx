/** Sites: the built-in CRM and mail sites, paused hosts, and the company's own sites by URL pattern. */
import { useId, useState } from 'react';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/utils/i18n';
import { BUILT_IN_SITES } from '@/utils/sites/registry';
import { isSiteEnabled, type CustomSite } from '@/utils/settings/items';
import { toMatchPattern, type PatternProblem } from './match-pattern';
import { SettingsPending } from './SettingsPending';
import { useOptions } from './store';
import { btn, btnPrimary, card, Empty, ErrorNote, errorMessage, input, LockNote, muted, Section, Switch } from './ui';

const PROBLEM_TEXT: Record<PatternProblem, MessageKey> = {
  empty: 'opt_sites_problem_empty',
  scheme: 'opt_sites_problem_scheme',
  host: 'opt_sites_problem_host',
  path: 'opt_sites_problem_path',
  too_broad: 'opt_sites_problem_too_broad',
};

export function SitesSection() {
  const settings = useOptions((s) => s.settings);
  const update = useOptions((s) => s.update);
  const saveError = useOptions((s) => s.saveError);
  const [pattern, setPattern] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const ids = useId();

  if (settings.status !== 'ready') return <SettingsPending id="sites" title={t('opt_nav_sites')} />;
  const { settings: s, locked } = settings.value;
  const sitesLocked = locked.includes('sites');
  const customLocked = locked.includes('customSites');
  const pauseLocked = locked.includes('pausedHosts');

  function add() {
    setNote(null);
    const r = toMatchPattern(pattern);
    if (!r.ok) {
      setProblem(t(PROBLEM_TEXT[r.problem]));
      return;
    }
    if (s.customSites.some((c) => c.pattern === r.pattern)) {
      setProblem(t('opt_sites_problem_duplicate'));
      return;
    }
    setProblem(null);
    const site: CustomSite = label.trim() ? { pattern: r.pattern, label: label.trim() } : { pattern: r.pattern };
    // The permission prompt must come straight from the click (user gesture): no await before it.
    browser.permissions
      .request({ origins: [r.pattern] })
      .then(async (granted) => {
        if (!granted) {
          setProblem(t('opt_sites_permission_denied'));
          return;
        }
        const ok = await update({ customSites: [...s.customSites, site] });
        if (ok) {
          setPattern('');
          setLabel('');
          setNote(t('opt_sites_added', r.pattern));
        }
      })
      .catch((e) => setProblem(t('opt_error', errorMessage(e))));
  }

  function remove(site: CustomSite) {
    setNote(null);
    const others = s.customSites.filter((c) => c.pattern !== site.pattern);
    void browser.permissions
      .remove({ origins: [site.pattern] })
      .catch(() => false)
      .then(async () => {
        const ok = await update({ customSites: others });
        if (ok) setNote(t('opt_sites_removed', site.pattern));
      });
  }

  return (
    <Section id="sites" title={t('opt_nav_sites')} intro={t('opt_sites_intro')}>
      {saveError ? <ErrorNote message={saveError} /> : null}
      <div className={card}>
        <h3 className="mb-1 font-semibold">{t('opt_sites_builtin')}</h3>
        {sitesLocked ? <LockNote /> : null}
        <div className="divide-y divide-slate-200 dark:divide-slate-700">
          {BUILT_IN_SITES.map((site) => (
            <Switch
              key={site.id}
              label={site.label}
              description={site.matches.join(', ')}
              checked={isSiteEnabled(s.sites, site.id)}
              locked={sitesLocked}
              onChange={(on) => void update({ sites: { ...s.sites, [site.id]: on } })}
            />
          ))}
        </div>
      </div>

      <div className={card}>
        <h3 className="mb-1 font-semibold">{t('opt_sites_paused')}</h3>
        {pauseLocked ? <LockNote /> : null}
        {s.pausedHosts.length === 0 ? (
          <Empty>{t('opt_sites_paused_empty')}</Empty>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-700">
            {s.pausedHosts.map((host) => (
              <li key={host} className="flex items-center justify-between gap-2 py-2">
                <span className="font-mono text-sm">{host}</span>
                <button
                  type="button"
                  className={btn}
                  disabled={pauseLocked}
                  aria-label={t('opt_sites_resume_label', host)}
                  onClick={() => void update({ pausedHosts: s.pausedHosts.filter((h) => h !== host) })}
                >
                  {t('opt_sites_resume')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className={card}>
        <h3 className="mb-1 font-semibold">{t('opt_sites_custom')}</h3>
        <p className={`mb-3 text-sm ${muted}`}>{t('opt_sites_custom_help')}</p>
        {customLocked ? <LockNote /> : null}
        {s.customSites.length === 0 ? (
          <Empty>{t('opt_sites_custom_empty')}</Empty>
        ) : (
          <ul className="mb-3 divide-y divide-slate-200 dark:divide-slate-700">
            {s.customSites.map((site) => (
              <li key={site.pattern} className="flex items-center justify-between gap-2 py-2">
                <span>
                  {site.label ? <span className="mr-2 font-medium">{site.label}</span> : null}
                  <span className="font-mono text-sm">{site.pattern}</span>
                </span>
                <button type="button" className={btn} disabled={customLocked} aria-label={t('opt_sites_remove_label', site.pattern)} onClick={() => remove(site)}>
                  {t('opt_sites_remove')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {!customLocked ? (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              add();
            }}
          >
            <div className="flex flex-col gap-1">
              {/* A labelled field, as in the privacy and me sections: markup, not logic. */}
              <label htmlFor={`${ids}-pattern`} className="text-sm font-medium">
                {t('opt_sites_pattern')}
              </label>
              <input
                id={`${ids}-pattern`}
                className={`${input} w-72 font-mono`}
                value={pattern}
                placeholder="https://crm.example.com/*"
                aria-invalid={problem ? true : undefined}
                aria-describedby={`${ids}-problem`}
                onChange={(e) => {
                  setPattern(e.currentTarget.value);
                  setProblem(null);
                }}
              />
            </div>
            <div className="flex flex-col gap-1">
              <label htmlFor={`${ids}-label`} className="text-sm font-medium">
                {t('opt_sites_site_label')}
              </label>
              <input id={`${ids}-label`} className={`${input} w-48`} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
            </div>
            <button type="submit" className={btnPrimary}>
              {t('opt_sites_add')}
            </button>
            <p id={`${ids}-problem`} className="w-full text-sm text-red-800 dark:text-red-200" aria-live="polite">
              {problem ?? ''}
            </p>
          </form>
        ) : null}
        <p className="text-sm" aria-live="polite">
          {note ?? ''}
        </p>
      </div>
    </Section>
  );
}
