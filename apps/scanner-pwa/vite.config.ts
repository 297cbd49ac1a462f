import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

const THEME_COLOR = '#0b0f14';

export default defineConfig({
  define: {
    __APP_VERSION__: JSON.stringify(pkg.version),
  },
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      // src/lib/register-service-worker.ts registers it through virtual:pwa-register.
      injectRegister: false,
      strategies: 'generateSW',
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      // globPatterns below already precaches every icon in public/; listing them again duplicates entries.
      includeManifestIcons: false,
      workbox: {
        // Listing svg or webmanifest here duplicates precache entries (STACK.md gotcha 6).
        globPatterns: ['**/*.{js,css,html,png,ico}'],
        navigateFallback: '/index.html',
        // API and server pages must always reach the network, never the cached shell.
        navigateFallbackDenylist: [/^\/v1\//, /^\/health/, /^\/docs/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
      manifest: {
        id: '/',
        name: 'Fulfillment Scanner',
        short_name: 'Scanner',
        description: 'Warehouse picking and packing on a handheld scanner, online or offline.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: THEME_COLOR,
        background_color: THEME_COLOR,
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
  },
});
