import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API serves the built app at `/`; `npm run dev` proxies the API to Vite's dev server instead.
const api = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/files': api,
      '/auth': api,
    },
  },
});
