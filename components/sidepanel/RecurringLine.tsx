/**
 * On a page whose topic keeps coming up in cases at several customers, the
 * side panel says so: "EDI integration came up at 7 customers in the last 90
 * days; 4 were solved" (utils/ranking/recurring.ts: customers counted, never
 * people; the colleagues who solved it are the ranked suggestions below).
 */
import { useEffect, useState } from 'react';
import { t, tn, uiLanguage } from '@/utils/i18n';
import { sendMessage, type RecurringAnswer } from '@/utils/messaging/protocol';
import type { DetectedEntity } from '@/utils/spotting/types';

/** The sentence for one topic, in the UI language (plural rules, numbers formatted). */
export function recurringSentence(x: { name: string; customers: number; solved: number }, days: number, lang = uiLanguage()): string {
  const n = (v: number) => new Intl.NumberFormat(lang).format(v);
  const came = tn('recurring_came_up', x.customers, [x.name, n(x.customers), n(days)], lang);
  const solved = tn('recurring_solved', x.solved, [n(x.solved)], lang);
  return t('recurring_line', [came, solved]);
}

export function RecurringLine({ entities }: { entities: readonly DetectedEntity[] }) {
  const key = entities
    .filter((e) => e.kind === 'topic')
    .map((e) => e.id)
    .sort()
    .join('|');
  const [answer, setAnswer] = useState<RecurringAnswer | null>(null);
  useEffect(() => {
    if (!key) {
      setAnswer(null);
      return;
    }
    let live = true;
    sendMessage('getRecurring', { topicIds: key.split('|') })
      .then((a) => live && setAnswer(a))
      // Only a note beside the answer: when it cannot be counted, nothing is said.
      .catch(() => live && setAnswer(null));
    return () => {
      live = false;
    };
  }, [key]);
  if (!answer || answer.status !== 'ok' || !answer.topics.length) return null;
  return (
    <ul data-recurring-line className="mt-2 space-y-1">
      {answer.topics.map((x) => (
        <li key={x.topicId} data-topic-id={x.topicId} className="rounded border border-sky-200 bg-sky-50 px-3 py-2 text-xs text-slate-800 dark:border-sky-800 dark:bg-slate-800 dark:text-slate-100">
          {recurringSentence(x, answer.days)}
        </li>
      ))}
    </ul>
  );
}
