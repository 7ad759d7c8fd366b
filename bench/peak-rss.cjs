// Preloaded with `node --require` by the benchmark: writes the process's peak resident set size (all
// threads, in KB) to $BENCH_RSS_FILE when it exits.
'use strict';

const fs = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
  });
}
