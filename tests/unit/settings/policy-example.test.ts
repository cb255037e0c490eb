/**
 * The options page's ready policy example (utils/settings/policy-example.ts):
 * every key of the policy schema, each value accepted by it (nothing refused),
 * every key declared in public/managed_schema.json, and the registry file
 * typed the way Chrome reads extension policy on Windows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicy, POLICY_KEYS } from '../../../utils/settings/policy';
import { chromePolicyJson, POLICY_EXAMPLE, windowsRegistry } from '../../../utils/settings/policy-example';

const ID = 'abcdefghijklmnopabcdefghijklmnop';

describe('policy example', () => {
  it('has every key, and the schema accepts every value', () => {
    expect(Object.keys(POLICY_EXAMPLE).sort()).toEqual([...POLICY_KEYS].sort());
    const { policy, refused } = parsePolicy(POLICY_EXAMPLE);
    expect(refused).toEqual([]);
    expect(Object.keys(policy).sort()).toEqual([...POLICY_KEYS].sort());
    const managed = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(managed.properties).sort()).toEqual([...POLICY_KEYS].sort());
  });

  it('Chrome JSON names the extension id and round-trips to the example', () => {
    const json = JSON.parse(chromePolicyJson(ID)) as { '3rdparty': { extensions: Record<string, unknown> } };
    expect(json['3rdparty'].extensions[ID]).toEqual(POLICY_EXAMPLE);
  });

  it('the registry file types booleans and integers as DWORD, strings as REG_SZ, objects as JSON strings', () => {
    const reg = windowsRegistry(ID);
    expect(reg.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
    expect(reg).toContain(`[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\3rdparty\\extensions\\${ID}\\policy]`);
    expect(reg).toContain('"allowImport"=dword:00000000');
    expect(reg).toContain('"highlight"=dword:00000001');
    expect(reg).toContain('"logRetentionDays"=dword:0000001e');
    expect(reg).toContain('"graphSource"="remote"');
    const tenants = reg.split('\r\n').find((l) => l.startsWith('"tenants"='))!;
    // Unescape the .reg string and it is the JSON of the list.
    const inner = tenants.slice('"tenants"="'.length, -1).replace(/\\(.)/g, '$1');
    expect(JSON.parse(inner)).toEqual(POLICY_EXAMPLE.tenants);
  });
});
