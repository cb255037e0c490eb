import { STORY } from '../../utils/demo/story';
import { fortuneNames, launchBenchPage, syntheticPage } from '../../scripts/bench/_spot-data';
async function main() {
  const html = syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { browser, page } = await launchBenchPage();
  await page.setContent(html, { waitUntil: 'load' });
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  const r = await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))));
    const out: Record<string, number> = {};
    const pts = Array.from({ length: 27 }, (_, i) => [100 + (i * 37) % 1000, 20 + i * 30]);
    let t = performance.now();
    for (const [x, y] of pts) document.elementFromPoint(x, y);
    out.clean27 = performance.now() - t;
    t = performance.now();
    for (const [x, y] of pts) document.elementFromPoint(x, y);
    out.clean27again = performance.now() - t;
    const host = document.createElement('div');
    host.style.cssText = 'all:initial;display:block;position:fixed;inset:0;pointer-events:none;z-index:2147483646;contain:strict';
    const sr = host.attachShadow({ mode: 'closed' });
    const layer = document.createElement('div');
    sr.append(layer);
    document.documentElement.appendChild(host);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))));
    t = performance.now();
    for (const [x, y] of pts) document.elementFromPoint(x, y);
    out.withHostClean = performance.now() - t;
    t = performance.now();
    for (const [x, y] of pts) {
      document.elementFromPoint(x, y);
      const b = document.createElement('div');
      b.style.cssText = `position:absolute;transform:translate(${x}px,${y}px);width:50px;height:10px;background:red`;
      layer.appendChild(b);
    }
    out.interleaved = performance.now() - t;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))));
    t = performance.now();
    for (const [x, y] of pts) document.elementFromPoint(x, y);
    const bs: HTMLElement[] = [];
    for (const [x, y] of pts) {
      const b = document.createElement('div');
      b.style.cssText = `position:absolute;transform:translate(${x}px,${y}px);width:50px;height:10px;background:red`;
      bs.push(b);
    }
    layer.append(...bs);
    out.batched = performance.now() - t;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 100))));
    // the cost of a write then one hit test
    t = performance.now();
    for (const [x, y] of pts) { layer.firstElementChild!.style.width = (x % 50) + 'px'; document.elementFromPoint(x, y); }
    out.styleWriteThenHit = performance.now() - t;
    return out;
  });
  console.log(r);
  await browser.close();
}
main();
