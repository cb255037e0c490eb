/** On the page: highlighting, which kinds to detect, hover card. */
import { t } from '@/utils/i18n';
import { SettingsPending } from './SettingsPending';
import { useOptions } from './store';
import { card, ErrorNote, LockNote, Section, Switch } from './ui';

export function PageSection() {
  const settings = useOptions((s) => s.settings);
  const update = useOptions((s) => s.update);
  const saveError = useOptions((s) => s.saveError);
  if (settings.status !== 'ready') return <SettingsPending id="page" title={t('opt_nav_page')} />;
  const { settings: s, locked } = settings.value;
  const kindsLocked = locked.includes('kinds');
  return (
    <Section id="page" title={t('opt_nav_page')} intro={t('opt_page_intro')}>
      {saveError ? <ErrorNote message={saveError} /> : null}
      <div className={`${card} divide-y divide-slate-200 dark:divide-slate-700`}>
        {/* One switch per setting: the same component with each setting's words. */}
        <Switch
          label={t('opt_page_highlight')}
          description={t('opt_page_highlight_help')}
          checked={s.highlight}
          locked={locked.includes('highlight')}
          onChange={(highlight) => void update({ highlight })}
        />
        <Switch
          label={t('opt_page_hover')}
          description={t('opt_page_hover_help')}
          checked={s.hoverCard}
          locked={locked.includes('hoverCard')}
          onChange={(hoverCard) => void update({ hoverCard })}
        />
      </div>
      <fieldset className={card}>
        <legend className="px-1 font-semibold">{t('opt_page_kinds')}</legend>
        {kindsLocked ? <LockNote /> : null}
        <div className="divide-y divide-slate-200 dark:divide-slate-700">
          {(['account', 'contact', 'topic'] as const).map((kind) => (
            <Switch
              key={kind}
              label={t(`opt_page_kind_${kind}`)}
              description={t(`opt_page_kind_${kind}_help`)}
              checked={s.kinds[kind]}
              locked={kindsLocked}
              onChange={(on) => void update({ kinds: { ...s.kinds, [kind]: on } })}
            />
          ))}
        </div>
      </fieldset>
    </Section>
  );
}
