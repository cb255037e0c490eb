/**
 * Feedback while the demo graph loads (it can take many seconds on a busy
 * machine): a progress bar with words and the seconds elapsed, in the UI
 * language. The background answers the load in one message, so the bar is
 * indeterminate rather than a made-up percentage.
 */
import { useEffect, useState } from 'react';
import { t, uiLanguage } from '@/utils/i18n';

export function DemoProgress({ className = '' }: { className?: string }) {
  const [started] = useState(() => Date.now());
  const [now, setNow] = useState(started);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const seconds = Math.floor((now - started) / 1000);
  const elapsed = new Intl.NumberFormat(uiLanguage(), { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(seconds);
  return (
    <div data-demo-progress="true" className={`space-y-1 ${className}`}>
      <progress className="h-2 w-full" aria-label={t('demo_loading')} />
      <p className="text-sm">
        {t('demo_loading')}
        {seconds >= 1 ? <span aria-hidden="true" className="text-slate-600 dark:text-slate-300"> · {t('demo_elapsed', [elapsed])}</span> : null}
      </p>
    </div>
  );
}
