/**
 * The content script's logic (entrypoints/content.ts only calls this):
 * pageHello → (active?) getDictionary → scan → reportEntities, live settings
 * (highlight, hover card, kinds, pause), in-app navigation, graph changes
 * (local:graphRevision → new dictionary, full rescan), teardown through WXT's
 * content-script context.
 *
 * What the page does is decided by the background's answer to pageHello
 * alone: the settings in force, administrator policy over the user's stored
 * settings. A change of the stored settings only makes the script ask again.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage, type PageConfig } from '../messaging/protocol';
import { settingsItem } from '../settings/items';
import { graphRevisionItem } from '../messaging/state';
import { pickAdapter } from '../sites';
import { SpotEngine } from './engine';
import { Matcher, isCompiledDictionary } from '../spotting/matcher';
import { receiveDictionary } from '../spotting/wire';

/** The in-page UI the content script can attach (the hover card, wired in by the entrypoint). */
export interface HoverUi {
  dispose(): void;
}
export type HoverUiFactory = (engine: SpotEngine, ctx: ContentScriptContext) => HoverUi;

/** The e2e/demo build also registers highlights in CSS.highlights, for tests and outside scripts (contract: build:e2e). */
const exposeHighlights = () => import.meta.env?.MODE === 'e2e';

export async function runContentScript(ctx: ContentScriptContext, createHover?: HoverUiFactory): Promise<void> {
  let engine: SpotEngine | null = null;
  let hover: HoverUi | null = null;
  let config: PageConfig | null = null;
  let lastHref = location.href;
  let activating: Promise<void> | null = null;

  const loadMatcher = async (revision: string | null): Promise<Matcher | null> => {
    if (!revision) return null;
    const current = engine?.getMatcher();
    if (current && current.revision === revision) return current;
    try {
      // A large dictionary comes in parts (spotting/wire.ts), each its own message: no long decoding task.
      for (let attempt = 0; attempt < 2; attempt++) {
        const head = await sendMessage('getDictionary', { revision });
        if (!isCompiledDictionary(head)) return null;
        const d = await receiveDictionary(head, (part) => sendMessage('getDictionary', { revision: head.revision, part }));
        if (d) return await Matcher.load(d);
      }
      return null;
    } catch (err) {
      console.debug('Kenner: no dictionary', err);
      return null;
    }
  };

  const applyUi = () => {
    if (!engine || !config) return;
    const { highlight, kinds } = config;
    engine.setConfig({ highlight, kinds: { ...kinds } });
    const wantHover = highlight && config.hoverCard;
    if (wantHover && !hover && createHover) hover = createHover(engine, ctx);
    if (!wantHover && hover) {
      hover.dispose();
      hover = null;
    }
  };

  const deactivate = () => {
    hover?.dispose();
    hover = null;
    engine?.stop();
  };

  const activate = async (): Promise<void> => {
    try {
      config = await sendMessage('pageHello', {});
    } catch (err) {
      console.debug('Kenner: background not reachable', err);
      return;
    }
    if (ctx.isInvalid) return;
    if (!config?.active) {
      deactivate();
      return;
    }
    if (!engine) {
      engine = new SpotEngine({
        matcher: null,
        adapter: pickAdapter(document, new URL(location.href)),
        config: { highlight: config.highlight, kinds: { ...config.kinds } },
        exposeHighlights: exposeHighlights(),
        onReport: (r) => {
          if (ctx.isValid) sendMessage('reportEntities', r).catch(() => undefined);
        },
      });
    }
    // The overlay goes in while the dictionary is in transit (its first layout is not on the way to the first highlight).
    engine.prepare();
    const matcher = await loadMatcher(config.dictionaryRevision);
    if (ctx.isInvalid || !engine) return;
    if (engine.getMatcher() !== matcher) await engine.setMatcher(matcher);
    applyUi();
    await engine.start();
  };

  const reactivate = () => {
    activating = (activating ?? Promise.resolve()).then(activate);
    return activating;
  };

  // Settings changed (a pause, a switch, a policy-locked key the user tried): ask the background what is in force now.
  const unwatch = settingsItem.watch(() => void reactivate());
  ctx.onInvalidated(unwatch);

  // The graph changed (import, demo load, sync, delete): load the new revision's dictionary and
  // rescan from scratch (setMatcher drops every highlight and count first), then report.
  const unwatchGraph = graphRevisionItem.watch((revision) => {
    if (!engine?.isRunning) return;
    if ((engine.getMatcher()?.revision ?? null) === (revision ?? null)) return;
    void reactivate();
  });
  ctx.onInvalidated(unwatchGraph);

  const onLocation = () => {
    if (location.href === lastHref) return;
    lastHref = location.href;
    engine?.navigate();
  };
  ctx.addEventListener(window, 'wxt:locationchange', () => setTimeout(onLocation, 0));
  ctx.addEventListener(window, 'popstate', onLocation);
  ctx.addEventListener(window, 'hashchange', onLocation);
  // A new graph may have been imported while this tab was in the background.
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') void reactivate();
  });
  ctx.onInvalidated(() => {
    hover?.dispose();
    engine?.dispose();
    engine = null;
  });

  await reactivate();
}
