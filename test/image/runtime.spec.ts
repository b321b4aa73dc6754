import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string }; devDependencies: Record<string, string>; allowScripts: Record<string, boolean>;
};
const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1]);

/**
 * The platform runs on Node 24 LTS: in the image (Dockerfile), in `engines`, and under the README's
 * two commands on a machine whose own Node is older, through the npm `node` package, whose binary
 * npm puts first on PATH for `npm start`, `npm test` and `npx microlend`.
 */
describe('the Node 24 runtime', () => {
  it('is what this test run executes on', () => {
    expect(major(process.version)).toBeGreaterThanOrEqual(24);
  });

  it('is required by engines and provided by the npm node package, whose install script is allowed', () => {
    expect(pkg.engines.node).toBe('>=24');
    expect(major(pkg.devDependencies.node.replace(/^[\^~]/, ''))).toBe(24);
    expect(pkg.allowScripts.node).toBe(true);
  });

  it('is the node npm scripts run, whatever node the machine has', () => {
    const out = execFileSync('npm', ['exec', '--', 'node', '-p', 'process.version'], { cwd: ROOT, encoding: 'utf8' });
    expect(major(out.trim())).toBe(24);
  });
});
