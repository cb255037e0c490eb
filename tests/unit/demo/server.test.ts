import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GMAIL_THREAD_ID, listDemoPages, startDemoServer } from '../../../scripts/demo-server.mjs';

let server: Awaited<ReturnType<typeof startDemoServer>>;
beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

const get = async (path: string) => {
  const res = await fetch(`${server.url}${path}`, { redirect: 'manual' });
  return { status: res.status, type: res.headers.get('content-type') ?? '', location: res.headers.get('location'), text: await res.text() };
};
const titleOf = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

describe('demo server', () => {
  it('serves an index titled "Kenner demo pages" that links every page', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(titleOf(r.text)).toBe('Kenner demo pages');
    for (const p of listDemoPages()) expect(r.text).toContain(`href="${p.url.replace(/&/g, '&amp;')}"`);
  });

  it('lists the pages with their expectation files at /__pages.json', async () => {
    const r = await get('/__pages.json');
    expect(r.type).toContain('application/json');
    const list = JSON.parse(r.text) as { name: string; url: string; expected: string }[];
    expect(list.map((p) => p.name)).toContain('salesforce/account');
    for (const p of list) {
      const e = await get(p.expected);
      expect(e.status, p.expected).toBe(200);
      expect((JSON.parse(e.text) as { url: string }).url).toBe(p.url);
    }
  });

  it('serves each page at a URL shaped like the real site', async () => {
    const expectTitle = async (path: string, title: RegExp) => {
      const r = await get(path);
      expect(r.status, path).toBe(200);
      expect(r.type).toContain('text/html');
      expect(titleOf(r.text), path).toMatch(title);
    };
    await expectTitle('/lightning/r/Account/0015g00000NRDLCHAA/view', /Nordlicht Logistik GmbH \| Account/);
    // Any account id is served by the Lightning shell, which renders the record the URL names.
    await expectTitle('/lightning/r/Account/0015g00000HAVBRYAA/view', /Account \| Salesforce/);
    await expectTitle('/lightning/r/Opportunity/0065g00000NRDOPPAA/view', /Opportunity/);
    await expectTitle('/contacts/26000000/record/0-2/9100003', /Van Dijk Installatietechniek B\.V\./);
    await expectTitle('/main.aspx?appid=8d2a4f8e-2b1c-4e6f-9a0e-5c4d3b2a1f00&pagetype=entityrecord&etn=account&id=7c9e6679-7425-40de-944b-e07fc1f90ae7', /Solvik Energi AB/);
    await expectTitle('/agent/tickets/48213', /#48213/);
    await expectTitle('/a/tickets/10234', /#10234/);
    await expectTitle('/mail/u/0/', /Inbox/);
    await expectTitle('/mail/inbox/id/AAQkAGI2', /Outlook/);
    await expectTitle('/generic/not-enabled', /Harbour Chronicle/);
    for (const p of listDemoPages()) expect((await get(p.url)).status, p.url).toBe(200);
  });

  it('redirects /mail/u/0/thread to the Gmail thread hash', async () => {
    const r = await get('/mail/u/0/thread');
    expect(r.status).toBe(302);
    expect(r.location).toBe(`/mail/u/0/#inbox/${GMAIL_THREAD_ID}`);
  });

  it('answers unknown paths and escapes from the pages folder with 404', async () => {
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/__pages/../../package.json')).status).toBe(404);
    expect((await get('/__pages/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/main.aspx?pagetype=dashboard')).status).toBe(404);
  });

  it('serves HTTPS with a throw-away self-signed certificate', async () => {
    const s = await startDemoServer({ https: true });
    try {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((ok, fail) => {
        https
          .get(`${s.url}/agent/tickets/48213`, { rejectUnauthorized: false }, (res) => {
            let data = '';
            res.setEncoding('utf8');
            res.on('data', (c) => (data += c));
            res.on('end', () => ok(data));
          })
          .on('error', fail);
      });
      expect(titleOf(body)).toMatch(/#48213/);
    } finally {
      await s.close();
    }
  });
});
