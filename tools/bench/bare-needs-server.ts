/**
 * The baseline of GET /needs/{id}: a bare node:http server with a node-postgres pool answering the same request with
 * the same statement the API sends for the same reader (built by the same helpers, prepared the same way) and the
 * row as JSON — no framework, no authentication, no logging, no rate limit.
 *
 *   BARE_DATABASE_URL=… BARE_PORT=… BARE_PRINCIPAL='{"kind":"user",…}' node -r ./tools/ts-register.js tools/bench/bare-needs-server.ts
 */
import { createServer } from 'node:http';
import { Pool } from 'pg';
import { contactVisibleSql, NEED_VIEW_COLUMNS, needReaderOf, needViewJoins, Principal } from '@ksbb/core';

const pool = new Pool({ connectionString: process.env.BARE_DATABASE_URL, max: Number(process.env.BARE_POOL_SIZE ?? 20) });
const principal = JSON.parse(process.env.BARE_PRINCIPAL ?? 'null') as Principal | null;
const reader = needReaderOf(principal);
const params: unknown[] = [null];
const visible = contactVisibleSql(reader.contact, (v) => `$${params.push(v)}`);
const text = `SELECT ${NEED_VIEW_COLUMNS} FROM needs n ${needViewJoins(visible)} WHERE n.id = $1 AND ${reader.visibleSql('n')}`;
const PATH = /^\/api\/v1\/needs\/([0-9a-f-]{36})$/;

createServer((req, res) => {
  const m = PATH.exec(req.url ?? '');
  if (!m) {
    res.writeHead(404).end();
    return;
  }
  pool.query({ name: 'need', text, values: [m[1], ...params.slice(1)] }).then(
    (r) => {
      if (!r.rows[0]) {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.stringify(r.rows[0]);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    () => res.writeHead(500).end(),
  );
}).listen(Number(process.env.BARE_PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
