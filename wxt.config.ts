import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { BUILT_IN_MATCHES, E2E_SITE_MATCHES } from './utils/sites/registry';

// `npm run build:e2e` (mode "e2e") treats localhost as an enabled site with its
// permission granted at install; the store build never does.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [tailwindcss()],
    build: { chunkSizeWarningLimit: 1500 },
  }),
  manifest: ({ mode, browser }) => {
    const e2e = mode === 'e2e';
    const hosts = e2e ? [...BUILT_IN_MATCHES, ...E2E_SITE_MATCHES] : BUILT_IN_MATCHES;
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: [
        'storage',
        'unlimitedStorage',
        'sidePanel',
        'tabs',
        'scripting',
        'alarms',
        'identity',
      ],
      host_permissions: hosts,
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      action: { default_title: '__MSG_actionTitle__' },
      storage: { managed_schema: 'managed_schema.json' },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'kenner@kenner.example',
                strict_min_version: '128.0',
                data_collection_permissions: { required: ['none'] },
              },
            },
          }
        : {}),
    };
  },
});
