/**
 * The content script's logic (entrypoints/content.ts only calls this):
 * pageHello → (active?) getDictionary → scan → reportEntities, live settings
 * (highlight, hover card, kinds, pause), in-app navigation, graph changes
 * (local:graphRevision → new dictionary, full rescan), teardown through WXT's
 * content-script context.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage, type PageConfig } from '../messaging/protocol';
import { DEFAULT_SETTINGS, settingsItem, type Settings } from '../settings/items';
import { graphRevisionItem } from '../messaging/state';
import { pickAdapter } from '../sites';
import { SpotEngine } from './engine';
import { Matcher, isCompiledDictionary } from '../spotting/matcher';

/** The in-page UI the content script can attach (the hover card, wired in by the entrypoint). */
export interface HoverUi {
  dispose(): void;
}
export type HoverUiFactory = (engine: SpotEngine, ctx: ContentScriptContext) => HoverUi;

export async function runContentScript(ctx: ContentScriptContext, createHover?: HoverUiFactory): Promise<void> {
  const host = location.host;
  let engine: SpotEngine | null = null;
  let hover: HoverUi | null = null;
  let config: PageConfig | null = null;
  let settings: Settings = DEFAULT_SETTINGS;
  let lastHref = location.href;
  let activating: Promise<void> | null = null;

  const isPaused = (s: Settings) => (s.pausedHosts ?? []).includes(host);

  const loadMatcher = async (revision: string | null): Promise<Matcher | null> => {
    if (!revision) return null;
    const current = engine?.getMatcher();
    if (current && current.revision === revision) return current;
    try {
      const d = await sendMessage('getDictionary', { revision });
      return isCompiledDictionary(d) ? await Matcher.load(d) : null;
    } catch (err) {
      console.debug('Kenner: no dictionary', err);
      return null;
    }
  };

  const applyUi = () => {
    if (!engine || !config) return;
    const highlight = config.highlight && settings.highlight !== false;
    const kinds = { ...config.kinds, ...settings.kinds };
    engine.setConfig({ highlight, kinds });
    const wantHover = highlight && config.hoverCard && settings.hoverCard !== false;
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
    if (!config?.active || isPaused(settings)) {
      deactivate();
      return;
    }
    const matcher = await loadMatcher(config.dictionaryRevision);
    if (ctx.isInvalid) return;
    if (!engine) {
      engine = new SpotEngine({
        matcher,
        adapter: pickAdapter(document, new URL(location.href)),
        config: { highlight: config.highlight, kinds: config.kinds },
        onReport: (r) => {
          if (ctx.isValid) sendMessage('reportEntities', r).catch(() => undefined);
        },
      });
    } else if (engine.getMatcher() !== matcher) {
      await engine.setMatcher(matcher);
    }
    applyUi();
    await engine.start();
  };

  const reactivate = () => {
    activating = (activating ?? Promise.resolve()).then(activate);
    return activating;
  };

  try {
    settings = { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
  } catch {
    settings = DEFAULT_SETTINGS;
  }

  const unwatch = settingsItem.watch((next) => {
    settings = { ...DEFAULT_SETTINGS, ...(next ?? {}) };
    if (isPaused(settings)) {
      deactivate(); // at once: highlights gone, observers off
      return;
    }
    applyUi();
    void reactivate(); // effective settings (policy) and enabled sites come from the background
  });
  ctx.onInvalidated(unwatch);

  // The graph changed (import, demo load, sync, delete): load the new revision's dictionary and
  // rescan from scratch (setMatcher drops every highlight and count first), then report.
  const unwatchGraph = graphRevisionItem.watch((revision) => {
    if (!engine || isPaused(settings)) return;
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
