// `pulso/server` as a host installs it: a package entry for Node alone that `npm pack`
// ships, built to plain JavaScript that runs without tsx, while the browser entries hold
// no server code and no Node or driver imports. Reads what `npm run build` wrote (pretest).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Pkg {
  exports: Record<string, Record<string, string>>;
  files: string[];
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as Pkg;

describe('pulso/server as a package entry', function () {
  this.timeout(120_000);
  before(() => {
    if (!existsSync(resolve(root, 'dist/server.js'))) throw new Error('dist/server.js is missing: run `npm run build` (npm test does it in pretest)');
  });

  it('is exported for Node only, with types, and its drivers are optional peers', () => {
    const entry = pkg.exports['./server'];
    expect(Object.keys(entry).sort()).to.deep.equal(['node', 'source', 'types']);
    expect(entry.node).to.equal('./dist/server.js');
    expect(existsSync(resolve(root, entry.types)), entry.types).to.equal(true);
    expect(readFileSync(resolve(root, entry.types), 'utf8')).to.include('createSqlSource');
    expect(pkg.peerDependenciesMeta?.pg?.optional).to.equal(true);
    expect(pkg.peerDependenciesMeta?.['@duckdb/node-api']?.optional).to.equal(true);
  });

  it('is in what npm pack ships', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, maxBuffer: 64 << 20 });
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).to.include.members(['dist/server.js', 'dist/types/src/server/index.d.ts', 'dist/types/src/server/source.d.ts']);
  });

  it('leaves the browser builds free of server code and Node or driver imports', () => {
    const browser = ['dist/pulso.js', 'dist/index.js', 'dist/core.js', ...readdirSync(resolve(root, 'dist/chunks')).map((f) => `dist/chunks/${f}`)];
    for (const file of browser) {
      const code = readFileSync(resolve(root, file), 'utf8');
      expect(code, file).not.to.match(/["'](?:pg|@duckdb\/[\w-]+|node:[\w/]+)["']/);
      expect(code, file).not.to.include('createSqlSource');
    }
  });

  it('imports as pulso/server in plain Node (no tsx) and computes on a DuckDB file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulso-pkg-'));
    try {
      const file = join(dir, 'data.duckdb');
      const script = `
        import { DuckDBInstance } from '@duckdb/node-api';
        const db = await DuckDBInstance.create(${JSON.stringify(file)});
        const con = await db.connect();
        await con.run("CREATE TABLE customers AS SELECT 'c' || i AS customer_id, TIMESTAMP '2019-01-01' + to_days(i) AS signup_at FROM range(5) t(i)");
        con.closeSync(); db.closeSync();
        // By the package's own name (a self-reference), so through the exports map.
        const { createSqlSource } = await import('pulso/server');
        const source = createSqlSource({ engine: 'duckdb', path: ${JSON.stringify(file)} });
        console.log(JSON.stringify(await source.aggregate({ metric: 'extent', options: { table: 'customers' } })));
        await source.close();`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
      expect(JSON.parse(stdout)).to.deep.equal([
        { table: 'customers', first: Date.UTC(2019, 0, 1), last: Date.UTC(2019, 0, 5), rows: 5 },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
