// Runs autocannon programmatically in its own process (so it can be pinned to another core) and prints the
// result as JSON. Config (a JSON file named by argv[2]): { url, connections, duration, random, requests: [{ method, path, headers, body }] }.
// By default every connection walks the list in order (all connections in step); with `random` each request is
// drawn at random from the list, like pgbench's `random()` — so 64 connections spread over the hot rows instead of
// all queueing on the same one at the same moment.
const autocannon = require('autocannon');

const config = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.duration,
    pipelining: 1,
    requests: config.random
      ? [{ setupRequest: (req) => ({ ...req, ...config.requests[Math.floor(Math.random() * config.requests.length)] }) }]
      : config.requests,
  },
  (err, result) => {
    if (err) {
      process.stderr.write(String(err));
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(result));
  },
);
