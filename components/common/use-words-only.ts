/** React: whether strength is words only (works-council mode; undefined while the policy is read). Apart from strength-words.ts so the hover card loads no React. */
import { useSyncExternalStore } from 'react';
import { subscribeWordsOnly, wordsOnlyNow } from './strength-words';

export function useWordsOnly(): boolean | undefined {
  return useSyncExternalStore(subscribeWordsOnly, wordsOnlyNow, wordsOnlyNow);
}
