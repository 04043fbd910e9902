import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { APP_CONFIG, AppConfig, metricsAccess } from '@ksbb/core';
import { WorkerMetrics } from '../metrics/worker-metrics';
import { ReadinessProbe } from './readiness-probe';

/** The worker has no HTTP API; this small server only answers the orchestrator's probes and Prometheus. */
@Injectable()
export class HealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HealthServer.name);
  private readonly server: Server = createServer((req, res) => {
    this.route(req, res).catch((err: Error) => {
      this.logger.error({ err: err.message }, 'health request failed');
      if (!res.headersSent) sendJson(res, 500, { status: 'error' });
      else res.end();
    });
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly readiness: ReadinessProbe,
    private readonly metrics: WorkerMetrics,
  ) {}

  /** The bound port (differs from the configured one when that is 0). */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async onApplicationBootstrap(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.config.WORKER_HEALTH_PORT, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.logger.log({ port: this.port }, 'health server listening');
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { status: 'error' });
    switch (path) {
      case '/health/live':
        return sendJson(res, 200, { status: 'ok' });
      case '/health/ready': {
        const { ready, checks } = await this.readiness.check();
        return sendJson(res, ready ? 200 : 503, { status: ready ? 'ok' : 'error', checks });
      }
      case '/metrics': {
        // Only for the scraper: Bearer METRICS_TOKEN; off (404) while it is unset.
        const access = metricsAccess(req.headers.authorization, this.config.METRICS_TOKEN);
        if (access === 'off') return sendJson(res, 404, { status: 'error' });
        if (access === 'refused') {
          res.setHeader('www-authenticate', 'Bearer');
          return sendJson(res, 401, { status: 'error' });
        }
        const body = await this.metrics.registry.metrics();
        res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(body);
        return;
      }
      default:
        return sendJson(res, 404, { status: 'error' });
    }
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
