/**
 * The registry: every connector the service and `build-graph` can run, one
 * file each beside this one (types.ts is the interface). A source in the
 * connectors file names one of these by its id.
 */
import type { Connector } from './types';

/** A connector of any settings type (each checks its own settings with its configSchema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConnector = Connector<any>;

export const CONNECTORS: readonly AnyConnector[] = [];
