// Preloaded with `node --require` by the CLI tests: records the path argument of every fs call (sync,
// callback and promise forms) as a JSON line in $FS_SPY_LOG, so a test can prove which files a run
// touched. Writes with functions captured before anything is wrapped, so it never records itself.
// With $FS_SPY_DENY set to a path, sync calls on it fail with EACCES, as for a folder the user may
// not read (which a test running as root cannot otherwise produce).
'use strict';

const fs = require('node:fs');
const nodePath = require('node:path');
const { fileURLToPath } = require('node:url');

const logFile = process.env.FS_SPY_LOG;
const deny = process.env.FS_SPY_DENY;

if (logFile || deny) {
  const { openSync, writeSync } = fs;
  const fd = logFile ? openSync(logFile, 'a') : undefined;
  const cwd = process.cwd();

  const asPath = (p) => {
    if (typeof p === 'string') return p;
    if (Buffer.isBuffer(p)) return p.toString('utf8');
    if (p instanceof URL && p.protocol === 'file:') return fileURLToPath(p);
    return undefined;
  };
  const record = (op, p) => {
    const s = asPath(p);
    if (s === undefined) return;
    const abs = nodePath.resolve(cwd, s);
    if (fd !== undefined) writeSync(fd, `${JSON.stringify({ op, path: abs })}\n`);
    if (deny && op.endsWith('Sync') && (abs === deny || abs.startsWith(deny + nodePath.sep))) {
      throw Object.assign(new Error(`EACCES: permission denied, ${op.replace(/Sync$/, '')} '${abs}'`), { code: 'EACCES', errno: -13, syscall: op.replace(/Sync$/, ''), path: abs });
    }
  };

  const ONE_PATH = [
    'access', 'appendFile', 'chmod', 'chown', 'exists', 'lchmod', 'lchown', 'lstat', 'lutimes', 'mkdir', 'mkdtemp', 'open',
    'openAsBlob', 'opendir', 'readdir', 'readFile', 'readlink', 'realpath', 'rm', 'rmdir', 'stat', 'statfs', 'truncate',
    'unlink', 'utimes', 'watch', 'watchFile', 'unwatchFile', 'writeFile', 'createReadStream', 'createWriteStream', 'glob',
  ];
  const TWO_PATHS = ['copyFile', 'cp', 'link', 'rename', 'symlink'];

  const wrap = (target, name, op, paths) => {
    const original = target[name];
    if (typeof original !== 'function' || original.__fsSpy) return;
    const wrapped = function (...args) {
      for (let i = 0; i < paths; i++) record(op, args[i]);
      return original.apply(this, args);
    };
    // Keep what hangs off the original: realpath.native, exists' promisify.custom.
    for (const key of Reflect.ownKeys(original)) {
      if (key === 'length' || key === 'name' || key === 'prototype' || key === 'arguments' || key === 'caller') continue;
      Object.defineProperty(wrapped, key, Object.getOwnPropertyDescriptor(original, key));
    }
    Object.defineProperty(wrapped, '__fsSpy', { value: true });
    target[name] = wrapped;
    if (typeof original.native === 'function') wrap(wrapped, 'native', `${op}.native`, paths);
  };

  for (const [names, paths] of [[ONE_PATH, 1], [TWO_PATHS, 2]]) {
    for (const name of names) {
      wrap(fs, name, name, paths);
      wrap(fs, `${name}Sync`, `${name}Sync`, paths);
      wrap(fs.promises, name, `promises.${name}`, paths);
    }
  }
}
