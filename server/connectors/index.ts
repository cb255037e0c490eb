/**
 * The registry: every connector the service and `build-graph` can run, one
 * file each beside this one (types.ts is the interface). A source in the
 * connectors file names one of these by its id.
 */
import dynamics from './dynamics';
import freshdesk from './freshdesk';
import google from './google';
import hubspot from './hubspot';
import microsoft365 from './microsoft365';
import salesforce from './salesforce';
import type { Connector } from './types';
import zendesk from './zendesk';

/** A connector of any settings type (each checks its own settings with its configSchema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConnector = Connector<any>;

export const CONNECTORS: readonly AnyConnector[] = [salesforce, hubspot, dynamics, zendesk, freshdesk, microsoft365, google];
