import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

describe('README', () => {
  it('its first example runs and prints the seed program’s ten results', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'chango-readme-'));
    const file = join(dir, 'example.mts');
    writeFileSync(file, code!); // as a user copies it: 'chango' resolves to src/ through tsconfig.json's paths
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(root, 'tsconfig.json') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .sort((a, b) => Number(a.split(' ')[1]) - Number(b.split(' ')[1]));
    expect(lines).toEqual(Array.from({ length: 10 }, (_, i) => `Result: ${(i + 1) * 2}`));
  });

  it('shows the two set-up commands', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toMatch(/npm ci\s.*\nnpm test/);
  });
});
