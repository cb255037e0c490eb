import { createRoot } from 'react-dom/client';
import '@/components/common/theme.css';
import './page.css';
import { MeApp } from '@/components/me/MeApp';
import { t, uiLanguage } from '@/utils/i18n';

document.documentElement.lang = uiLanguage().split(/[-_]/)[0];
document.title = t('me_title');
createRoot(document.getElementById('root')!).render(<MeApp />);
