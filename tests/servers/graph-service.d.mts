import type { Account, Contact, Graph, Person, Topic } from '../../utils/graph/model';

export interface LogEntry {
  at: string;
  method: string;
  path: string;
  /** The raw query string, with its "?" (empty when none). */
  query: string;
  body: string;
  auth: 'bearer' | 'none';
  headers: Record<string, string | string[] | undefined>;
  status: number;
  /** The body sent back (JSON text). */
  response?: string;
}
export type Fault = '500' | 'timeout' | 'malformed' | 'garbage' | 'stall' | 'expired-token';
export interface GraphService {
  url: string;
  port: number;
  log: LogEntry[];
  graph: Graph;
  setFault(kind: Fault | null, opts?: { times?: number; path?: string; stallMs?: number }): void;
  upsert(type: 'person', record: Person): void;
  upsert(type: 'account', record: Account): void;
  upsert(type: 'contact', record: Contact): void;
  upsert(type: 'topic', record: Topic): void;
  remove(type: 'person' | 'account' | 'contact' | 'topic', id: string): void;
  issueToken(): { access_token: string; refresh_token: string; expires_in: number };
  setTokenTtl(seconds: number): void;
  clearLog(): void;
  close(): Promise<void>;
}
export function readGraphFile(file: string): Graph;
export function start(opts?: {
  port?: number;
  host?: string;
  graph?: Partial<Graph>;
  graphFile?: string;
  tokens?: string[];
  tokenTtlSeconds?: number;
  dictionaryPeople?: boolean;
  leakNonDiscoverable?: 'flagged' | 'silent';
}): Promise<GraphService>;
