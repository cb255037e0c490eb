import { createRoot } from 'react-dom/client';
import '@/components/common/theme.css';
import './page.css';
import { App } from '@/components/popup/App';
import { t, uiLanguage } from '@/utils/i18n';

document.documentElement.lang = uiLanguage().split(/[-_]/)[0];
document.title = t('popup_title');
createRoot(document.getElementById('root')!).render(<App />);
