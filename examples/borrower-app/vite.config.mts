import path from 'node:path';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

/** The borrower app: built to ./dist and served by its own small backend (server/), which also proxies the API. */
export default defineConfig({
  root: path.join(import.meta.dirname, 'src'),
  base: '/',
  plugins: [react()],
  build: { outDir: path.join(import.meta.dirname, 'dist'), emptyOutDir: true },
  server: { port: 5174, proxy: { '/graphql': { target: process.env.APP_BACKEND ?? 'http://localhost:4100', ws: true }, '/session': process.env.APP_BACKEND ?? 'http://localhost:4100', '/config': process.env.APP_BACKEND ?? 'http://localhost:4100' } },
});
