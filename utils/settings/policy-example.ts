/**
 * A ready policy for the administrator (options page → Policy): one example
 * value for every key of the policy schema (policy.ts), typed so that a key
 * added there without an example here is a compile error; a unit test checks
 * that the example passes the schema with nothing refused and matches
 * public/managed_schema.json. Written out as Chrome's JSON policy file
 * (Linux, /etc/opt/chrome/policies/managed/) and as a Windows .reg file;
 * objects and lists go into the registry as JSON strings, as Chrome reads
 * them for extensions (chromium.org, "Configuring Apps and Extensions by
 * Policy").
 */
import type { Policy, PolicyKey } from './policy';

export const POLICY_EXAMPLE: { [K in PolicyKey]-?: NonNullable<Policy[K]> } = {
  sites: { salesforce: true, dynamics: true, zendesk: true, outlook: true, '*': false },
  customSites: [{ pattern: 'https://crm.example.com/*', label: 'Our CRM' }],
  highlight: true,
  hoverCard: true,
  kinds: { account: true, contact: true, topic: true },
  logRetentionDays: 30,
  tenants: ['example.my.salesforce.com', 'example.zendesk.com'],
  meId: 'p-12345',
  allowImport: false,
  allowDemo: false,
  allowPause: true,
  graphSource: 'remote',
  graphServiceUrl: 'https://kenner.example.com',
  graphServiceToken: 'paste-the-service-token-here',
  tenantId: '00000000-0000-0000-0000-000000000000',
  clientId: '00000000-0000-0000-0000-000000000000',
  worksCouncil: { enabled: true, minGroupSize: 5, lookBackMonths: 24, retentionDays: 30, colleagueDefault: 'shown-unless-opted-out' },
};

/** Chrome's JSON policy (Linux: /etc/opt/chrome/policies/managed/kenner.json). */
export function chromePolicyJson(extensionId: string, example: Record<string, unknown> = POLICY_EXAMPLE): string {
  return JSON.stringify({ '3rdparty': { extensions: { [extensionId]: example } } }, null, 2);
}

const regString = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/** A Windows registry file for Chrome (HKLM); Edge reads the same under Microsoft\Edge. */
export function windowsRegistry(extensionId: string, example: Record<string, unknown> = POLICY_EXAMPLE): string {
  const lines = ['Windows Registry Editor Version 5.00', '', `[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${extensionId}\\policy]`];
  for (const [key, value] of Object.entries(example)) {
    if (typeof value === 'boolean') lines.push(`${regString(key)}=dword:${value ? '00000001' : '00000000'}`);
    else if (typeof value === 'number' && Number.isInteger(value) && value >= 0) lines.push(`${regString(key)}=dword:${value.toString(16).padStart(8, '0')}`);
    else if (typeof value === 'string') lines.push(`${regString(key)}=${regString(value)}`);
    else lines.push(`${regString(key)}=${regString(JSON.stringify(value))}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}
