import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { BUILT_IN_MATCHES, E2E_SITE_MATCHES } from './utils/sites/registry';

// `npm run build:e2e` (mode "e2e") treats localhost as an enabled site with its
// permission granted at install; the store build never does.

/**
 * Public half of Kenner's Chrome/Edge signing key (SubjectPublicKeyInfo, base64 DER).
 * It pins the extension id of unpacked and self-hosted builds to CHROME_EXTENSION_ID
 * (docs/deployment.md), so that policies written against the id keep working.
 * The private key never enters the repository. The Chrome Web Store and Edge Add-ons
 * assign their own ids and refuse a `key` they did not issue: `npm run zip` leaves it
 * out of the store packages (KENNER_STORE_ZIP=1).
 */
export const CHROME_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0MdWlZeXhTuSH7d4fnqpze4dlp2zwwfBDJrlDJAePVOK4jSeifj/NUlCFtQq3kv9eYHSS8ljWF+O5ixk/wW6vG/yLrsaN2KkMdijsduJ+1MUYbfSoUR18oF4hrydhVGqds1/+LobQNdDFzHPdi0Z2TqGBuaZEzLME8ti4p+SM+zn8RVGU39p48QfGhyYbS9Q3DGbpmPRkCA/cj2OGva3FDhEY76H7i53U4HvfQgasOWzyyWXDLuhvhwVsR28lGUGcZYVi56Xx4WzK0b/XxxyD/EIUFsWElvEIWk7xuB3THGjLeIUQ5313RBJKtPOtn9G1aglnlK+D4kYTAwUQnfk1wIDAQAB';
/** The extension id CHROME_PUBLIC_KEY gives (first 128 bits of its SHA-256, hex digits 0-f written a-p). */
export const CHROME_EXTENSION_ID = 'fncnijbmoeiebhajnkggnibgfkdnkloh';
/** Firefox's add-on id (AMO and self-hosted alike). */
export const GECKO_ID = 'kenner@kenner.example';
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [tailwindcss()],
    // KENNER_NO_MINIFY=1: readable function names in CPU profiles (scripts/bench/_rank-profile.ts).
    build: { chunkSizeWarningLimit: 1500, minify: process.env.KENNER_NO_MINIFY ? false : undefined },
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
    const firefox = browser === 'firefox';
    const storeZip = process.env.KENNER_STORE_ZIP === '1';
    // Self-hosted packages (docs/deployment.md): where the browser looks for updates after the first install.
    const updateUrl = process.env.KENNER_UPDATE_URL;
    const geckoUpdateUrl = process.env.KENNER_GECKO_UPDATE_URL;
    const hosts = e2e ? [...BUILT_IN_MATCHES, ...E2E_SITE_MATCHES] : BUILT_IN_MATCHES;
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: [
        'storage',
        'unlimitedStorage',
        // Firefox shows the side panel as a sidebar (sidebar_action), without a permission.
        ...(firefox ? [] : ['sidePanel']),
        'tabs',
        'scripting',
        'alarms',
        'identity',
      ],
      host_permissions: hosts,
      // MV2 (Firefox) has no optional_host_permissions (WXT drops the key): the same origins go in optional_permissions,
      // or permissions.request for a custom site or a graph service would be refused.
      ...(firefox ? { optional_permissions: ['https://*/*', 'http://*/*'] } : { optional_host_permissions: ['https://*/*', 'http://*/*'] }),
      action: { default_title: '__MSG_actionTitle__' },
      // Firefox opens its sidebar through the reserved _execute_sidebar_action command (it has no sidePanel.open).
      commands: {
        [firefox ? '_execute_sidebar_action' : 'open-side-panel']: {
          suggested_key: { default: 'Alt+Shift+K' },
          description: '__MSG_commandOpenSidePanel__',
        },
      },
      // The hover card's frame (components/hovercard/hovercard.design.md): loadable by the enabled
      // sites only, and in Chrome only through a per-session URL, so that pages cannot probe for it.
      // (A resource's `matches` take origins only: each site pattern's path becomes /*.)
      web_accessible_resources: [{ resources: ['hovercard.html'], matches: [...new Set(hosts.map((h) => h.replace(/^([^:]+:\/\/[^/]+)\/.*$/, '$1/*')))], ...(firefox ? {} : { use_dynamic_url: true }) }],
      // Chromium validates policy against this schema; Firefox takes policy from policies.json (3rdparty.Extensions).
      storage: { managed_schema: 'managed_schema.json' },
      ...(!firefox && !storeZip ? { key: CHROME_PUBLIC_KEY } : {}),
      ...(!firefox && updateUrl ? { update_url: updateUrl } : {}),
      ...(firefox
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                ...(geckoUpdateUrl ? { update_url: geckoUpdateUrl } : {}),
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
