/**
 * The graph database cannot be opened: its upgrade to this version's format
 * failed (storage full, a damaged record) or the browser refused it. IndexedDB
 * rolls a failed upgrade back, so the stored graph is as it was; the next open
 * tries again. `detail` is the browser's reason; the background puts it in the
 * user's words (utils/background/user-words.ts). BACKGROUND ONLY.
 */
export class GraphUnavailableError extends Error {
  override name = 'GraphUnavailableError';
  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`The graph database cannot be opened: ${detail}`, options);
  }
}

/** The error of a failed open (Dexie keeps the browser's own error as `inner`). */
export function unavailable(err: unknown): GraphUnavailableError {
  if (err instanceof GraphUnavailableError) return err;
  const inner = (err as { inner?: unknown } | null)?.inner;
  const cause = inner instanceof Error ? inner : err;
  return new GraphUnavailableError(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause), { cause: err });
}
