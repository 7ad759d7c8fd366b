#!/usr/bin/env node
// The floor any checker stands on: read every document of the repository once, on one thread, and
// do nothing with the text. usage: node read-only.mjs ROOT
import fs from 'node:fs';
import path from 'node:path';

const root = process.argv[2];
let files = 0;
let chars = 0;
for (const top of ['policies', 'procedures', 'controls', 'narratives']) {
  const dir = path.join(root, top);
  if (!fs.existsSync(dir)) continue;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    chars += fs.readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8').length;
    files++;
  }
}
process.stdout.write(`${JSON.stringify({ files, chars })}\n`);
