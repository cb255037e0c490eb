// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('wxt/browser', async () => {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  return { browser: fakeBrowser, default: fakeBrowser };
});
const { sendMessage, startImport } = vi.hoisted(() => ({
  sendMessage: vi.fn(),
  // As the options page calls it (always with options); the tests resolve `done` with whatever result they play.
  startImport: vi.fn<(files: File[], opts: StartImportOptions) => { done: Promise<unknown>; cancel(): void }>(),
}));
vi.mock('@/utils/messaging/protocol', () => ({ sendMessage }));
vi.mock('@/utils/messaging/import-port', () => ({ startImport }));

import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { App } from '@/components/options/App';
import { useOptions } from '@/components/options/store';
import type { DismissedMark, EffectiveSettings, MessageData } from '@/utils/messaging/protocol';
import type { StartImportOptions } from '@/utils/messaging/import-port';
import { DEFAULT_SETTINGS } from '@/utils/settings/items';
import { setLocale } from './reasons-i18n';
import { until } from './act-helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let effective: EffectiveSettings;
let graph: unknown;
/** What getGraphInfo fails with until the graph is deleted (null: it answers). */
let graphError: string | null = null;
let marks: DismissedMark[] = [];
function backend(name: string, data: unknown): Promise<unknown> {
  switch (name) {
    case 'getEffectiveSettings':
      return Promise.resolve(effective);
    case 'getGraphInfo':
      return graphError === null ? Promise.resolve(graph) : Promise.reject(new Error(graphError));
    case 'deleteGraph':
      graphError = null;
      graph = null;
      return Promise.resolve();
    case 'updateSettings': {
      const patch = data as MessageData<'updateSettings'>;
      const refused = Object.keys(patch).filter((k) => effective.locked.includes(k as never));
      if (refused.length) return Promise.reject(new Error(`Set by your organisation's administrator: ${refused.join(', ')}`));
      effective = { ...effective, settings: { ...effective.settings, ...patch } };
      return Promise.resolve(effective);
    }
    case 'getLookupLog':
      return Promise.resolve([{ at: '2026-11-20T10:00:00Z', site: 'salesforce', entities: [{ kind: 'account', id: 'a', name: 'Nordlicht Logistik GmbH' }], source: 'local' }]);
    case 'getDiagnostics':
      return Promise.resolve([]);
    case 'getMe':
      return Promise.resolve({ meId: null, person: null, proposal: null });
    case 'listDismissed':
      return Promise.resolve(marks);
    case 'dismissSuggestion': {
      const d = data as MessageData<'dismissSuggestion'>;
      if (d.undo) marks = marks.filter((m) => !(m.personId === d.personId && m.entityId === d.entityId));
      return Promise.resolve();
    }
    default:
      return Promise.reject(new Error(`unexpected ${name}`));
  }
}

let root: Root;
let host: HTMLDivElement;
const initial = useOptions.getState();
const status = () => host.querySelector('[role="status"]')!;
const button = (name: string) => [...host.querySelectorAll('button')].find((b) => b.textContent === name);

async function mount(hash: string, graphStatus: 'ready' | 'error' = 'ready') {
  location.hash = hash;
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root.render(<App />));
  await until(() => useOptions.getState().settings.status === 'ready' && useOptions.getState().graph.status === graphStatus);
}

async function choose(files: File[]) {
  const input = host.querySelector<HTMLInputElement>('#import-file')!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  await act(async () => input.dispatchEvent(new Event('change', { bubbles: true })));
}

beforeEach(() => {
  setLocale('en');
  effective = { settings: { ...DEFAULT_SETTINGS }, locked: [], policy: { allowImport: true, allowDemo: true } };
  graph = null;
  graphError = null;
  marks = [];
  sendMessage.mockReset();
  sendMessage.mockImplementation(backend);
  startImport.mockReset();
  useOptions.setState(initial, true);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

describe('options: Data', () => {
  it('imports on change, shows progress and Cancel, then what the graph holds in role=status', async () => {
    let finish!: (r: unknown) => void;
    const cancel = vi.fn();
    startImport.mockImplementation((_files: File[], opts: StartImportOptions) => {
      opts.onProgress?.({ phase: 'reading', records: 1234, bytesRead: 50, bytesTotal: 100, elapsedMs: 2000 });
      return { done: new Promise((r) => (finish = r)), cancel };
    });
    await mount('#data');
    const label = host.querySelector('label[for="import-file"]');
    expect(label?.textContent).toBe('Import company graph');
    const input = host.querySelector<HTMLInputElement>('#import-file')!;
    expect(input.multiple).toBe(true);
    expect(input.accept).toBe('.json,.jsonl,.ndjson,.csv');
    await choose([new File(['{}'], 'graph.json')]);
    await until(() => startImport.mock.calls.length === 1);
    expect(startImport.mock.calls[0][1].mode).toBe('replace');
    await until(() => host.querySelector('progress') !== null);
    expect(host.textContent).toContain('Importing: 1,234 records read · about 2 seconds left');
    await act(async () => button('Cancel')!.click());
    expect(cancel).toHaveBeenCalled();
    graph = { source: 'import', loadedAt: new Date().toISOString(), counts: { people: 12, accounts: 7, contacts: 6, topics: 6, interactions: 28 }, revision: 'r2', files: ['graph.json'] };
    await act(async () => finish({ ok: true, counts: { people: 12, accounts: 7, contacts: 6, topics: 6, interactions: 28 } }));
    await until(() => status().textContent.includes('holds'));
    expect(status().textContent).toBe('Import finished. The graph now holds 12 people, 7 accounts, 6 contacts, 6 topics, and 28 interactions.');
    expect(host.querySelector('progress')).toBeNull();
    await until(() => host.querySelector('[data-testid="graph-counts"]') !== null);
  });

  it('lists the errors with file and line, in merge mode when chosen', async () => {
    startImport.mockImplementation(() => ({
      done: Promise.resolve({ ok: false, errors: [{ file: 'people.csv', line: 2, column: 2, field: 'name', code: 'missing', params: { field: 'name' }, message: 'people.csv line 2: "name" is missing (column 2)' }] }),
      cancel: vi.fn(),
    }));
    await mount('#data');
    await act(async () => host.querySelector<HTMLInputElement>('input[value="merge"]')!.click());
    await choose([new File(['id,name\np1,\n'], 'people.csv')]);
    await until(() => status().textContent.includes('failed'));
    expect(startImport.mock.calls[0][1].mode).toBe('merge');
    expect(status().querySelectorAll('li')).toHaveLength(1);
    // Localised by code (import_err_missing), with the place in front.
    expect(status().querySelector('li')!.textContent).toBe('people.csv, line 2, column 2: "name" is missing');
    setLocale('de');
    await act(async () => host.querySelector<HTMLInputElement>('input[value="replace"]')!.click());
    await choose([new File(['id,name\np1,\n'], 'people.csv')]);
    await until(() => status().textContent.includes('fehlgeschlagen'));
    expect(status().querySelector('li')!.textContent).toMatch(/^people\.csv, Zeile 2, Spalte 2: /);
  });

  it('asks for columns before importing a CRM report, then passes the mapping', async () => {
    startImport.mockImplementation(() => ({ done: Promise.resolve({ ok: true, counts: { people: 0, accounts: 1, contacts: 0, topics: 0, interactions: 0 } }), cancel: vi.fn() }));
    await mount('#data');
    const { bindImporter } = await import('@/components/options/bind-importer');
    bindImporter();
    await choose([new File(['Account Name,Website,Account Owner Email\nNordlicht Logistik GmbH,nordlicht-logistik.de,x@y.example\n'], 'report.csv')]);
    await until(() => button('Import with these columns') !== undefined);
    expect(startImport).not.toHaveBeenCalled();
    await act(async () => button('Import with these columns')!.click());
    await until(() => startImport.mock.calls.length === 1);
    expect(startImport.mock.calls[0][1].mappings).toEqual({
      'report.csv': { type: 'account', columns: { id: 'Account Name', name: 'Account Name', domains: 'Website', ownerEmail: 'Account Owner Email' } },
    });
    await until(() => status().textContent.includes('1 account'));
  });

  it('says why the stored graph cannot be opened, and offers to delete it', async () => {
    // The background's words for a failed upgrade (utils/store/open-error.ts).
    graphError = 'Kenner could not open the graph stored in this browser (QuotaExceededError: the disk is full). It was left as it was.';
    await mount('#data', 'error');
    const alerts = () => [...host.querySelectorAll('[role="alert"]')].map((a) => a.textContent);
    expect(alerts()).toContain('That did not work: Kenner could not open the graph stored in this browser (QuotaExceededError: the disk is full). It was left as it was.Try again');
    expect(button('Try again')).toBeDefined();
    const remove = button('Delete local graph')!;
    expect(remove.disabled).toBe(false);
    await act(async () => remove.click());
    const confirm = [...document.querySelectorAll('dialog button, [role="dialog"] button')].find((b) => b.textContent === 'Delete local graph') as HTMLButtonElement;
    await act(async () => confirm.click());
    await until(() => sendMessage.mock.calls.some(([name]) => name === 'deleteGraph'));
    await until(() => useOptions.getState().graph.status === 'ready');
    expect(alerts().filter((a) => a?.includes('could not open'))).toEqual([]);
    expect(host.textContent).toContain('No company graph yet.');
    expect(button('Delete local graph')!.disabled).toBe(true);
  });

  it('hides import and demo when policy forbids them', async () => {
    effective = { ...effective, locked: ['allowImport', 'allowDemo'], policy: { allowImport: false, allowDemo: false } };
    await mount('#data');
    expect(host.querySelector('#import-file')).toBeNull();
    expect(button('Try the demo')).toBeUndefined();
    expect(host.textContent).toContain("Set by your organisation's administrator");
  });
});

describe('options: "not relevant" marks', () => {
  it('lists each mark (colleague and entity) with an undo per item; focus moves to the next item', async () => {
    marks = [
      { personId: 'p-lars', entityId: 't-edi', personName: 'Lars Møller', entityName: 'EDI integration' },
      { personId: 'p-lars', entityId: 'a-havbryggen', personName: 'Lars Møller', entityName: 'Havbryggen Shipping A/S' },
      { personId: 'p-zoe', entityId: 't-edi' },
    ];
    await mount('#me');
    const list = () => host.querySelector('[data-dismissed-list]')!;
    await until(() => list().querySelectorAll('li').length === 3);
    const items = () => [...list().querySelectorAll('li')].map((li) => li.firstChild!.textContent);
    // Names as shown when marked; an old mark without names shows its ids.
    expect(items()).toEqual(['Lars Møller for EDI integration', 'Lars Møller for Havbryggen Shipping A/S', 'p-zoe for t-edi']);
    const undo = list().querySelector<HTMLButtonElement>('button[aria-label="Undo: show Lars Møller for EDI integration again"]')!;
    await act(async () => undo.click());
    await until(() => list().querySelectorAll('li').length === 2);
    expect(sendMessage).toHaveBeenCalledWith('dismissSuggestion', { personId: 'p-lars', entityId: 't-edi', undo: true });
    expect(items()).toEqual(['Lars Møller for Havbryggen Shipping A/S', 'p-zoe for t-edi']);
    expect(list().textContent).toContain('Lars Møller is shown for EDI integration again.');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Undo: show Lars Møller for Havbryggen Shipping A/S again');
  });

  it('says when nothing is marked', async () => {
    await mount('#me');
    await until(() => host.querySelector('[data-dismissed-list]')?.textContent?.includes('Nothing is marked as not relevant.') ?? false);
  });
});

describe('options: administrator policy', () => {
  it('names each refused policy key and why, beside the keys still in force', async () => {
    effective = {
      ...effective,
      settings: { ...effective.settings, logRetentionDays: 0 },
      locked: ['logRetentionDays', 'highlight'],
      policy: { allowImport: true, allowDemo: true, refused: [{ key: 'logRetentionDays', reason: 'Too big: expected number to be <=3650' }] },
    };
    await mount('#policy');
    await until(() => !!host.querySelector('[data-testid="policy-refused"]'));
    const refused = host.querySelector('[data-testid="policy-refused"]');
    expect(refused?.getAttribute('role')).toBe('alert');
    expect(refused?.textContent).toContain('logRetentionDays: Too big: expected number to be <=3650. Its most restrictive value is in force');
    expect(refused?.querySelectorAll('li')).toHaveLength(1);
    expect(host.textContent).toContain('Highlight');
  });

  it('lists every policy key of the schema with its value in force or "not set", the extension id and a ready example', async () => {
    const { POLICY_KEYS } = await import('@/utils/settings/policy');
    effective = {
      ...effective,
      locked: ['highlight', 'graphSource'],
      policy: { allowImport: false, allowDemo: false, values: { highlight: false, allowImport: false, logRetentionDays: 1200, graphServiceToken: true, tenants: ['acme.zendesk.com'] } },
    };
    await mount('#policy');
    await until(() => !!host.querySelector('[data-testid="policy-keys"]'));
    const rows = [...host.querySelectorAll<HTMLElement>('[data-policy-key]')];
    expect(rows.map((r) => r.dataset.policyKey)).toEqual(POLICY_KEYS);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const value = (k: string) => host.querySelector(`[data-policy-key="${k}"] td:last-child`)!.textContent;
    expect(value('highlight')).toBe('No');
    expect(value('logRetentionDays')).toBe('1,200');
    expect(value('tenants')).toBe('acme.zendesk.com');
    // A secret is named as set, never shown.
    expect(value('graphServiceToken')).toBe('set (not shown)');
    expect(value('hoverCard')).toBe('not set');
    expect(value('clientId')).toBe('not set');
    const id = host.querySelector('[data-testid="extension-id"]')!.textContent;
    expect(id).toBe(fakeBrowser.runtime.id);
    const json = JSON.parse(host.querySelector('[data-policy-example="json"] pre')!.textContent) as { '3rdparty': { extensions: Record<string, Record<string, unknown>> } };
    expect(Object.keys(json['3rdparty'].extensions[id]).sort()).toEqual([...POLICY_KEYS].sort());
    const reg = host.querySelector('[data-policy-example="reg"] pre')!.textContent;
    expect(reg).toContain(`\\3rdparty\\extensions\\${id}\\policy]`);
    for (const k of POLICY_KEYS) expect(reg).toContain(`"${k}"=`);
  });

  it('shows no refusal when the policy is valid', async () => {
    effective = { ...effective, locked: ['highlight'] };
    await mount('#policy');
    // The section has rendered what is in force (its locked list) before we look for the refusal.
    await until(() => !!host.querySelector('#policy-title') && host.textContent.includes('Locked settings'));
    expect(host.querySelector('[data-testid="policy-refused"]')).toBeNull();
  });
});

describe('options: locked settings', () => {
  it('shows the lock and disables the control; unlocked ones save', async () => {
    effective = { ...effective, locked: ['highlight'] };
    await mount('#page');
    const sw = (name: string) => {
      const label = [...host.querySelectorAll('label')].find((l) => l.textContent === name)!;
      return document.getElementById(label.htmlFor) as HTMLInputElement;
    };
    expect(sw('Highlight names').disabled).toBe(true);
    expect(sw('Highlight names').getAttribute('aria-describedby')).toBeTruthy();
    expect(host.textContent).toContain("Set by your organisation's administrator");
    expect(sw('Hover card').disabled).toBe(false);
    await act(async () => sw('Hover card').click());
    await until(() => effective.settings.hoverCard === false);
    expect(sendMessage).toHaveBeenCalledWith('updateSettings', { hoverCard: false });
  });

  it('deep-links by hash and lists the lookup log', async () => {
    await mount('#privacy');
    await until(() => host.querySelector('table') !== null);
    expect(host.querySelector('h2')?.textContent).toBe('Privacy');
    expect(host.querySelector('nav a[aria-current="page"]')?.getAttribute('href')).toBe('#privacy');
    expect(host.querySelector('tbody')?.textContent).toContain('Nordlicht Logistik GmbH');
  });
});

describe('options: custom sites', () => {
  it('asks the browser for the permission, then saves the pattern', async () => {
    const request = vi.fn().mockResolvedValue(true);
    fakeBrowser.permissions.request = request;
    await mount('#sites');
    const input = [...host.querySelectorAll('input')].find((i) => i.placeholder === 'https://crm.example.com/*')!;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'crm.example.com');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button('Add site')!.click());
    await until(() => effective.settings.customSites.length === 1);
    expect(request).toHaveBeenCalledWith({ origins: ['https://crm.example.com/*'] });
    expect(effective.settings.customSites).toEqual([{ pattern: 'https://crm.example.com/*' }]);
  });
});
