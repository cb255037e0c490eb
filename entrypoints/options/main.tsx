import { createRoot } from 'react-dom/client';
import '@/components/common/theme.css';
import './page.css';
import { App } from '@/components/options/App';
import { bindImporter } from '@/components/options/bind-importer';
import { uiLanguage } from '@/utils/i18n';

document.documentElement.lang = uiLanguage().split(/[-_]/)[0];
bindImporter();
createRoot(document.getElementById('root')!).render(<App />);
