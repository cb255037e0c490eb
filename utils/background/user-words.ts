/** Errors of the background's parts in the user's words where they have some; the rest as they are. */
import { t } from '../i18n';
import { GraphUnavailableError } from '../store/open-error';

/** As text (an import's "could not be saved" detail). */
export function userText(err: unknown): string {
  return err instanceof GraphUnavailableError ? t('bg_graph_unavailable', err.detail) : String(err);
}

/** As an error to throw to the sender of a message (router.ts). */
export function inUserWords(err: unknown): unknown {
  return err instanceof GraphUnavailableError ? new Error(userText(err), { cause: err }) : err;
}
