export interface MsGraphLogEntry {
  at: string;
  method: string;
  path: string;
  query: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
}
export interface MsGraphUser {
  id: string;
  displayName: string | null;
  mail: string | null;
  userPrincipalName: string | null;
  jobTitle?: string | null;
  department?: string | null;
  officeLocation?: string | null;
  country?: string | null;
  preferredLanguage?: string | null;
  mailboxSettings?: { timeZone?: string | null } | null;
}
export interface MsGraphServer {
  url: string;
  port: number;
  log: MsGraphLogEntry[];
  setFault(kind: 'throttle' | 'expired-token' | '500' | null, opts?: { times?: number; retryAfter?: number; path?: string }): void;
  issueToken(): { access_token: string; refresh_token: string; expires_in: number };
  clearLog(): void;
  close(): Promise<void>;
}
export function sampleUsers(): MsGraphUser[];
export function start(opts?: {
  port?: number;
  users?: MsGraphUser[];
  people?: string[];
  skills?: Record<string, string[]>;
  skillsExposed?: boolean;
  pageSize?: number;
  tokens?: string[];
  tokenTtl?: number;
}): Promise<MsGraphServer>;
