// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { walkText } from '../../../utils/page/text-walk';
import type { MatchState } from '../../../utils/page/match-state';
import type { PageRoots } from '../../../utils/page/page-roots';

/** Records what the walk hands over; `between` runs at every yield (where the page's own code runs). */
function recorder(between: (staged: Text[], round: number) => void) {
  const staged: Text[] = [];
  let round = 0;
  const matches = {
    stage: (t: Text) => void staged.push(t),
    commit: async () => between(staged, round++),
  } as unknown as MatchState;
  const shadows: ShadowRoot[] = [];
  const frames: HTMLIFrameElement[] = [];
  const roots = { add: (r: ShadowRoot | Document) => void (r.nodeType === 11 && shadows.push(r as ShadowRoot)), addFrame: (f: HTMLIFrameElement) => void frames.push(f) } as unknown as PageRoots;
  return { staged, matches, roots, shadows, frames };
}

const texts = (root: Node): Text[] => {
  const out: Text[] = [];
  const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) out.push(w.currentNode as Text);
  return out;
};

describe('walkText', () => {
  it('hands over every text node outside skipped subtrees, shadow roots included, and frames to the roots', async () => {
    document.body.innerHTML = `<p>one <b>two</b></p><script>no</script><div hidden>no</div><div aria-hidden="true">no</div>
      <div contenteditable="true">no</div><div id="host">light</div><iframe></iframe><p>three</p>`;
    document.getElementById('host')!.attachShadow({ mode: 'open' }).innerHTML = '<span>shadow</span>';
    const r = recorder(() => undefined);
    await walkText(document, 1, { gen: 1 }, 1000, r.matches, r.roots);
    expect(r.staged.map((t) => t.data.trim()).filter(Boolean).sort()).toEqual(['light', 'one', 'shadow', 'three', 'two']);
    expect(r.shadows).toHaveLength(1);
    expect(r.frames).toHaveLength(1);
  });

  for (const both of [false, true]) {
    it(`loses nothing the page left in place when it removes the part the walk was in${both ? ' and the next one' : ''} between two chunks`, async () => {
      document.body.innerHTML = Array.from({ length: 400 }, (_, i) => `<section><div><p>a ${i}</p><p>b ${i}</p></div></section>`).join('');
      // At every yield the page removes the section the walk was in (and the next one, where it would go on).
      const r = recorder((staged) => {
        const section = staged[staged.length - 1]?.parentElement?.closest('section');
        if (!section?.isConnected) return;
        if (both) section.nextElementSibling?.remove();
        section.remove();
      });
      await walkText(document.body, 1, { gen: 1 }, 0, r.matches, r.roots);
      const seen = new Set(r.staged);
      const left = texts(document.body);
      if (!both) expect(left.length).toBeGreaterThan(600); // a few sections went
      expect(left.length).toBeGreaterThan(0);
      expect(left.filter((t) => !seen.has(t))).toEqual([]);
    });
  }

  it('gives up when the scan generation is superseded', async () => {
    document.body.innerHTML = Array.from({ length: 400 }, (_, i) => `<p>x ${i}</p>`).join('');
    const epoch = { gen: 1 };
    const r = recorder(() => void (epoch.gen = 2));
    await walkText(document.body, 1, epoch, 0, r.matches, r.roots);
    expect(r.staged.length).toBeLessThan(400);
  });
});
