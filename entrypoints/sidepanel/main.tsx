import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@/components/common/theme.css';
import { SidePanelApp } from '@/components/sidepanel/SidePanelApp';
import { tabFromSearch } from '@/components/sidepanel/tabs';
import { t, uiLanguage } from '@/utils/i18n';

document.documentElement.lang = uiLanguage();
document.title = t('extName');
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SidePanelApp fixedTabId={tabFromSearch(location.search)} />
  </StrictMode>,
);
