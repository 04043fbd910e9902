import { handoverBody, needBody } from '@ksbb/testing/api';
import { sleep } from './infra';

/** One answered (or failed) request, as the client saw it. */
export interface Outcome {
  /** When the request was sent and when its answer arrived (ms since epoch). */
  sent: number;
  at: number;
  op: string;
  write: boolean;
  /** HTTP status; 0 when the connection failed or timed out (no answer). */
  status: number;
  problemJson: boolean;
}

/** Every write the API acknowledged with a 2xx and an id: what must survive any fault. */
export class Ledger {
  readonly needs = new Map<string, { published: boolean }>();
  readonly allocations = new Map<string, { needId: string; quantity: number }>();
  readonly handovers = new Map<string, { bastNumber: string; allocationId: string }>();
  readonly verified = new Set<string>();

  get writes(): number {
    return (
      this.needs.size +
      [...this.needs.values()].filter((n) => n.published).length +
      this.allocations.size +
      this.handovers.size +
      this.verified.size
    );
  }
}

export interface Actors {
  url: string;
  operatorToken: string;
  donorToken: string;
  commitmentId: string;
  /** Open needs with plenty of quantity left: claims never run out during a run. */
  needPool: string[];
  /** An RW code where handovers take place. */
  deliveryRegion: string;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
  problemJson: boolean;
}

/**
 * Concurrent clients doing the product's real writes (needs created and published, claims, handovers, verifications)
 * and reads, recording every outcome and every acknowledged write. Unanswered writes are never retried: their fate
 * is unknown to the client, and the invariants must hold either way.
 */
export class Load {
  readonly outcomes: Outcome[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly toHandOver: string[] = [];
  private readonly toVerify: string[] = [];

  constructor(
    private readonly actors: Actors,
    readonly ledger: Ledger,
    private readonly shape = { claimers: 3, readers: 2 },
  ) {}

  start(): void {
    this.running = true;
    const loops = [
      ...Array.from({ length: this.shape.claimers }, () => this.loop(() => this.claim())),
      this.loop(() => this.createNeed()),
      this.loop(() => this.handOver()),
      this.loop(() => this.verify()),
      ...Array.from({ length: this.shape.readers }, () => this.loop(() => this.read())),
    ];
    this.loops = loops;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    this.loops = [];
  }

  /** Outcomes answered within [from, to). */
  between(from: number, to: number): Outcome[] {
    return this.outcomes.filter((o) => o.at >= from && o.at < to);
  }

  /** Successful (2xx) requests per 1 s bucket, from `from` for `seconds` buckets. */
  rates(from: number, seconds: number): number[] {
    const buckets = new Array<number>(seconds).fill(0);
    for (const o of this.outcomes) {
      const i = Math.floor((o.at - from) / 1000);
      if (i >= 0 && i < seconds && o.status >= 200 && o.status < 300) buckets[i] += 1;
    }
    return buckets;
  }

  private async loop(step: () => Promise<void>): Promise<void> {
    while (this.running) {
      await step().catch(() => undefined);
    }
  }

  private async call(
    op: string,
    method: 'GET' | 'POST',
    path: string,
    token: string,
    body?: unknown,
  ): Promise<Answer> {
    const write = method === 'POST';
    const sent = Date.now();
    try {
      const res = await fetch(`${this.actors.url}/api/v1${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      const problemJson = (res.headers.get('content-type') ?? '').startsWith('application/problem+json');
      this.outcomes.push({ sent, at: Date.now(), op, write, status: res.status, problemJson });
      let parsed: Record<string, unknown> = {};
      try {
        parsed = text ? JSON.parse(text) : {};
      } catch {
        /* not JSON: only the status matters then */
      }
      return { status: res.status, body: parsed, problemJson };
    } catch {
      this.outcomes.push({ sent, at: Date.now(), op, write, status: 0, problemJson: false });
      // The API is away (killed, restarting): do not spin.
      await sleep(100);
      return { status: 0, body: {}, problemJson: false };
    }
  }

  private pick<T>(xs: T[]): T {
    return xs[Math.floor(Math.random() * xs.length)];
  }

  private async claim(): Promise<void> {
    const needId = this.pick(this.actors.needPool);
    const res = await this.call('claim', 'POST', '/allocations', this.actors.donorToken, {
      commitmentId: this.actors.commitmentId,
      needId,
      quantity: 1,
    });
    if (res.status === 201 && typeof res.body.id === 'string') {
      this.ledger.allocations.set(res.body.id, { needId, quantity: 1 });
      this.toHandOver.push(res.body.id);
    }
  }

  private async createNeed(): Promise<void> {
    const body = needBody({
      quantity: 1000 + Math.floor(Math.random() * 99_000),
      sourceRef: `CHAOS-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    });
    const created = await this.call('need.create', 'POST', '/needs', this.actors.operatorToken, body);
    if (created.status !== 201 || typeof created.body.id !== 'string') return;
    const id = created.body.id;
    this.ledger.needs.set(id, { published: false });
    const published = await this.call(
      'need.publish',
      'POST',
      `/needs/${id}/publish`,
      this.actors.operatorToken,
      {},
    );
    if (published.status === 200) {
      this.ledger.needs.set(id, { published: true });
      this.actors.needPool.push(id);
    }
    await sleep(200);
  }

  private async handOver(): Promise<void> {
    const allocationId = this.toHandOver.shift();
    if (!allocationId) return sleep(100);
    const body = handoverBody(this.actors.deliveryRegion, [{ allocationId, quantity: 1 }]);
    const res = await this.call('handover.submit', 'POST', '/handovers', this.actors.donorToken, body);
    if (res.status === 201 && typeof res.body.id === 'string') {
      this.ledger.handovers.set(res.body.id, { bastNumber: String(res.body.bastNumber), allocationId });
      this.toVerify.push(res.body.id);
    }
  }

  private async verify(): Promise<void> {
    const id = this.toVerify.shift();
    if (!id) return sleep(100);
    const res = await this.call(
      'handover.verify',
      'POST',
      `/handovers/${id}/verify`,
      this.actors.operatorToken,
      {},
    );
    if (res.status === 200) this.ledger.verified.add(id);
  }

  private async read(): Promise<void> {
    if (Math.random() < 0.5)
      await this.call(
        'need.get',
        'GET',
        `/needs/${this.pick(this.actors.needPool)}`,
        this.actors.operatorToken,
      );
    else await this.call('needs.list', 'GET', '/needs?status=open&limit=20', this.actors.operatorToken);
  }
}
