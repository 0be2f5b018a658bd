import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from the app's own origin (Electron's app protocol or the loopback
// host), so every asset path is relative and nothing is fetched from elsewhere.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    assetsInlineLimit: 0,
    // the timing notice is about the CSS plugin's own callbacks, not about anything to fix here
    rolldownOptions: { checks: { pluginTimings: false } },
  },
});
