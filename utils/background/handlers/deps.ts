import type { PersonHit } from '../../ranking/types';
import type { QueryService } from '../query-service';
import type { SourceManager } from '../source-manager';
import type { RevisionCache } from './entities';
import type { PreferenceStore } from '../preferences';
import type { EffectiveSettings } from '../../settings/policy';

/** What the handlers are given by the background (entrypoints/background.ts); nothing is a module singleton. */
export interface HandlerDeps {
  service: QueryService;
  cache: RevisionCache;
  sources: SourceManager;
  /** The effective settings, read by most messages (a popup keystroke, a page's hello and reports, the hover card): the background passes a SettingsCache's; default: read from storage. */
  effectiveSettings?: () => Promise<EffectiveSettings>;
  /** People search at the remote company-graph service when one answers (null: use the local index). */
  remoteSearch?: (query: string, limit?: number) => Promise<PersonHit[] | null>;
  /** Called after local data was deleted (graph, caches, storage). */
  afterLocalDataDeleted?: () => Promise<void>;
  /** The answering source changed, or became (un)reachable: recompute answers. */
  sourcesChanged: () => void;
  /** Colleagues' own preferences on the local graph (issue 15). */
  preferences?: PreferenceStore;
  /** A colleague's preferences changed: refold claims and recompute answers. */
  preferencesChanged?: () => Promise<void>;
}
