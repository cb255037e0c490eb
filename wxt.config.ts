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
  hooks: {
    // The e2e/demo build also runs the content script on localhost.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      for (const cs of manifest.content_scripts ?? []) cs.matches = [...new Set([...(cs.matches ?? []), ...E2E_SITE_MATCHES])];
    },
  },
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
        // Firefox shows the side panel as a sidebar (sidebar_action), without a permission.
        ...(browser === 'firefox' ? [] : ['sidePanel']),
        'tabs',
        'scripting',
        'alarms',
        'identity',
      ],
      host_permissions: hosts,
      optional_host_permissions: ['https://*/*', 'http://*/*'],
      action: { default_title: '__MSG_actionTitle__' },
      commands: {
        'open-side-panel': {
          suggested_key: { default: 'Alt+Shift+K' },
          description: '__MSG_commandOpenSidePanel__',
        },
      },
      // The hover card's frame (components/hovercard/hovercard.design.md): loadable by the enabled
      // sites only, and in Chrome only through a per-session URL, so that pages cannot probe for it.
      web_accessible_resources: [{ resources: ['hovercard.html'], matches: hosts, ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) }],
      storage: { managed_schema: 'managed_schema.json' },
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: 'kenner@kenner.example',
                strict_min_version: '142.0',
                data_collection_permissions: { required: ['none'] },
              },
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
    };
  },
});
