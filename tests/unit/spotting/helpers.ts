/** Test helpers for spotting: the compiled dictionary as the content script receives it. */
import type { CompiledDictionary } from '../../../utils/spotting/dictionary';
import { isCompiledDictionary } from '../../../utils/spotting/matcher';

/** The dictionary after a trip through JSON, as it travels in a message, checked as the content script checks it. */
export function viaMessage(d: CompiledDictionary): CompiledDictionary {
  const received: unknown = JSON.parse(JSON.stringify(d));
  if (!isCompiledDictionary(received)) throw new Error('not a compiled dictionary after the JSON round trip');
  return received;
}
