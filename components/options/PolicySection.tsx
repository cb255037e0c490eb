/** Administrator policy: what is in force and which settings it locks. */
import { t, type MessageKey } from '@/utils/i18n';
import type { EffectiveSettings } from '@/utils/messaging/protocol';
import { SettingsPending } from './SettingsPending';
import { useOptions } from './store';
import { card, Empty, LockIcon, muted, Section } from './ui';

const KEY_LABEL: Record<EffectiveSettings['locked'][number], MessageKey> = {
  sites: 'opt_policy_key_sites',
  pausedHosts: 'opt_policy_key_pausedHosts',
  customSites: 'opt_policy_key_customSites',
  highlight: 'opt_policy_key_highlight',
  hoverCard: 'opt_policy_key_hoverCard',
  kinds: 'opt_policy_key_kinds',
  meId: 'opt_policy_key_meId',
  logRetentionDays: 'opt_policy_key_logRetentionDays',
  tenants: 'opt_policy_key_tenants',
  graphSource: 'opt_policy_key_graphSource',
  allowImport: 'opt_policy_key_allowImport',
  allowDemo: 'opt_policy_key_allowDemo',
};

export function PolicySection() {
  const settings = useOptions((s) => s.settings);
  if (settings.status !== 'ready') return <SettingsPending id="policy" title={t('opt_nav_policy')} />;
  const { policy, locked } = settings.value;
  const yes = t('opt_yes');
  const no = t('opt_no');
  const source = policy.graphSource
    ? `${t(`opt_policy_source_${policy.graphSource.kind}`)}${policy.graphSource.url ? ` (${policy.graphSource.url})` : ''}`
    : t('opt_policy_source_default');
  return (
    <Section id="policy" title={t('opt_nav_policy')} intro={t('opt_policy_intro')}>
      {policy.unavailable ? <p className={`text-sm ${muted}`}>{t('opt_policy_unavailable')}</p> : null}
      {policy.refused?.length ? (
        <div className={`${card} border-amber-400 dark:border-amber-500`} role="alert" data-testid="policy-refused">
          <h3 className="mb-2 font-semibold">{t('opt_policy_refused_title')}</h3>
          <ul className="space-y-1 text-sm">
            {policy.refused.map((r) => (
              <li key={r.key}>{t('opt_policy_refused_item', [r.key, r.reason])}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className={card}>
        <h3 className="mb-2 font-semibold">{t('opt_policy_effective')}</h3>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className={muted}>{t('opt_policy_allow_import')}</dt>
          <dd>{policy.allowImport ? yes : no}</dd>
          <dt className={muted}>{t('opt_policy_allow_demo')}</dt>
          <dd>{policy.allowDemo ? yes : no}</dd>
          <dt className={muted}>{t('opt_policy_graph_source')}</dt>
          <dd className="break-all">{source}</dd>
          <dt className={muted}>{t('opt_policy_tenants')}</dt>
          <dd className="break-all" data-testid="policy-tenants">
            {settings.value.settings.tenants.length ? settings.value.settings.tenants.join(', ') : t('opt_policy_tenants_any')}
          </dd>
        </dl>
      </div>
      <div className={card}>
        <h3 className="mb-2 font-semibold">{t('opt_policy_locked')}</h3>
        {locked.length === 0 ? (
          <Empty>{t('opt_policy_locked_none')}</Empty>
        ) : (
          <ul className="space-y-1 text-sm">
            {locked.map((k) => (
              <li key={k} className="flex items-center gap-2">
                <LockIcon />
                <span>{KEY_LABEL[k] ? t(KEY_LABEL[k]) : k}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Section>
  );
}
