import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it): no browser is downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'browser');
const ROOT = path.resolve(__dirname, '..', '..');

/** Builds the console from its source as `npm run console:build` does, so the browser sees this commit's console (jest's global setup does it once a run). */
export async function buildConsole(): Promise<void> {
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'src/console/vite.config.mts', '--logLevel', 'error'], { cwd: ROOT });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Listens on a free loopback port; the base URL. */
export async function listen(app: { listen(port: number, host: string, cb: () => void): Server }): Promise<{ url: string; server: Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      const addr = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${addr.port}`, server });
    });
  });
}

/** A screenshot of the page as a test artefact (test-artifacts/browser/<name>.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core's findings on the page at their impact or worse (serious and critical by default). */
export async function accessibilityViolations(page: Page, impacts: string[] = ['serious', 'critical']): Promise<{ id: string; impact: string; help: string; targets: string[] }[]> {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  type Axe = { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } };
  const found = await page.evaluate(async () => {
    const r = await (globalThis as unknown as Axe).axe.run();
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => impacts.includes(v.impact));
}

/** Signs a staff user in through the console's sign-in page, as a person would. */
export async function signIn(page: Page, url: string, slug: string, email: string, password = 'a long password'): Promise<void> {
  await page.goto(`${url}/console/`);
  await page.getByLabel('Lender (tenant slug)').fill(slug);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Where the reference borrower app is built (examples/borrower-app/dist). */
export const BORROWER_APP_DIST = path.join(ROOT, 'examples', 'borrower-app', 'dist');

/** Builds the reference borrower app into its dist/, as its `npm run build` does (jest's global setup does it once a run). */
export async function buildBorrowerApp(): Promise<void> {
  await promisify(execFile)(path.join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--config', 'examples/borrower-app/vite.config.mts', '--logLevel', 'error'], { cwd: ROOT });
}

/**
 * The jest hooks of a console spec: one Chromium for the file, a fresh context and page for each test
 * (cookies and storage start empty), the page's errors written out and its last look saved as the test
 * ends. Call it inside `describe`, before hooks that use the page; tests read `browsing.page`.
 */
export function browserPerTest(opts: { locale?: string; viewport?: { width: number; height: number } } = {}): { readonly page: Page } {
  let browser: Browser | undefined;
  let page: Page | undefined;
  const problems: string[] = [];
  beforeAll(async () => {
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    page = await (await browser!.newContext({ locale: opts.locale ?? 'en-US', viewport: opts.viewport ?? { width: 1366, height: 900 } })).newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  });
  afterEach(async () => {
    // What went wrong in the page, when a step failed: its errors and how it looked.
    if (problems.length) process.stderr.write(`${problems.splice(0).join('\n')}\n`);
    await screenshot(page!, `last-${expect.getState().currentTestName?.replace(/\W+/g, '-').slice(0, 60)}`);
    await page!.context().close();
  });
  return { get page() { return page!; } };
}
