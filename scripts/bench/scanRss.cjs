// Preloaded (--require) into the processes the scan benchmark times: writes the process's peak resident
// memory (kB, from getrusage) to $ECR_GUARD_BENCH_RSS_FILE when it exits.
'use strict';
const fs = require('fs');

const file = process.env.ECR_GUARD_BENCH_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
