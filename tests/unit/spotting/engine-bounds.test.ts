// @vitest-environment jsdom
// Bounds of the page engine (issue 10): the probing guard, the report cap, throttled reports.
import { describe, expect, it } from 'vitest';
import { generateDemoGraph } from '../../../utils/demo/generate';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { MAX_PAGE_ENTITIES } from '../../../utils/spotting/types';
import { PROBE_LIMIT, SpotEngine, type EngineReport } from '../../../utils/page/engine';
import { Matcher } from '../../../utils/spotting/matcher';
import { generic } from '../../../utils/sites/generic';
import { viaMessage } from './helpers';

const graph = generateDemoGraph({ seed: 7, scale: 0.05 });
const matcher = new Matcher(viaMessage(compileDictionary(graph, 'r1')));
const kinds = { account: true, contact: true, topic: true };
// Accounts, then contacts: more names than the probing limit and the report cap.
const entities = [...graph.accounts, ...graph.contacts];
const names = entities.map((e) => e.name);

function setup(html: string, reportDelayMs = 5) {
  document.body.innerHTML = html;
  const reports: EngineReport[] = [];
  const engine = new SpotEngine({ matcher, adapter: generic, config: { highlight: true, kinds }, onReport: (r) => reports.push(r), reportDelayMs, flushDelayMs: 1, navigationSettleMs: 1 });
  return { engine, reports };
}
const until = async (ok: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(ok(), what).toBe(true);
};
const para = (list: string[]) => list.map((n) => `<p>${n.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');

describe('probing guard', () => {
  it('text added after the first scan with more new entities than a person could write stops the engine and says so', async () => {
    const { engine, reports } = setup(`<p>${names[0]}</p>`);
    await engine.start();
    expect(reports.at(-1)!.entities.map((e) => e.id)).toContain(entities[0].id);
    const box = document.createElement('div');
    box.innerHTML = para(names.slice(1, PROBE_LIMIT + 40));
    document.body.append(box);
    await until(() => reports.some((r) => r.guarded), 'a guarded report');
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ guarded: true, entities: [] });
    expect(engine.guarded).toBe(true);
    expect(engine.isRunning).toBe(false);
    expect(engine.highlighter.counts().held).toBe(0);
    // Once stopped, it stays stopped: start() does nothing, the page's further text is not read.
    await engine.start();
    expect(engine.isRunning).toBe(false);
    engine.dispose();
  });

  it('the same names on the page from the start are no probe: the first scan reports the strongest, and how many more', async () => {
    const many = names.slice(0, MAX_PAGE_ENTITIES + 60);
    const { engine, reports } = setup(para(many));
    await engine.start();
    const r = reports.at(-1)!;
    expect(r.guarded).toBeUndefined();
    expect(r.entities).toHaveLength(MAX_PAGE_ENTITIES);
    // At least the 60 names beyond the cap (a contact's name can also name another entity).
    expect(r.more).toBeGreaterThanOrEqual(60);
    const before = r.more!;
    // A few new names later are fine.
    const p = document.createElement('p');
    p.textContent = names[MAX_PAGE_ENTITIES + 100];
    document.body.append(p);
    await until(() => (reports.at(-1)!.more ?? 0) > before, 'the new name counted');
    expect(engine.guarded).toBe(false);
    engine.dispose();
  });
});

describe('reports are throttled, not debounced', () => {
  it('a page whose text changes every 10 ms still reports a new name while it keeps changing', async () => {
    const { engine, reports } = setup('<p id="clock">0</p>', 50);
    await engine.start();
    const clock = document.getElementById('clock')!;
    let ticks = 0;
    const ticker = setInterval(() => {
      clock.textContent = String(++ticks);
    }, 10);
    try {
      const p = document.createElement('p');
      p.textContent = names[3];
      document.body.append(p);
      await until(() => reports.some((r) => r.entities.some((e) => e.id === entities[3].id)), 'the new name reported');
    } finally {
      clearInterval(ticker);
    }
    engine.dispose();
  });
});
