// The layers of ARCHITECTURE.md as data: eslint.config.js turns them into
// eslint-plugin-boundaries rules, so a wrong arrow fails `npm run lint`.
// Each layer lists the layers it may import (besides itself). Loading this
// file throws if the arrows close a cycle, so the folder graph stays a DAG.

/** @type {Array<{ type: string, pattern: string | string[], mode?: 'full', allow: string[] }>} */
export const LAYERS = [
  // ── pure domain code: no browser, extension, storage, UI or server API; shared with the server
  { type: 'text', pattern: 'utils/text/**', allow: [] },
  { type: 'graph', pattern: 'utils/graph/**', allow: ['text'] },
  { type: 'spotting', pattern: 'utils/spotting/**', allow: ['text', 'graph'] },
  { type: 'governance', pattern: 'utils/governance/**', allow: [] },
  { type: 'ranking', pattern: 'utils/ranking/**', allow: ['text', 'graph', 'spotting', 'governance'] },
  { type: 'contract', pattern: 'utils/contract/**', allow: ['transparency', 'governance', 'graph', 'spotting', 'ranking'] },
  { type: 'demo', pattern: 'utils/demo/**', allow: ['text', 'graph', 'spotting'] },
  { type: 'transparency', pattern: 'utils/transparency/**', allow: ['governance'] },
  // ── platform: any extension context
  { type: 'i18n', pattern: 'utils/i18n/**', allow: [] },
  { type: 'settings', pattern: 'utils/settings/**', allow: ['governance', 'i18n', 'graph'] },
  { type: 'sites', pattern: 'utils/sites/**', allow: ['settings', 'text', 'graph', 'spotting'] },
  { type: 'messaging', pattern: 'utils/messaging/**', allow: ['governance', 'text', 'graph', 'spotting', 'ranking', 'i18n', 'settings', 'sites'] },
  // ── content script
  { type: 'page', pattern: 'utils/page/**', allow: ['governance', 'text', 'graph', 'spotting', 'ranking', 'i18n', 'settings', 'sites', 'messaging'] },
  // ── background only
  { type: 'store', pattern: 'utils/store/**', allow: ['governance', 'text', 'graph', 'spotting', 'ranking'] },
  { type: 'sources', pattern: 'utils/sources/**', allow: ['governance', 'text', 'graph', 'spotting', 'ranking', 'contract', 'i18n', 'settings', 'messaging', 'store'] },
  { type: 'background', pattern: 'utils/background/**', allow: ['governance', 'text', 'graph', 'spotting', 'ranking', 'contract', 'demo', 'i18n', 'settings', 'sites', 'messaging', 'store', 'sources'] },
  // ── UI (React pages and the in-page hover card): never storage internals or background code
  { type: 'ui-common', pattern: 'components/common/**', allow: ['governance', 'text', 'graph', 'spotting', 'ranking', 'i18n', 'messaging'] },
  { type: 'ui-hovercard', pattern: 'components/hovercard/**', allow: ['governance', 'text', 'graph', 'spotting', 'ranking', 'i18n', 'settings', 'sites', 'messaging', 'page', 'ui-common'] },
  { type: 'ui-page', pattern: ['components/options/**', 'components/popup/**', 'components/sidepanel/**', 'components/me/**'], allow: ['transparency', 'governance', 'text', 'graph', 'spotting', 'ranking', 'i18n', 'settings', 'sites', 'messaging', 'ui-common'] },
  // ── entrypoints wire things up
  { type: 'entry-background', pattern: 'entrypoints/background.ts', allow: ['transparency', 'governance', 'text', 'graph', 'spotting', 'ranking', 'contract', 'demo', 'i18n', 'settings', 'sites', 'messaging', 'store', 'sources', 'background'] },
  { type: 'entry-content', pattern: 'entrypoints/content.ts', allow: ['sites', 'page', 'ui-hovercard'] },
  { type: 'entry-hovercard', pattern: 'entrypoints/hovercard/**', allow: ['ui-hovercard'] },
  { type: 'entry-ui', pattern: ['entrypoints/options/**', 'entrypoints/popup/**', 'entrypoints/sidepanel/**', 'entrypoints/me/**'], allow: ['i18n', 'messaging', 'ui-common', 'ui-page'] },
].map((l) => ({ ...l, mode: 'full' }));

/** Folders of pure domain code (imports checked against PURE_FORBIDDEN in eslint.config.js). */
export const PURE = ['utils/text', 'utils/graph', 'utils/spotting', 'utils/ranking', 'utils/contract', 'utils/demo', 'utils/governance', 'utils/transparency'];
/** Folders only the background may import. */
export const BACKGROUND_ONLY = ['utils/store', 'utils/sources', 'utils/background'];

// The arrows must form a DAG: a cycle here would allow a cycle between folders.
const byType = new Map(LAYERS.map((l) => [l.type, l]));
const state = new Map();
function visit(type, path) {
  if (state.get(type) === 'done') return;
  if (state.get(type) === 'open') throw new Error(`architecture.layers.js: the allowed arrows form a cycle: ${[...path, type].join(' → ')}`);
  const layer = byType.get(type);
  if (!layer) throw new Error(`architecture.layers.js: unknown layer "${type}" in ${path.at(-1)}'s allow list`);
  state.set(type, 'open');
  for (const next of layer.allow) visit(next, [...path, type]);
  state.set(type, 'done');
}
for (const l of LAYERS) visit(l.type, []);
