import { defineContentScript } from 'wxt/utils/define-content-script';
import { BUILT_IN_MATCHES } from '../utils/sites/registry';
import { runContentScript } from '../utils/page/content-main';
import { HoverCard } from '../components/hovercard/hovercard';
import { guardStartAnnouncements } from '../utils/page/start-guard';

// At module evaluation, before WXT creates the script's context: the page neither hears of Kenner's start nor can fake it.
const startGuard = guardStartAnnouncements();

/** Spotting on CRM and mail pages (logic in utils/page/content-main.ts; the hover card's page side is wired in here, its frame is entrypoints/hovercard). */
export default defineContentScript({
  matches: BUILT_IN_MATCHES,
  runAt: 'document_idle',
  allFrames: false,
  main: (ctx) => {
    startGuard.started();
    return runContentScript(ctx, (engine, c) => new HoverCard(engine, c));
  },
});
