/** The options page: a left nav of sections, one shown at a time, deep-linkable by hash (#data, #sites, …). */
import { useEffect, useRef, useState, type ComponentType } from 'react';
import { t, type MessageKey } from '@/utils/i18n';
import { DataSection } from './DataSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { MeSection } from './MeSection';
import { PageSection } from './PageSection';
import { PolicySection } from './PolicySection';
import { PrivacySection } from './PrivacySection';
import { SitesSection } from './SitesSection';
import { useOptions } from './store';
import { SECTION_IDS, sectionFromHash, type SectionId } from './sections';

const SECTIONS: Record<SectionId, { label: MessageKey; Component: ComponentType }> = {
  data: { label: 'opt_nav_data', Component: DataSection },
  sites: { label: 'opt_nav_sites', Component: SitesSection },
  page: { label: 'opt_nav_page', Component: PageSection },
  me: { label: 'opt_nav_me', Component: MeSection },
  privacy: { label: 'opt_nav_privacy', Component: PrivacySection },
  diagnostics: { label: 'opt_nav_diagnostics', Component: DiagnosticsSection },
  policy: { label: 'opt_nav_policy', Component: PolicySection },
};

export function App() {
  const [section, setSection] = useState<SectionId>(() => sectionFromHash(location.hash));
  const main = useRef<HTMLElement>(null);
  const moved = useRef(false);
  const loadSettings = useOptions((s) => s.loadSettings);
  const loadGraph = useOptions((s) => s.loadGraph);

  useEffect(() => {
    void loadSettings();
    void loadGraph();
  }, [loadSettings, loadGraph]);

  useEffect(() => {
    const onHash = () => {
      moved.current = true;
      setSection(sectionFromHash(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  // After choosing a section in the nav, move focus to its heading (not on first load).
  useEffect(() => {
    if (!moved.current) return;
    main.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [section]);

  useEffect(() => {
    document.title = `${t(SECTIONS[section].label)} · ${t('opt_title')}`;
  }, [section]);

  const { Component } = SECTIONS[section];
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <nav aria-label={t('opt_nav_label')} className="shrink-0 border-b border-slate-200 p-4 md:w-56 md:border-r md:border-b-0 dark:border-slate-700">
        <h1 className="mb-4 text-lg font-semibold">{t('opt_title')}</h1>
        <ul className="flex flex-wrap gap-1 md:flex-col">
          {SECTION_IDS.map((id) => (
            <li key={id}>
              <a
                href={`#${id}`}
                aria-current={id === section ? 'page' : undefined}
                className="block rounded px-3 py-1.5 text-slate-900 no-underline hover:bg-slate-100 hover:no-underline aria-[current=page]:bg-blue-50 aria-[current=page]:font-semibold aria-[current=page]:text-blue-800 dark:text-slate-100 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-sky-200"
              >
                {t(SECTIONS[id].label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main ref={main} className="flex-1 p-6">
        <Component />
      </main>
    </div>
  );
}
