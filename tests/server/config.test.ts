/** The service's configuration: clear refusals, and every setting documented in the README and in `help`. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENV_DOCS, loadConfig } from '../../server/config';

describe('server configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kenner-config-'));
  const tokens = join(dir, 'tokens.json');
  writeFileSync(tokens, JSON.stringify({ 'a-token-of-sixteen-chars': 'Ada@Corp.example' }));

  it('refuses to serve when nobody could sign in, and names what to set', () => {
    expect(() => loadConfig({})).toThrow(ConfigError);
    expect(() => loadConfig({})).toThrow(/OIDC_ISSUER and OIDC_AUDIENCE, or KENNER_STATIC_TOKENS/);
    // The import command needs no sign-in.
    expect(loadConfig({}, { serve: false }).dataDir).toBe('.data');
  });

  it.each([
    [{ KENNER_STATIC_TOKENS: tokens, PORT: 'eighty' }, /PORT/],
    [{ KENNER_STATIC_TOKENS: tokens, DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres:\/\//],
    [{ OIDC_ISSUER: 'https://login.example' }, /go together/],
    [{ KENNER_STATIC_TOKENS: join(dir, 'missing.json') }, /cannot read .*missing\.json/],
    [{ KENNER_STATIC_TOKENS: tokens, KENNER_VISIBILITY: tokens }, /KENNER_VISIBILITY: field/],
    [{ KENNER_STATIC_TOKENS: tokens, KENNER_WORKERS: 'many' }, /KENNER_WORKERS: a number of processes, or "auto"/],
    // The embedded database is opened by one process: several workers need a PostgreSQL server.
    [{ KENNER_STATIC_TOKENS: tokens, KENNER_WORKERS: '2' }, /KENNER_WORKERS: 2 processes need DATABASE_URL/],
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads static tokens (emails in lower case), admins and the demo default', () => {
    const c = loadConfig({ KENNER_STATIC_TOKENS: tokens, KENNER_ADMINS: 'Root@Corp.example, it@corp.example' });
    expect([...c.staticTokens]).toEqual([['a-token-of-sixteen-chars', 'ada@corp.example']]);
    expect([...c.admins]).toEqual(['root@corp.example', 'it@corp.example']);
    expect(c.demo).toBe(true);
    expect(loadConfig({ KENNER_STATIC_TOKENS: tokens, DATABASE_URL: 'postgres://db/k' }).demo).toBe(false);
    expect(c.workers).toBe(1);
    expect(loadConfig({ KENNER_STATIC_TOKENS: tokens, DATABASE_URL: 'postgres://db/k', KENNER_WORKERS: '3' }).workers).toBe(3);
    expect(loadConfig({ KENNER_STATIC_TOKENS: tokens, DATABASE_URL: 'postgres://db/k', KENNER_WORKERS: 'auto' }).workers).toBe(availableParallelism());
  });

  it('documents every setting in the README table and in `npm run server -- help`', () => {
    const readme = readFileSync('README.md', 'utf8');
    const help = spawnSync('npx', ['tsx', 'server/main.ts', 'help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const [name, dflt] of ENV_DOCS) {
      expect(readme).toContain(`| \`${name}\` | ${dflt} |`);
      expect(help.stdout).toContain(name);
    }
    // And the contract's names (shared/design/contract.md) are among them.
    for (const name of ['PORT', 'DATABASE_URL', 'KENNER_DATA_DIR', 'KENNER_STATIC_TOKENS', 'OIDC_ISSUER', 'OIDC_AUDIENCE']) expect(ENV_DOCS.map((e) => e[0])).toContain(name);
  });
});
