import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// `vite` alone (dev server) proxies the API to a local `devtime serve`; `vite build` writes dist/, which
// `devtime serve` hands out itself.
export default defineConfig({
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // One CSS file for the shell: pages are small, and a split stylesheet would flash unstyled content.
    cssCodeSplit: false,
  },
  server: { proxy: { '/api': process.env.DEVTIME_API_URL ?? 'http://127.0.0.1:7070' } },
});
