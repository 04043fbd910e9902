// The raw-BullMQ baseline for the notifications bench: N no-op jobs through one Worker with the same concurrency
// as the product's notifications queue, in its own process (pinned like the product's worker). Prints
// { jobs, ms, cpuSeconds } as JSON. Args: redisUrl prefix jobs concurrency.
const { Queue, Worker } = require('bullmq');

async function main() {
  const [redisUrl, prefix, jobsArg, concurrencyArg] = process.argv.slice(2);
  const jobs = Number(jobsArg);
  const u = new URL(redisUrl);
  const connection = { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null };
  const queue = new Queue('noop', { connection, prefix });
  let done = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const worker = new Worker('noop', async () => undefined, { connection, prefix, concurrency: Number(concurrencyArg) });
  worker.on('completed', () => {
    if (++done === jobs) finish();
  });
  await worker.waitUntilReady();
  const started = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < jobs; i += 1000) {
    const n = Math.min(1000, jobs - i);
    await queue.addBulk(
      Array.from({ length: n }, (_, k) => ({
        name: 'send-email',
        data: { deliveryId: `bench-${i + k}` },
        opts: { removeOnComplete: { count: 1000 }, attempts: 3 },
      })),
    );
  }
  await finished;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  process.stdout.write(JSON.stringify({ jobs, ms, cpuSeconds }));
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(String(e && e.stack ? e.stack : e));
    process.exit(1);
  },
);
