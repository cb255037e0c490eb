/**
 * What the user sees in a region of the page: a screenshot, decoded in the page itself (an
 * ImageBitmap on an OffscreenCanvas: nothing enters the page's tree). For checks that only the
 * screen can answer (the marks are drawn in a closed overlay the page cannot read).
 */
import type { Page } from '@playwright/test';

export interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The region's pixels as [r, g, b], row by row. */
export async function screenPixels(page: Page, clip: Clip): Promise<Array<[number, number, number]>> {
  const png = (await page.screenshot({ clip, type: 'png' })).toString('base64');
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(bitmap, 0, 0);
    const d = g.getImageData(0, 0, bitmap.width, bitmap.height).data;
    const out: Array<[number, number, number]> = [];
    for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2]]);
    return out;
  }, png);
}
