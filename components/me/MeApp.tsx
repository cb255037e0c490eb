/**
 * "What Kenner shows about me" (issue 15): where the colleague chosen as "me"
 * (or the company graph service's signed-in viewer) would be suggested, in the
 * side panel's own words and strengths, the evidence behind it and how it
 * fades; their choices (don't suggest me, away until, ask me about, hide for
 * one customer or topic); and how often they were suggested per month.
 */
import { useEffect, useId } from 'react';
import { browser } from 'wxt/browser';
import { reasonSentence, reasonSentences, formatDate, formatMonthYear } from '@/components/common/reasons';
import { strengthOf } from '@/components/common/strength';
import { buttonPrimary, buttonSecondary, StateView } from '@/components/common/StateView';
import { t, uiLanguage } from '@/utils/i18n';
import type { OwnProfile } from '@/utils/messaging/protocol';
import { decayAfterYears, decayShare } from '@/utils/ranking/own-view';
import { useMe } from './store';

const muted = 'text-slate-600 dark:text-slate-300';
const card = 'rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900';

const pct = (x: number) => new Intl.NumberFormat(uiLanguage(), { style: 'percent', maximumFractionDigits: 0 }).format(x);
const num = (x: number) => new Intl.NumberFormat(uiLanguage()).format(x);

function openOptions() {
  void browser.tabs.create({ url: browser.runtime.getURL('/options.html#me') });
}

function Controls({ profile, topics }: { profile: OwnProfile; topics: Array<{ id: string; name: string }> }) {
  const save = useMe((s) => s.save);
  const saving = useMe((s) => s.saving);
  const ids = useId();
  const prefs = profile.preferences;
  const names = new Map(topics.map((x) => [x.id, x.name]));
  for (const e of profile.entries) names.set(e.entity.id, e.entity.name);
  const asked = prefs.askMeAbout ?? [];
  const choosable = topics.filter((x) => !asked.includes(x.id));
  return (
    <section aria-labelledby={`${ids}-h`} className={card}>
      <h2 id={`${ids}-h`} className="mb-3 font-semibold">
        {t('me_controls_title')}
      </h2>
      <div className="space-y-4">
        <div>
          <label className="flex items-center gap-2 font-medium">
            <input type="checkbox" data-control="consent" checked={prefs.consent === 'out'} disabled={saving} onChange={(e) => void save({ ...prefs, consent: e.currentTarget.checked ? 'out' : undefined })} />
            {t('me_consent_label')}
          </label>
          <p className={`text-sm ${muted}`}>{t('me_consent_help')}</p>
        </div>
        <div>
          <label htmlFor={`${ids}-away`} className="block font-medium">
            {t('me_away_label')}
          </label>
          <div className="flex flex-wrap items-center gap-2">
            <input
              id={`${ids}-away`}
              type="date"
              data-control="away"
              className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800"
              value={prefs.awayUntil ?? ''}
              disabled={saving}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (!v || /^\d{4}-\d{2}-\d{2}$/.test(v)) void save({ ...prefs, awayUntil: v || undefined });
              }}
            />
            {prefs.awayUntil ? (
              <button type="button" className={buttonSecondary} disabled={saving} onClick={() => void save({ ...prefs, awayUntil: undefined })}>
                {t('me_away_clear')}
              </button>
            ) : null}
          </div>
          <p className={`text-sm ${muted}`}>{t('me_away_help')}</p>
        </div>
        <div>
          <label htmlFor={`${ids}-ask`} className="block font-medium">
            {t('me_ask_label')}
          </label>
          {asked.length ? (
            <ul className="my-1 flex flex-wrap gap-2" data-control="asked">
              {asked.map((id) => (
                <li key={id} className="flex items-center gap-1 rounded-full border border-slate-300 px-2 py-0.5 text-sm dark:border-slate-600">
                  <span>{names.get(id) ?? id}</span>
                  <button type="button" className="rounded px-1 hover:bg-slate-100 dark:hover:bg-slate-700" aria-label={t('me_ask_remove', names.get(id) ?? id)} disabled={saving} onClick={() => void save({ ...prefs, askMeAbout: asked.filter((x) => x !== id) })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className={`text-sm ${muted}`}>{t('me_ask_none')}</p>
          )}
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              const v = new FormData(e.currentTarget).get('topic');
              if (typeof v === 'string' && v) void save({ ...prefs, askMeAbout: [...asked, v] });
            }}
          >
            <select id={`${ids}-ask`} name="topic" data-control="ask" className="max-w-xs rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-600 dark:bg-slate-800" defaultValue="">
              <option value="">{t('me_ask_choose')}</option>
              {choosable.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </select>
            <button type="submit" className={buttonSecondary} disabled={saving}>
              {t('me_ask_add')}
            </button>
          </form>
          <p className={`text-sm ${muted}`}>{t('me_ask_help')}</p>
        </div>
      </div>
    </section>
  );
}

function Entries({ profile }: { profile: OwnProfile }) {
  const save = useMe((s) => s.save);
  const saving = useMe((s) => s.saving);
  const prefs = profile.preferences;
  const hidden = prefs.hidden ?? [];
  const now = Date.now();
  return (
    <section aria-labelledby="me-entries" className="space-y-2">
      <h2 id="me-entries" className="font-semibold">
        {t('me_entries_title')}
      </h2>
      <p className={`text-sm ${muted}`}>{t('me_decay_general', [pct(decayAfterYears(1)), pct(decayAfterYears(2)), pct(decayAfterYears(5))])}</p>
      {profile.entries.length === 0 ? (
        <p data-state="empty" className={muted}>
          {t('me_entries_empty')}
        </p>
      ) : (
        <ul className="space-y-2">
          {profile.entries.map((e) => {
            const s = e.suggestion;
            const strength = s ? strengthOf(s, { entityId: e.entity.id }) : null;
            const latest = e.evidence.map((v) => v.last).filter((x): x is string => !!x && !e.evidence.every((v) => v.kind === 'account-owner' || v.kind === 'account-team')).sort().at(-1);
            const share = latest ? decayShare('meeting', latest, now) : null;
            return (
              <li key={`${e.entity.kind}:${e.entity.id}`} data-entity-id={e.entity.id} data-suggested={s ? 'yes' : 'no'} data-hidden={e.hidden ? 'yes' : 'no'} className={card}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="font-medium">{e.entity.name}</h3>
                  <span className={`text-sm ${muted}`}>
                    {e.hidden ? <span className="mr-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900 dark:bg-amber-900 dark:text-amber-100">{t('me_hidden_badge')}</span> : null}
                    {s && e.position ? t('me_position', num(e.position)) : t('me_not_suggested')}
                  </span>
                </div>
                {strength ? (
                  <p className="text-sm" data-strength={strength.value}>
                    {strength.label}
                  </p>
                ) : null}
                {s ? (
                  <ul className="mt-1 list-disc pl-5 text-sm">
                    {reasonSentences(s.reasons, 3).map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : null}
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer">{t('me_evidence_title')}</summary>
                  {e.evidence.length === 0 ? (
                    <p className={muted}>{t('me_evidence_none')}</p>
                  ) : (
                    <ul className="mt-1 space-y-0.5">
                      {e.evidence.map((v) => (
                        <li key={v.kind}>
                          {reasonSentence({ kind: v.kind, count: v.count, entityId: e.entity.id, entityKind: e.entity.kind, entityName: e.entity.name, last: v.last, weight: 0 })}
                          {v.sources?.length ? <span className={muted}> · {t('me_evidence_source', v.sources.join(', '))}</span> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                  {share !== null && latest ? (
                    <p className={`mt-1 ${muted}`} title={formatDate(latest) ?? undefined}>
                      {t('me_decay_now', pct(share))}
                    </p>
                  ) : null}
                </details>
                <div className="mt-2">
                  <button
                    type="button"
                    className={buttonSecondary}
                    data-action={e.hidden ? 'unhide' : 'hide'}
                    disabled={saving}
                    onClick={() => void save({ ...prefs, hidden: e.hidden ? hidden.filter((x) => x !== e.entity.id) : [...hidden, e.entity.id] })}
                  >
                    {e.hidden ? t('me_unhide', e.entity.name) : t('me_hide', e.entity.name)}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function Lookups({ profile }: { profile: OwnProfile }) {
  return (
    <section aria-labelledby="me-lookups" className={card}>
      <h2 id="me-lookups" className="font-semibold">
        {t('me_lookups_title')}
      </h2>
      <p className={`mb-2 text-sm ${muted}`}>{t('me_lookups_help')}</p>
      {profile.lookups.length === 0 ? (
        <p className={muted} data-state="no-lookups">
          {t('me_lookups_empty')}
        </p>
      ) : (
        <table className="text-sm" data-lookups>
          <thead>
            <tr>
              <th scope="col" className="pr-6 text-left">
                {t('me_lookups_month')}
              </th>
              <th scope="col" className="text-right">
                {t('me_lookups_count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {profile.lookups.map((m) => (
              <tr key={m.month}>
                <td className="pr-6">{formatMonthYear(`${m.month}-01`) ?? m.month}</td>
                <td className="text-right tabular-nums">{num(m.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function MeApp() {
  const s = useMe();
  useEffect(() => {
    void s.load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- load once
  }, []);
  const v = s.view;
  return (
    <main className="mx-auto max-w-3xl space-y-4 p-4 text-slate-900 dark:text-slate-100" aria-busy={s.status === 'loading'}>
      <header>
        <h1 className="text-xl font-semibold">{t('me_title')}</h1>
        <p className={muted}>{t('me_intro')}</p>
        {v?.status === 'ok' ? <p className={`text-sm ${muted}`}>{v.source === 'remote' ? t('me_source_remote') : t('me_source_local')}</p> : null}
      </header>
      <div aria-live="polite" className="text-sm" data-save-state={s.saveState}>
        {s.saveState === 'saved' ? t('me_saved') : s.saveState === 'error' ? <span className="text-red-800 dark:text-red-200">{t('me_save_error', s.saveError ?? '')}</span> : null}
      </div>
      {s.status === 'loading' && !v ? (
        <p data-state="loading" className={muted}>
          {t('me_loading')}
        </p>
      ) : s.status === 'error' ? (
        <StateView state="error" tone="error" title={t('me_error_title')} body={s.error} actions={<button type="button" className={buttonPrimary} onClick={() => void s.load()}>{t('me_retry')}</button>} />
      ) : v?.status === 'no-me' ? (
        <StateView state="no-me" title={t('me_no_me_title')} body={t('me_no_me_body')} actions={<button type="button" className={buttonPrimary} onClick={openOptions}>{t('me_open_options')}</button>} />
      ) : v?.status === 'missing' ? (
        <StateView state="missing" tone="warning" title={t('me_missing_title')} body={t('me_missing_body')} actions={<button type="button" className={buttonPrimary} onClick={openOptions}>{t('me_open_options')}</button>} />
      ) : v?.status === 'no-graph' ? (
        <StateView state="no-graph" title={t('me_no_graph_title')} body={t('me_no_graph_body')} actions={<button type="button" className={buttonPrimary} onClick={openOptions}>{t('me_open_options')}</button>} />
      ) : v?.profile ? (
        <div className="space-y-4" data-state="ok">
          {v.stale ? (
            <p role="status" data-state="stale" className="rounded border border-amber-300 bg-amber-50 p-2 text-sm dark:border-amber-700 dark:bg-amber-950">
              {t('me_stale')}
            </p>
          ) : null}
          {v.profile.person ? <p className="font-medium">{v.profile.person.name}</p> : null}
          <Controls profile={v.profile} topics={v.topics ?? []} />
          <Entries profile={v.profile} />
          <Lookups profile={v.profile} />
        </div>
      ) : null}
    </main>
  );
}
