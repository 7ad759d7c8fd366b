// The import graph of server/src and client/src has no cycle, and the folders of the core state its
// layering: the ground floor (model, parse, config, catalog, text and core's own files) below
// coverage and rules, the workspace index above them, reports and editor features on top.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

/** Every .ts file under these folders (of the project), absolute. */
function sources(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const d of dirs) walk(path.join(ROOT, d));
  return out.sort();
}

/**
 * The relative modules a TypeScript source imports: `import … from`, `import type … from`,
 * `export … from`, `import '…'` and `import('…')`. Comments are removed first, so a commented-out
 * import is not one.
 */
export function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const out: string[] = [];
  const re = /(?:^|[\n;])\s*(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(code); m; m = re.exec(code)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) out.push(spec);
  }
  return out;
}

/** File → the files it imports, resolved as the bundler does (`x.ts`, then `x/index.ts`). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const f of files) {
    const deps: string[] = [];
    for (const spec of importsOf(fs.readFileSync(f, 'utf8'))) {
      const base = path.resolve(path.dirname(f), spec);
      const hit = [`${base}.ts`, path.join(base, 'index.ts'), base].find((c) => known.has(c));
      if (hit) deps.push(hit);
    }
    graph.set(f, deps);
  }
  return graph;
}

/** The strongly connected components of more than one node (or a node importing itself): the cycles. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

const rel = (f: string): string => path.relative(ROOT, f).split(path.sep).join('/');

describe('the import graph', () => {
  const files = sources('server/src', 'client/src');
  const graph = importGraph(files);

  it('is read from every source, with the imports the code has', () => {
    assert.ok(files.length > 100, `${files.length} files`);
    const edges = (f: string): string[] => (graph.get(path.join(ROOT, f)) ?? []).map(rel);
    assert.ok(edges('server/src/server.ts').includes('server/src/features/index.ts'));
    assert.ok(edges('server/src/features/hover.ts').includes('server/src/features/feature.ts'), 'import type is an import');
    assert.ok(edges('server/src/cli/main.ts').includes('server/src/start.ts'), 'import() is an import');
    assert.deepEqual(importsOf("// import { a } from './commented';\n/* import './b'; */\nexport { c } from './c';\nimport './d';\nconst x = 'http://e';\n"), ['./c', './d']);
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']], ['e', ['e']]]);
    assert.deepEqual(cyclesOf(g), [['a', 'b', 'c'], ['e']]);
    assert.deepEqual(cyclesOf(new Map([['a', ['b']], ['b', []]])), []);
  });

  it('has no cycle in server/src or client/src', () => {
    assert.deepEqual(cyclesOf(graph).map((c) => c.map(rel)), []);
  });

  it('layers the core by folder: the index above rules and coverage, reports and features above the index', () => {
    const core = path.join(ROOT, 'server/src/core');
    // The ground floor's folders read each other (a config is parsed into model types); above it, no folder cycle.
    const GROUND = new Set(['.', 'model', 'parse', 'config', 'catalog', 'text']);
    const folderOf = (f: string): string => {
      const dir = path.relative(core, path.dirname(f)).split(path.sep)[0] || '.';
      return GROUND.has(dir) ? 'ground' : dir;
    };
    const folders = new Map<string, Set<string>>();
    for (const [f, deps] of graph) {
      if (!f.startsWith(core + path.sep)) continue;
      const from = folderOf(f);
      const set = folders.get(from) ?? new Set<string>();
      folders.set(from, set);
      for (const d of deps) if (folderOf(d) !== from) set.add(folderOf(d));
    }
    const folderGraph = new Map([...folders].map(([k, v]) => [k, [...v]]));
    assert.deepEqual(cyclesOf(folderGraph), []);
    const above = (a: string, b: string): void => {
      assert.ok(folderGraph.get(a)?.includes(b), `${a} imports ${b}`);
      assert.ok(!folderGraph.get(b)?.includes(a), `${b} must not import ${a}`);
    };
    above('index', 'rules');
    above('index', 'coverage');
    above('index', 'ground');
    above('rules', 'ground');
    above('features', 'index');
    above('report', 'index');
  });
});
