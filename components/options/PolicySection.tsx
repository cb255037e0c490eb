/**
 * Administrator policy: every key the policy schema knows (utils/settings/
 * policy.ts), each with its value in force or "not set", which settings it
 * locks, the extension's id and a ready example (Chrome's JSON policy and a
 * Windows registry file) derived from the same schema.
 */
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '@/utils/i18n';
import { formatNumber } from '@/components/common/graph-summary';
import { POLICY_KEYS, SECRET_POLICY_KEYS, type PolicyKey } from '@/utils/settings/policy';
import { chromePolicyJson, windowsRegistry } from '@/utils/settings/policy-example';
import type { EffectiveSettings } from '@/utils/messaging/protocol';
import { SettingsPending } from './SettingsPending';
import { useOptions } from './store';
import { btn, card, Empty, LockIcon, muted, Section } from './ui';
import { TransparencyCard, WorksCouncilCard } from './WorksCouncilSection';

const KEY_LABEL: Record<EffectiveSettings['locked'][number] | PolicyKey, MessageKey> = {
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
  allowPause: 'opt_policy_key_pausedHosts',
  graphServiceUrl: 'opt_policy_key_graphServiceUrl',
  graphServiceToken: 'opt_policy_key_graphServiceToken',
  tenantId: 'opt_policy_key_tenantId',
  clientId: 'opt_policy_key_clientId',
  worksCouncil: 'opt_policy_key_worksCouncil',
};

/** A policy value in words: yes/no, numbers in the UI language, lists joined, objects as key: value. */
function valueText(key: string, value: unknown): string {
  if (SECRET_POLICY_KEYS.has(key)) return t('opt_policy_secret_set');
  if (typeof value === 'boolean') return value ? t('opt_yes') : t('opt_no');
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' && 'pattern' in v ? String((v as { pattern: unknown }).pattern) : valueText('', v))).join(', ');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}: ${valueText('', v)}`).join(', ');
  return String(value);
}

function Example({ id, title, text }: { id: string; title: string; text: string }) {
  const [copied, setCopied] = useState<'ok' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard.writeText(text).then(
      () => setCopied('ok'),
      () => setCopied('failed'),
    );
  return (
    <details className="mt-2" data-policy-example={id}>
      <summary className="cursor-pointer font-medium">{title}</summary>
      <pre tabIndex={0} aria-label={title} className="mt-2 max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
        {text}
      </pre>
      <div className="mt-1 flex items-center gap-2">
        <button type="button" className={btn} onClick={() => void copy()}>
          {t('opt_policy_copy')}
        </button>
        <span role="status" className={`text-sm ${muted}`}>
          {copied === 'ok' ? t('card_copied') : copied === 'failed' ? t('card_copy_failed') : ''}
        </span>
      </div>
    </details>
  );
}

export function PolicySection() {
  const settings = useOptions((s) => s.settings);
  if (settings.status !== 'ready') return <SettingsPending id="policy" title={t('opt_nav_policy')} />;
  const { policy, locked } = settings.value;
  const values = policy.values ?? {};
  const refused = new Set((policy.refused ?? []).map((r) => r.key));
  const extensionId = browser.runtime.id ?? '';
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
        <h3 className="mb-2 font-semibold">{t('opt_policy_keys_title')}</h3>
        <table className="w-full border-collapse text-left text-sm" data-testid="policy-keys">
          <caption className={`mb-2 text-left ${muted}`}>{t('opt_policy_keys_caption', [formatNumber(POLICY_KEYS.length)])}</caption>
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-600">
              <th scope="col" className="py-1 pr-4">{t('opt_policy_key')}</th>
              <th scope="col" className="py-1 pr-4">{t('opt_policy_meaning')}</th>
              <th scope="col" className="py-1">{t('opt_policy_value')}</th>
            </tr>
          </thead>
          <tbody>
            {POLICY_KEYS.map((k) => {
              const set = Object.hasOwn(values, k);
              return (
                <tr key={k} data-policy-key={k} data-set={set} className="border-b border-slate-200 align-top dark:border-slate-700">
                  <th scope="row" className="py-1 pr-4 font-mono font-normal">{k}</th>
                  <td className="py-1 pr-4">{t(KEY_LABEL[k])}</td>
                  <td className="break-all py-1">
                    {set ? valueText(k, values[k]) : <span className={muted}>{t('opt_policy_not_set')}</span>}
                    {refused.has(k) ? <span className="ml-1 text-amber-900 dark:text-amber-200">({t('opt_policy_refused_short')})</span> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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
      <WorksCouncilCard eff={settings.value} />
      <TransparencyCard eff={settings.value} />
      <div className={card}>
        <h3 className="mb-2 font-semibold">{t('opt_policy_example_title')}</h3>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className={muted}>{t('opt_policy_extension_id')}</dt>
          <dd className="break-all font-mono" data-testid="extension-id">
            {extensionId}
          </dd>
        </dl>
        <p className={`mt-2 text-sm ${muted}`}>{t('opt_policy_example_help')}</p>
        <Example id="json" title={t('opt_policy_example_json')} text={chromePolicyJson(extensionId)} />
        <Example id="reg" title={t('opt_policy_example_reg')} text={windowsRegistry(extensionId)} />
      </div>
    </Section>
  );
}
