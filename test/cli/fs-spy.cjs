// Preloaded with `node --require` by the CLI tests: records the path argument of every fs call (sync,
// callback and promise forms) as a JSON line in $FS_SPY_LOG, so a test can prove which files a run
// touched. Writes with functions captured before anything is wrapped, so it never records itself.
'use strict';

const fs = require('node:fs');
const nodePath = require('node:path');
const { fileURLToPath } = require('node:url');

const logFile = process.env.FS_SPY_LOG;

if (logFile) {
  const { openSync, writeSync } = fs;
  const fd = openSync(logFile, 'a');
  const cwd = process.cwd();

  const asPath = (p) => {
    if (typeof p === 'string') return p;
    if (Buffer.isBuffer(p)) return p.toString('utf8');
    if (p instanceof URL && p.protocol === 'file:') return fileURLToPath(p);
    return undefined;
  };
  const record = (op, p) => {
    const s = asPath(p);
    if (s !== undefined) writeSync(fd, `${JSON.stringify({ op, path: nodePath.resolve(cwd, s) })}\n`);
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
