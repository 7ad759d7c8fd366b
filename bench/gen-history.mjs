#!/usr/bin/env node
// Gives a generated corpus (gen-corpus.mjs) a git history, for measuring body-changed-after-review:
// the corpus committed on 2026-01-05, then COMMITS commits a day apart, each editing EDITS documents:
// half of the edits change a body, half only the frontmatter (an owner), a tenth of those also record
// a review. Deterministic for a given corpus, COMMITS and SEED.
// usage: node gen-history.mjs CORPUS_DIR [COMMITS=300] [EDITS=10] [SEED=7]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [dir, commitsArg = '300', editsArg = '10', seedArg = '7'] = process.argv.slice(2);
if (!dir) { console.error('usage: gen-history.mjs CORPUS_DIR [COMMITS] [EDITS] [SEED]'); process.exit(2); }
let seed = Number(seedArg);
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
const git = (args, extra = {}) => execFileSync('git', ['-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', ...args], { cwd: dir, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'inherit'] });
const day = (n) => new Date(Date.UTC(2026, 0, 5) + n * 86400000).toISOString().slice(0, 10);
const commit = (n, message) => {
  const when = `${day(n)}T10:00:00+00:00`;
  git(['commit', '-q', '-m', message], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
};

const docs = [];
const walk = (d) => {
  for (const e of fs.readdirSync(path.join(dir, d), { withFileTypes: true })) {
    const rel = d ? `${d}/${e.name}` : e.name;
    if (e.isDirectory() && e.name !== '.git' && e.name !== 'evidence') walk(rel);
    else if (e.isFile() && rel.endsWith('.md')) docs.push(rel);
  }
};
walk('');
docs.sort();
fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
git(['init', '-q']);
git(['add', '-A']);
commit(0, 'Import the program');
for (let c = 1; c <= Number(commitsArg); c++) {
  const touched = [];
  for (let k = 0; k < Number(editsArg); k++) {
    const rel = docs[Math.floor(rnd() * docs.length)];
    const abs = path.join(dir, rel);
    let text = fs.readFileSync(abs, 'utf8');
    if (rnd() < 0.5) text = `${text.trimEnd()}\n\nAmended in change ${c}.\n`;
    else {
      text = text.replace(/^owner: .*$/m, `owner: owner-${c % 17}`);
      if (rnd() < 0.1) text = text.replace(/^last_reviewed: .*$/m, `last_reviewed: ${day(c)}`);
    }
    fs.writeFileSync(abs, text);
    touched.push(rel);
  }
  git(['add', '--', ...touched]);
  commit(c, `Change ${c}`);
}
console.log(`${docs.length} documents, ${Number(commitsArg) + 1} commits`);
