// `journeys lint` as bin/journeys.js runs it, then its process's peak resident memory on
// stderr (a last line "peak-rss <bytes>"), for `npm run bench`: Node gives a parent no
// child's peak. Plain JavaScript, so that no type stripping adds to what is measured.
//   node scripts/bench/peak-rss.js lint <root> [options...]
process.on('exit', () => {
  process.stderr.write(`\npeak-rss ${process.resourceUsage().maxRSS * 1024}\n`);
});
await import('../../bin/journeys.js');
