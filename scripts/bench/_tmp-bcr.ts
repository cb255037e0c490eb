import { STORY } from '../../utils/demo/story';
import { fortuneNames, launchBenchPage, syntheticPage } from './_spot-data';
import { cpuOf, enableCpu } from './_cpu';
async function main() {
  const html = syntheticPage([...fortuneNames(), ...STORY.accounts.map((a) => a.name)]);
  const { browser, context, page } = await launchBenchPage();
  const cdp = await context.newCDPSession(page);
  await enableCpu(cdp);
  await page.setContent(html, { waitUntil: 'load' });
  await page.addScriptTag({ content: 'window.__name = (f) => f;' });
  await page.evaluate(() => { const els = [...document.querySelectorAll('td,p,li,a,b,span')].slice(0, 7300); (window as any).__els = els; });
  for (let i = 0; i < 3; i++) {
    const a = await cpuOf(page, cdp, () => page.evaluate(() => { let n = 0; const t = performance.now(); for (const el of (window as any).__els as Element[]) { const r = el.getBoundingClientRect(); if (r.top < 900) n++; } return [n, performance.now() - t]; }));
    const b = await cpuOf(page, cdp, () => page.evaluate(() => new Promise((res) => { const t = performance.now(); const io = new IntersectionObserver((es) => { io.disconnect(); res([es.filter((e) => e.isIntersecting).length, performance.now() - t]); }); for (const el of (window as any).__els as Element[]) io.observe(el); })));
    const c = await cpuOf(page, cdp, () => page.evaluate(() => { let n = 0; const t = performance.now(); for (const el of (window as any).__els as Element[]) { if ((el as HTMLElement).offsetTop < 900) n++; } return [n, performance.now() - t]; }));
    console.log('bcr', a.ms.toFixed(1), a.result, '| io', b.ms.toFixed(1), b.result, '| offsetTop', c.ms.toFixed(1), c.result);
  }
  await browser.close();
}
main();
