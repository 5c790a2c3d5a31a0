// Preloaded (--require) into the processes the scan benchmark times: writes the process's peak resident
// memory (kB) and its user and system CPU time (µs, all threads), from getrusage, to
// $ECR_GUARD_BENCH_RSS_FILE when it exits.
'use strict';
const fs = require('fs');

const file = process.env.ECR_GUARD_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime} ${usage.systemCPUTime}`);
  });
}
