/**
 * The diagnostics report (options → Diagnostics → Export) is made of an
 * allow-list of fields: whatever the inputs carry besides (hosts, file
 * names, a service's address, failure messages, "me", names), none of it
 * gets into the report.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticsReport } from '@/components/options/diagnostics-report';
import { DEFAULT_SETTINGS } from '@/utils/settings/items';
import type { SourcesOverview } from '@/utils/messaging/sources';

const remote = {
  kind: 'remote',
  configured: true,
  origin: 'https://kenner.secret-corp.example',
  signedIn: true,
  locked: false,
  syncing: false,
  sync: { completedAt: '2026-11-30T10:00:00Z', for: 'https://kenner.secret-corp.example' },
  failures: [{ at: '2026-11-30T10:00:00Z', source: 'remote', message: 'Nordlicht Logistik GmbH lookup failed' }],
  degraded: false,
  config: { url: 'https://kenner.secret-corp.example', auth: 'token' },
  permission: true,
} as unknown as NonNullable<SourcesOverview['remote']>;

describe('diagnostics report', () => {
  it('holds version and counts, and nothing the inputs carry besides', () => {
    const text = diagnosticsReport({
      version: '1.2.3',
      extensionId: 'abcdefghijklmnopabcdefghijklmnop',
      userAgent: 'Mozilla/5.0 Chrome/130',
      uiLanguage: 'de',
      now: new Date('2026-12-01T04:00:00Z'),
      graph: { source: 'import', loadedAt: '2026-11-30T09:00:00Z', counts: { people: 12, accounts: 7, contacts: 6, topics: 6, interactions: 28 }, revision: 'r9', files: ['nordlicht-customers.csv'] },
      settings: {
        settings: { ...DEFAULT_SETTINGS, meId: 'p-sofie', pausedHosts: ['private-host.example'], customSites: [{ pattern: 'https://crm.secret-corp.example/*', label: 'Secret CRM' }], tenants: ['acme.zendesk.com'] },
        locked: ['highlight'],
        policy: { allowImport: true, allowDemo: true, values: { highlight: true, graphServiceToken: true }, refused: [{ key: 'logRetentionDays', reason: 'Havbryggen is not a number' }] },
      },
      adapters: [{ adapter: 'salesforce', pagesSeen: 4, misses: { recordHeader: 1, 'Nordlicht Logistik GmbH': 2 }, textOnly: 1 }],
      sources: { active: 'remote', remote, microsoft365: null, policy: { sourceLocked: false, ownSourcesAllowed: true } },
    });
    const report = JSON.parse(text) as Record<string, unknown>;
    expect(report.version).toBe('1.2.3');
    expect(report.adapters).toEqual([{ adapter: 'salesforce', pagesSeen: 4, textOnly: 1, misses: { recordHeader: 1, '?': 2 } }]);
    expect(report.policy).toEqual({ available: true, keysSet: ['highlight', 'graphServiceToken'], refused: ['logRetentionDays'], locked: ['highlight'] });
    for (const secret of ['secret-corp', 'private-host', 'Nordlicht', 'nordlicht', 'Havbryggen', 'p-sofie', 'Secret CRM', 'acme.zendesk.com']) expect(text).not.toContain(secret);
  });
});
