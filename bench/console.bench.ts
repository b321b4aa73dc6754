// First: graphql-js reads NODE_ENV when it is loaded.
import './support/production-env';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import express from 'express';
import { chromium } from 'playwright-core';
import { benchLender, startBenchApp } from './support/bench-app';

export interface ConsoleBenchResult {
  loads: number;
  /** The console's initial JS (the one script index.html loads), gzipped, kB. */
  initialJsGzipKb: number;
  /** Cold load (fresh browser context, no cache) to the sign-in form ready for input, ms: median and worst. */
  signInReadyMs: { p50: number; max: number };
  /** From pressing "Sign in" to the Products page showing its first product (login, viewer, products), ms. */
  firstPageMs: { p50: number; max: number };
  /** The same browser loading a bare page with one button from a bare Express server: the floor. */
  baselineMs: { p50: number; max: number };
  ratio: number;
}

const ROOT = path.resolve(__dirname, '..');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const stats = (xs: number[]) => ({ p50: Math.round(median(xs)), max: Math.round(Math.max(...xs)) });

/**
 * The console as a person first meets it, in Debian's Chromium with the API local: a cold load to the
 * sign-in form, then signing in to the first page with data; next to a bare one-button page served by
 * a bare Express in the same run (the browser's own floor on this machine).
 */
export async function runConsoleBench(opts: { loads: number }): Promise<ConsoleBenchResult> {
  execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'src/console/vite.config.mts', '--logLevel', 'error'], { cwd: ROOT });
  const assets = path.join(ROOT, 'dist', 'console', 'assets');
  const index = readFileSync(path.join(ROOT, 'dist', 'console', 'index.html'), 'utf8');
  const entry = readdirSync(assets).find((f) => f.endsWith('.js') && index.includes(f))!;
  const initialJsGzipKb = gzipSync(readFileSync(path.join(assets, entry))).length / 1000;

  const bench = await startBenchApp();
  const bare = express().get('/', (_req, res) => res.type('html').send('<!doctype html><html lang="en"><title>bare</title><button>Sign in</button></html>'));
  const bareServer: Server = await new Promise((r) => { const s = bare.listen(0, '127.0.0.1', () => r(s)); });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const { key } = await benchLender(bench.runtime, 'console-bench', 'LENDER_ADMIN');
    const gql = (query: string) => fetch(bench.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query }) }).then((r) => r.json());
    await gql('mutation { createStaffUser(input: { email: "ops@bench.example", fullName: "Ops", roles: [LENDER_ADMIN], password: "a long bench password" }) { id } }');
    const base = bench.url.replace(/\/graphql$/, '');
    const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}/`;
    const signIn: number[] = [];
    const firstPage: number[] = [];
    const baseline: number[] = [];
    for (let i = 0; i < opts.loads + 1; i++) {
      const context = await browser.newContext({ locale: 'en-US' });
      const page = await context.newPage();
      let t = performance.now();
      await page.goto(bareUrl);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const bareMs = performance.now() - t;
      t = performance.now();
      await page.goto(`${base}/console/`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      const ready = performance.now() - t;
      await page.getByLabel('Lender (tenant slug)').fill('console-bench');
      await page.getByLabel('Email').fill('ops@bench.example');
      await page.getByRole('textbox', { name: 'Password' }).fill('a long bench password');
      t = performance.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('link', { name: 'BOOK' }).waitFor();
      const first = performance.now() - t;
      await context.close();
      // The first round warms the server and the browser process; it is not counted.
      if (i === 0) continue;
      baseline.push(bareMs);
      signIn.push(ready);
      firstPage.push(first);
    }
    const result = { loads: opts.loads, initialJsGzipKb, signInReadyMs: stats(signIn), firstPageMs: stats(firstPage), baselineMs: stats(baseline), ratio: 0 };
    result.ratio = result.signInReadyMs.p50 / Math.max(1, result.baselineMs.p50);
    return result;
  } finally {
    await browser.close();
    await new Promise((r) => bareServer.close(r));
    await bench.close();
  }
}

export function printConsoleResult(r: ConsoleBenchResult): void {
  console.log(`  console initial JS: ${r.initialJsGzipKb.toFixed(1)} kB gzipped (budget 300 kB)`);
  console.log(`  cold load to the sign-in form: p50 ${r.signInReadyMs.p50} ms, worst ${r.signInReadyMs.max} ms over ${r.loads} loads (bare page p50 ${r.baselineMs.p50} ms: ${r.ratio.toFixed(1)}x)`);
  console.log(`  sign in to the Products page with data: p50 ${r.firstPageMs.p50} ms, worst ${r.firstPageMs.max} ms (target: first page interactive under 2,000 ms)`);
}
