/** Every message handler, grouped by domain; the router (../router.ts) validates before any of them runs. */
import type { Handlers } from '../router';
import type { HandlerDeps } from './deps';
import { graphHandlers } from './graph';
import { outlineHandlers } from './outline';
import { hoverHandlers } from './hover';
import { pageHandlers } from './page';
import { privacyHandlers } from './privacy';
import { settingsHandlers } from './settings';
import { sourcesHandlers } from './sources';
import { meHandlers } from './me';

export type { HandlerDeps } from './deps';
export { RevisionCache } from './entities';

export function allHandlers(deps: HandlerDeps): Handlers {
  return { ...pageHandlers(deps), ...hoverHandlers(deps), ...graphHandlers(deps), ...settingsHandlers(deps), ...privacyHandlers(deps), ...sourcesHandlers(deps), ...outlineHandlers(deps), ...meHandlers(deps) };
}
