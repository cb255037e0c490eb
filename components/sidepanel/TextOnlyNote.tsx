/**
 * Told once per site (the background decides when): the site's adapter read
 * nothing structural from this page, probably because the site changed its
 * markup; Kenner still reads the page's text.
 */
import { t } from '@/utils/i18n';

export function TextOnlyNote() {
  return (
    <div role="note" data-text-only className="mb-3 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-500 dark:bg-amber-950 dark:text-amber-100">
      <p className="font-semibold">{t('sp_text_only_title')}</p>
      <p className="mt-1">{t('sp_text_only_body')}</p>
    </div>
  );
}
