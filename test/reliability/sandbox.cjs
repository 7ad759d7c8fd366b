// Preloaded with `node --require` by the reliability tests: every way Node reaches the network
// (sockets that connect, DNS, HTTP(S), HTTP/2, TLS, UDP, fetch, WebSocket) and every way it starts
// another program throws, and each attempt is recorded as a JSON line in $SANDBOX_LOG. Pipes that
// already exist (stdio, the IPC channel) and worker threads never call connect, so they keep
// working; worker scripts are recorded so a test can check they are the tool's own.
'use strict';

const fs = require('node:fs');
const { threadId } = require('node:worker_threads');

const logFile = process.env.SANDBOX_LOG;
const { openSync, writeSync } = fs;
const fd = logFile ? openSync(logFile, 'a') : undefined;

function record(kind, what, detail) {
  if (fd === undefined) return;
  const stack = (new Error().stack || '').split('\n').slice(3, 7).map((l) => l.trim()).join(' | ');
  writeSync(fd, `${JSON.stringify({ kind, what, detail: String(detail), pid: process.pid, thread: threadId, stack })}\n`);
}

function refuse(what, detail) {
  record('refused', what, detail);
  const e = new Error(`sandbox: ${what} refused (${detail})`);
  e.code = 'EACCES';
  throw e;
}

function describeTarget(args) {
  const a = args[0];
  if (a && typeof a === 'object') return a.path || a.href || `${a.host || a.hostname || 'localhost'}:${a.port || ''}`;
  return args.filter((x) => typeof x === 'string' || typeof x === 'number').join(' ');
}

function guard(target, name, what) {
  if (!target || typeof target[name] !== 'function') return;
  Object.defineProperty(target, name, {
    configurable: true,
    writable: true,
    value: function guarded(...args) {
      return refuse(what, describeTarget(args));
    },
  });
}

const net = require('node:net');
guard(net.Socket.prototype, 'connect', 'net.Socket.connect');
guard(net, 'connect', 'net.connect');
guard(net, 'createConnection', 'net.createConnection');

const tls = require('node:tls');
guard(tls, 'connect', 'tls.connect');

for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  guard(m, 'request', `${mod.slice(5)}.request`);
  guard(m, 'get', `${mod.slice(5)}.get`);
}
guard(require('node:http2'), 'connect', 'http2.connect');
guard(require('node:dgram'), 'createSocket', 'dgram.createSocket');

const dns = require('node:dns');
for (const name of Object.keys(dns)) {
  if (/^(lookup|lookupService|resolve.*|reverse)$/.test(name)) guard(dns, name, `dns.${name}`);
}
for (const name of Object.keys(dns.promises)) {
  if (/^(lookup|lookupService|resolve.*|reverse)$/.test(name)) guard(dns.promises, name, `dns.promises.${name}`);
}
for (const proto of [dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
  for (const name of Object.getOwnPropertyNames(proto)) if (/^(resolve.*|reverse)$/.test(name)) guard(proto, name, `dns.Resolver.${name}`);
}

for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] === 'function') guard(globalThis, name, name);
}

const childProcess = require('node:child_process');
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']) guard(childProcess, name, `child_process.${name}`);

const workerThreads = require('node:worker_threads');
const OriginalWorker = workerThreads.Worker;
workerThreads.Worker = class RecordedWorker extends OriginalWorker {
  constructor(filename, options) {
    record('worker', 'worker_threads.Worker', filename instanceof URL ? filename.href : options && options.eval ? '<eval>' : filename);
    super(filename, options);
  }
};

// So a test can tell the guard was in place.
record('loaded', 'sandbox', process.argv[1] || '');
