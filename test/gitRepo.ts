// Real git repositories for tests: commits with fixed author and committer dates, made by a git that
// reads no system or global config.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Runs the test's own git in `cwd` (its own identity; no system or global config). */
export function git(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgSign=false', '-c', 'init.defaultBranch=main', ...args], {
    cwd,
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 20000,
  });
}

export function initRepo(dir: string): string {
  git(dir, ['init', '-q']);
  return dir;
}

/** Writes files (null deletes), then commits everything with this date (YYYY-MM-DD, 10:00 UTC) as author and committer date. */
export function commit(dir: string, date: string, message: string, files: Readonly<Record<string, string | null>> = {}): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    if (content === null) fs.rmSync(abs, { force: true });
    else {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, content);
    }
  }
  const when = `${date}T10:00:00+00:00`;
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message], { GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when });
  return git(dir, ['rev-parse', 'HEAD']).trim();
}
