// Preloaded into the server by the Terraform memory benchmark (node --require): on SIGUSR2 it writes the
// V8 heap statistics to the file named by BENCH_HEAP_STATS_FILE, so the report can say how much of the
// server's RSS is the JavaScript heap. It does nothing until signalled.
const fs = require('fs');
const v8 = require('v8');

process.on('SIGUSR2', () => {
  const heap = v8.getHeapStatistics();
  const memory = process.memoryUsage();
  const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, { used: space.space_used_size, size: space.space_size }]));
  fs.writeFileSync(process.env.BENCH_HEAP_STATS_FILE, JSON.stringify({
    usedHeap: heap.used_heap_size, totalHeap: heap.total_heap_size, external: memory.external, arrayBuffers: memory.arrayBuffers, spaces,
  }));
});
