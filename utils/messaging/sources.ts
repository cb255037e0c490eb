/**
 * The graph sources beyond the local file (remote company-graph service,
 * Microsoft 365) as the options page configures and sees them: configuration,
 * status and sync results. Protocol types; the sources themselves live in
 * utils/sources (background only).
 */
import { z } from 'zod';
import { isSecureServiceUrl, SECURE_URL_MESSAGE } from '../settings/service-url';

/** The remote company-graph service (docs/graph-api.yaml), as the user or the policy configured it. Never holds a secret. */
export interface RemoteSourceConfig {
  /** Base URL, e.g. https://kenner-graph.example.com */
  url: string;
  /** How requests are authorised: the policy's token, OAuth 2.0 + PKCE, or a token the user pasted (kept for the session only). */
  auth: 'policy-token' | 'oauth' | 'token';
  oauth?: { authorizeUrl: string; tokenUrl: string; clientId: string; scope?: string };
  /** Set by administrator policy: the user cannot change or remove it. */
  locked?: boolean;
}

/** Microsoft 365 directory (Microsoft Graph), as the user or the policy configured it. */
export interface Microsoft365Config {
  tenantId: string;
  clientId: string;
  /** Default https://graph.microsoft.com (tests point it at a local server). */
  graphBaseUrl?: string;
  /** Default https://login.microsoftonline.com */
  loginBaseUrl?: string;
  locked?: boolean;
}

/** The stored (non-secret) sources configuration (storage item `local:sources`). */
export interface SourcesConfig {
  remote: RemoteSourceConfig | null;
  microsoft365: Microsoft365Config | null;
}

/** OAuth tokens: storage.session only (never local, never logged). */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms when the access token expires (unknown: undefined). */
  expiresAt?: number;
}

/** One failed request, for the options page: no query string, no body, no token. */
export interface SourceFailure {
  /** ISO date-time. */
  at: string;
  source: 'remote' | 'microsoft365';
  /** URL path without query, e.g. /v1/rank */
  path: string;
  kind: 'timeout' | 'network' | 'http' | 'invalid' | 'auth' | 'throttled' | 'aborted' | 'redirect' | 'too-large' | 'import';
  status?: number;
  message: string;
}

/** Progress of a dictionary/directory sync, persisted after every page so a stopped service worker resumes. */
export interface SyncState {
  /** Revision of the last completed sync (`since` of the next incremental one). */
  revision?: string;
  /** ISO date-time the last sync completed. */
  completedAt?: string;
  /** A sync is under way (or was interrupted): resume from `cursor`. */
  inProgress?: { cursor: string | null; since?: string; startedAt: string; pages: number; records: number };
  /** Deletions (tombstones) not yet applied to the local graph. */
  pendingDeletes?: Array<{ type: string; id: string }>;
  /** Configuration the state belongs to (a new URL starts over). */
  for?: string;
}

export interface SyncResult {
  ok: boolean;
  pages: number;
  /** Records written (upserts) in this run. */
  records: number;
  deleted: number;
  revision?: string;
  /** This run continued an interrupted one. */
  resumed?: boolean;
  error?: string;
}

export interface SourceStatus {
  kind: 'local' | 'remote' | 'microsoft365';
  configured: boolean;
  /** Origin of the service (shown; no path, no query). */
  origin?: string;
  auth?: RemoteSourceConfig['auth'];
  signedIn: boolean;
  locked: boolean;
  syncing: boolean;
  sync: SyncState;
  /** Newest first, at most 20. */
  failures: SourceFailure[];
  /** The last rank answer came from the cache because the service failed. */
  degraded: boolean;
  lastAnswerAt?: string;
}

/** What the options page's "Data sources" section shows (message `getSourcesOverview`). */
export interface SourcesOverview {
  /** The source that answers now. */
  active: 'local' | 'remote';
  remote: (SourceStatus & { config: RemoteSourceConfig; permission: boolean }) | null;
  microsoft365: (SourceStatus & { config: Microsoft365Config; permission: boolean }) | null;
  policy: {
    /** The administrator fixed the graph source (the user cannot switch it). */
    sourceLocked: boolean;
    /**
     * The user may point Kenner at a service or tenant of their own. False
     * when the policy forbids imports (allowImport false): then only what the
     * policy configures feeds the graph.
     */
    ownSourcesAllowed: boolean;
    kind?: 'local' | 'remote' | 'microsoft365';
    url?: string;
    hasToken?: boolean;
    tenantId?: string;
    clientId?: string;
  };
  /** The redirect URL to register with an OAuth provider (identity.getRedirectURL()). */
  redirectUrl?: string;
}

/** Every address a token goes to: https only (http only to this machine), as the policy's (utils/settings/service-url.ts). */
const httpUrl = z.string().max(500).url().refine(isSecureServiceUrl, SECURE_URL_MESSAGE);
const guidOrName = z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9.\-_]+$/, 'letters, digits, dots and dashes only');

/** A change of the sources configuration from the options page (validated in the background). */
export const SourcesConfigureSchema = z
  .object({
    remote: z
      .object({
        url: httpUrl,
        auth: z.enum(['oauth', 'token', 'policy-token']),
        /** A token the user pasted (auth 'token'): kept in storage.session only. */
        token: z.string().trim().min(1).max(8000).optional(),
        oauth: z
          .object({ authorizeUrl: httpUrl.optional(), tokenUrl: httpUrl.optional(), clientId: z.string().trim().min(1).max(200), scope: z.string().max(500).optional() })
          .optional(),
      })
      .nullable()
      .optional(),
    microsoft365: z
      .object({ tenantId: guidOrName, clientId: guidOrName, graphBaseUrl: httpUrl.optional(), loginBaseUrl: httpUrl.optional() })
      .nullable()
      .optional(),
  })
  .strict();
/** The same, as the background's router has validated it (utils/background/router.ts). */
export type ValidSourcesConfigure = z.output<typeof SourcesConfigureSchema>;
