import { defineContentScript } from 'wxt/utils/define-content-script';
import { BUILT_IN_MATCHES } from '../utils/sites/registry';
import { runContentScript } from '../utils/spotting/content-main';

/** Spotting on CRM and mail pages (logic in utils/spotting/content-main.ts). */
export default defineContentScript({
  matches: BUILT_IN_MATCHES,
  runAt: 'document_idle',
  allFrames: false,
  main: (ctx) => runContentScript(ctx),
});
