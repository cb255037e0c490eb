/** Me: who the user is in the graph (never suggested to themselves; hints like shared languages). */
import { useEffect, useId, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { sendMessage, type MeInfo, type PersonHit } from '@/utils/messaging/protocol';
import type { PersonSummary } from '@/utils/ranking/types';
import { DismissedList } from './DismissedList';
import { SettingsPending } from './SettingsPending';
import { useOptions } from './store';
import { btn, card, Empty, ErrorNote, errorMessage, input, Loading, LockNote, muted, Section } from './ui';

function personLine(p: PersonSummary): string {
  return [p.title, p.department, p.location].filter(Boolean).join(' · ');
}

export function MeSection() {
  const settings = useOptions((s) => s.settings);
  const update = useOptions((s) => s.update);
  const saveError = useOptions((s) => s.saveError);
  const meId = settings.status === 'ready' ? settings.value.settings.meId : null;
  const [me, setMe] = useState<{ status: 'loading' | 'ready' | 'error' | 'missing'; person?: PersonSummary; error?: string; proposal?: MeInfo['proposal'] }>({ status: 'loading' });
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<{ status: 'idle' | 'loading' | 'ready' | 'error'; list: PersonHit[]; error?: string }>({ status: 'idle', list: [] });
  const seq = useRef(0);
  const ids = useId();

  // Who "me" is, looked up by id (never as search text); while none is chosen, the signed-in user a page showed.
  useEffect(() => {
    if (settings.status !== 'ready') return;
    let live = true;
    setMe({ status: 'loading' });
    sendMessage('getMe', {})
      .then((r) => {
        if (!live) return;
        if (!meId) setMe({ status: 'ready', proposal: r.proposal });
        else setMe(r.person && r.person.id === meId ? { status: 'ready', person: r.person } : { status: 'missing' });
      })
      .catch((e) => live && setMe({ status: 'error', error: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [meId, settings.status]);

  // Search as you type (debounced; stale answers dropped).
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setHits({ status: 'idle', list: [] });
      return;
    }
    const n = ++seq.current;
    setHits((h) => ({ status: 'loading', list: h.list }));
    const timer = setTimeout(() => {
      sendMessage('searchPeople', { query: q, limit: 8 })
        .then((list) => n === seq.current && setHits({ status: 'ready', list }))
        .catch((e) => n === seq.current && setHits({ status: 'error', list: [], error: errorMessage(e) }));
    }, 120);
    return () => clearTimeout(timer);
  }, [query]);

  if (settings.status !== 'ready') return <SettingsPending id="me" title={t('opt_nav_me')} />;
  const locked = settings.value.locked.includes('meId');

  return (
    <Section id="me" title={t('opt_nav_me')} intro={t('opt_me_intro')}>
      {saveError ? <ErrorNote message={saveError} /> : null}
      <div className={card}>
        <h3 className="mb-2 font-semibold">{t('opt_me_current')}</h3>
        {me.status === 'loading' ? (
          <Loading />
        ) : me.status === 'error' ? (
          <ErrorNote message={me.error ?? ''} />
        ) : me.status === 'missing' ? (
          <Empty>{t('opt_me_missing')}</Empty>
        ) : me.person ? (
          <div className="flex items-center justify-between gap-3">
            <div>
              <p className="font-medium">{me.person.name}</p>
              <p className={`text-sm ${muted}`}>{[me.person.email, personLine(me.person)].filter(Boolean).join(' · ')}</p>
            </div>
            <button type="button" className={btn} disabled={locked} onClick={() => void update({ meId: null })}>
              {t('opt_me_clear')}
            </button>
          </div>
        ) : me.proposal && !locked ? (
          <div data-me-proposal={me.proposal.person.id} className="flex items-center justify-between gap-3">
            <div>
              <p className={`text-sm ${muted}`}>{t('opt_me_proposal', me.proposal.host)}</p>
              <p className="font-medium">{me.proposal.person.name}</p>
              <p className={`text-sm ${muted}`}>{[me.proposal.person.email, personLine(me.proposal.person)].filter(Boolean).join(' · ')}</p>
            </div>
            <button type="button" className={btn} onClick={() => void update({ meId: me.proposal!.person.id })}>
              {t('opt_me_confirm')}
            </button>
          </div>
        ) : (
          <Empty>{t('opt_me_none')}</Empty>
        )}
        {locked ? <LockNote /> : null}
        <p className="mt-3">
          <a className="text-blue-700 underline dark:text-sky-300" href={browser.runtime.getURL('/me.html')} target="_blank" rel="noreferrer" data-open="me">
            {t('me_open')}
          </a>
        </p>
      </div>
      {!locked ? (
        <div className={card}>
          {/* A labelled field, as in the privacy and sites sections: markup, not logic. */}
          <label htmlFor={`${ids}-q`} className="mb-1 block font-medium">
            {t('opt_me_search')}
          </label>
          <input
            id={`${ids}-q`}
            type="search"
            className={`${input} w-full max-w-md`}
            value={query}
            placeholder={t('opt_me_search_placeholder')}
            autoComplete="email"
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
          <div className="mt-3" aria-live="polite">
            {hits.status === 'error' ? (
              <ErrorNote message={hits.error ?? ''} />
            ) : hits.status === 'ready' && hits.list.length === 0 ? (
              <Empty>{t('opt_me_no_match')}</Empty>
            ) : (
              <ul className="divide-y divide-slate-200 dark:divide-slate-700" aria-busy={hits.status === 'loading'}>
                {hits.list.map(({ person }) => (
                  <li key={person.id} data-person-id={person.id} className="flex items-center justify-between gap-3 py-2">
                    <div>
                      <p className="font-medium">{person.name}</p>
                      <p className={`text-sm ${muted}`}>{[person.email, personLine(person)].filter(Boolean).join(' · ')}</p>
                    </div>
                    <button
                      type="button"
                      className={btn}
                      aria-label={t('opt_me_pick_label', person.name)}
                      onClick={() => {
                        void update({ meId: person.id }).then((ok) => {
                          if (ok) {
                            setMe({ status: 'ready', person });
                            setQuery('');
                          }
                        });
                      }}
                    >
                      {t('opt_me_pick')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : null}
      <DismissedList />
    </Section>
  );
}
