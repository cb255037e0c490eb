export interface Cluster {
  url: string;
  port: number;
  base: string;
  replicaUrl?: string;
  replicaPort?: number;
  stop(): Promise<void>;
  createDatabase(name: string): string;
}
export function findPgBin(): string;
export function startCluster(o?: { replica?: boolean }): Promise<Cluster>;
