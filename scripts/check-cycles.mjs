// Fails when the imports under src/ form a cycle (type-only imports count: a cycle of types
// is still two modules that cannot be understood apart). Uses TypeScript's own module
// resolution, so what it follows is what the compiler follows.
//   node scripts/check-cycles.mjs [dir]     (default: src)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The import graph of every .ts file under `dir`: file -> files it imports (inside `dir`). */
export function importGraph(dir) {
  const files = fs
    .readdirSync(dir, { recursive: true })
    .map((f) => path.resolve(dir, f))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  const inside = new Set(files);
  const options = { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, allowJs: false };
  const graph = new Map();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
    const targets = new Set();
    for (const { fileName } of importedFiles) {
      const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule?.resolvedFileName;
      if (resolved && inside.has(path.resolve(resolved))) targets.add(path.resolve(resolved));
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): Tarjan's algorithm. */
export function findCycles(graph) {
  let index = 0;
  const indices = new Map();
  const lowlinks = new Map();
  const onStack = new Set();
  const stack = [];
  const cycles = [];
  const visit = (node) => {
    indices.set(node, index);
    lowlinks.set(node, index);
    index++;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowlinks.set(node, Math.min(lowlinks.get(node), lowlinks.get(next)));
      } else if (onStack.has(next)) {
        lowlinks.set(node, Math.min(lowlinks.get(node), indices.get(next)));
      }
    }
    if (lowlinks.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const dir = path.resolve(root, process.argv[2] ?? 'src');
  const cycles = findCycles(importGraph(dir));
  if (cycles.length > 0) {
    console.error(`Import cycles under ${path.relative(root, dir) || '.'}: break each, so arrows point one way.`);
    for (const cycle of cycles) console.error(`  ${cycle.map((f) => path.relative(root, f)).join(' <-> ')}`);
    process.exit(1);
  }
  console.log(`No import cycles under ${path.relative(root, dir)}.`);
}
