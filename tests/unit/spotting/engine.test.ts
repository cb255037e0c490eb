// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { STORY } from '../../../utils/demo/story';
import { compileDictionary } from '../../../utils/spotting/dictionary';
import { SpotEngine, type EngineReport } from '../../../utils/page/engine';
import { Matcher } from '../../../utils/spotting/matcher';
import { generic } from '../../../utils/sites/generic';
import { viaMessage } from './helpers';

const matcher = new Matcher(viaMessage(compileDictionary(STORY, 'r1')));
const kinds = { account: true, contact: true, topic: true };

function setup(html: string) {
  document.body.innerHTML = html;
  const reports: EngineReport[] = [];
  const engine = new SpotEngine({ matcher, adapter: generic, config: { highlight: true, kinds }, onReport: (r) => reports.push(r), reportDelayMs: 5, flushDelayMs: 1, navigationSettleMs: 1 });
  return { engine, reports };
}
const ids = (r: EngineReport) => r.entities.map((e) => e.id).sort();

describe('SpotEngine (jsdom)', () => {
  it('scans text, emails and open shadow roots; skips scripts, inputs, hidden and contenteditable text', async () => {
    const { engine } = setup(`
      <p>Call with Nordlicht Logistik GmbH about the S/4HANA migration.</p>
      <div id="host"></div>
      <p>Mail: <a href="mailto:mette.hansen@havbryggen.dk">mette.hansen@havbryggen.dk</a></p>
      <script>var x = "Solvik Energi AB";</script>
      <input value="Brightwater Retail plc">
      <div hidden>Anchor Ltd</div>
      <div style="display:none">Van Dijk Installatietechniek B.V.</div>
      <div contenteditable="true">Müller Präzisionstechnik AG</div>`);
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<span>EDI integration</span>';
    await engine.start();
    const r = await engine.reportNow();
    expect(ids(r)).toEqual(['a-havbryggen', 'a-nordlicht', 'c-hansen', 't-edi', 't-s4']);
    expect(r.entities.find((e) => e.id === 'c-hansen')!.via).toBe('email');
    engine.dispose();
  });

  it('scans only what mutations add or change, forgets removed text, and navigation clears at once', async () => {
    const { engine, reports } = setup('<main><p id="a">Nothing here.</p></main>');
    await engine.start();
    expect(ids(await engine.reportNow())).toEqual([]);
    const p = document.createElement('p');
    p.textContent = 'Solvik Energi AB signed.';
    document.querySelector('main')!.appendChild(p);
    (document.getElementById('a')!.firstChild as Text).data = 'Now Brightwater Retail plc too.';
    await new Promise((r) => setTimeout(r, 10));
    expect(ids(await engine.reportNow())).toEqual(['a-brightwater', 'a-solvik']);
    p.remove();
    await new Promise((r) => setTimeout(r, 10));
    expect(ids(await engine.reportNow())).toEqual(['a-brightwater']);
    const before = reports.length;
    engine.navigate();
    expect(reports[before].entities).toEqual([]);
    expect(reports[before].navigation).toBe(1);
    await new Promise((r) => setTimeout(r, 20));
    const after = await engine.reportNow();
    expect(ids(after)).toEqual(['a-brightwater']);
    expect(after.navigation).toBe(1);
    engine.dispose();
  });

  it('removing a subtree forgets its text, also inside open shadow roots, and keeps moved text', async () => {
    const { engine } = setup('<main><section id="s"><p>Solvik Energi AB</p><div id="host"></div></section><p id="keep">Brightwater Retail plc</p><div id="dest"></div></main>');
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<span>Havbryggen Shipping A/S</span>';
    await engine.start();
    expect(ids(await engine.reportNow())).toEqual(['a-brightwater', 'a-havbryggen', 'a-solvik']);
    document.getElementById('dest')!.appendChild(document.getElementById('keep')!); // moved, not gone
    document.getElementById('s')!.remove();
    await new Promise((r) => setTimeout(r, 10));
    expect(ids(await engine.reportNow())).toEqual(['a-brightwater']);
    engine.dispose();
  });

  it('a list re-rendered between batches: the names of its current rows are highlighted and counted once, replaced rows forgotten, rows in a skipped place ignored', async () => {
    const { engine } = setup('<main><ul id="list"></ul><div id="ed" contenteditable="true"></div></main>');
    await engine.start();
    const list = document.getElementById('list')!;
    const names = ['Solvik Energi AB', 'Brightwater Retail plc', 'Havbryggen Shipping A/S', 'random words'];
    const render = (round: number) => {
      list.innerHTML = names.map((_, i) => `<li><span>${names[(i + round) % names.length]}</span> row ${round}-${i}</li>`).join('');
    };
    // Two renders in one batch: the first one's rows come and go before the batch is processed.
    render(0);
    render(1);
    document.getElementById('ed')!.innerHTML = '<p>Nordlicht Logistik GmbH</p>';
    await Promise.resolve(); // the mutation records are delivered
    await engine.idle();
    const current = engine.current();
    expect(ids(current)).toEqual(['a-brightwater', 'a-havbryggen', 'a-solvik']);
    expect(current.entities.map((e) => e.count)).toEqual([1, 1, 1]);
    expect(engine.highlighter.counts().held).toBe(3);
    // The next render replaces every row: a name it introduces is highlighted, the old rows' are gone.
    list.innerHTML = '<li>Nordlicht Logistik GmbH</li><li>nothing</li>';
    await Promise.resolve();
    await engine.idle();
    expect(ids(engine.current())).toEqual(['a-nordlicht']);
    expect(engine.highlighter.counts().held).toBe(1);
    engine.dispose();
  });

  /** The scan found the row's Brightwater; once a later batch removes the row, only Solvik is left, in `held` ranges. */
  async function expectWalkedRowForgotten(engine: SpotEngine, row: Element, held: number): Promise<void> {
    expect(ids(engine.current())).toEqual(['a-brightwater', 'a-solvik']);
    row.remove();
    await Promise.resolve(); // the removal's record is delivered
    await engine.idle();
    expect(ids(engine.current())).toEqual(['a-solvik']);
    expect(engine.highlighter.counts().held).toBe(held);
    engine.dispose();
  }

  it('a row the first scan walked while its addition was pending is forgotten when a later batch removes it', async () => {
    document.body.innerHTML = '<main><p>Solvik Energi AB</p></main>';
    // Batches only when asked for (idle), so the row's addition and removal land in one batch.
    const engine = new SpotEngine({ matcher, adapter: generic, config: { highlight: true, kinds }, flushDelayMs: 60_000 });
    const scan = engine.start();
    const row = document.createElement('p');
    row.textContent = 'Brightwater Retail plc';
    document.querySelector('main')!.appendChild(row); // before the scan's walk begins: the walk finds it
    await scan;
    await expectWalkedRowForgotten(engine, row, 1);
  });

  it('a row added while the first scan yielded, walked by it, is forgotten when a later batch removes it', async () => {
    document.body.innerHTML = `<main>${'<p>Solvik Energi AB</p>'.repeat(400)}</main>`;
    const row = document.createElement('p');
    row.textContent = 'Brightwater Retail plc';
    // The walk yields through scheduler.yield() where there is one: the row comes in at its first yield.
    const g = globalThis as { scheduler?: { yield(): Promise<void> } };
    const had = g.scheduler;
    let yields = 0;
    g.scheduler = {
      yield: () => {
        if (yields++ === 0) document.querySelector('main')!.appendChild(row);
        return new Promise((r) => setTimeout(r, 0));
      },
    };
    try {
      const engine = new SpotEngine({ matcher, adapter: generic, config: { highlight: true, kinds }, flushDelayMs: 60_000, budgetMs: 0 });
      await engine.start();
      expect(yields).toBeGreaterThan(1); // the row came in while the walk was under way, before its end
      await expectWalkedRowForgotten(engine, row, 400);
    } finally {
      g.scheduler = had;
    }
  });

  it('kinds switched off are neither reported nor matched at a point', async () => {
    const { engine } = setup('<p>Anna Weber from Müller Präzisionstechnik AG</p>');
    await engine.start();
    expect(ids(await engine.reportNow())).toEqual(['a-mueller', 'c-weber']);
    engine.setConfig({ kinds: { account: false, contact: true, topic: true } });
    expect(ids(await engine.reportNow())).toEqual(['c-weber']);
    const text = document.querySelector('p')!.firstChild!;
    expect(engine.matchAt(text, 1)?.id).toBe('c-weber');
    expect(engine.matchAt(text, 20)).toBeNull();
    engine.dispose();
  });
});
