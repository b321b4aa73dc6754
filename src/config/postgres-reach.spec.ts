import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresCannotReach, shelterFor } from './postgres-reach';

describe('postgres-reach', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'reach-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finds a folder under a private parent out of the postgres user’s reach when running as root', () => {
    const inner = path.join(root, 'checkout', 'node_modules');
    mkdirSync(inner, { recursive: true, mode: 0o755 });
    chmodSync(root, 0o700);
    expect(postgresCannotReach(inner)).toBe(process.getuid?.() === 0);
    chmodSync(root, 0o755);
    expect(postgresCannotReach(inner)).toBe(false);
  });

  it('gives each checkout its own shelter under /var/tmp', () => {
    expect(shelterFor('/root/a')).toMatch(/^\/var\/tmp\/microlend-[0-9a-f]{12}$/);
    expect(shelterFor('/root/a')).toBe(shelterFor('/root/a/'));
    expect(shelterFor('/root/a')).not.toBe(shelterFor('/root/b'));
  });
});
