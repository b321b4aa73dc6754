import path from 'node:path';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

/** The lender console: built to dist/console, served by the API at /console (see src/app/http/console.ts). */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: { outDir: path.resolve(import.meta.dirname, '../../dist/console'), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { port: 5173, proxy: { '/graphql': { target: process.env.CONSOLE_API ?? 'http://localhost:4000', ws: true } } },
});
