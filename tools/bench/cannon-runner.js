// Runs autocannon programmatically in its own process (so it can be pinned to another core) and prints the
// result as JSON. Config (a JSON file named by argv[2]): { url, connections, duration, requests: [{ method, path, headers, body }] }.
const autocannon = require('autocannon');

const config = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.duration,
    pipelining: 1,
    requests: config.requests,
  },
  (err, result) => {
    if (err) {
      process.stderr.write(String(err));
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(result));
  },
);
