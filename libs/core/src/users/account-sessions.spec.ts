import { EventEmitter } from 'node:events';
import type Redis from 'ioredis';
import { loadConfig } from '../config/config';
import { AccountSessions } from './account-sessions';
import type { SessionState, UsersRepository } from './users.repository';

const ID = '6f1c1c56-0000-4000-8000-000000000001';
const config = loadConfig({ NODE_ENV: 'test', REDIS_PREFIX: 'unit' });

/** A subscriber connection whose events the test drives. */
class FakeSubscriber extends EventEmitter {
  subscribed: string[] = [];
  async subscribe(channel: string): Promise<void> {
    this.subscribed.push(channel);
  }
  disconnect(): void {
    this.emit('close');
  }
}

function setup() {
  const subscriber = new FakeSubscriber();
  const published: [string, string][] = [];
  const redis = {
    duplicate: () => subscriber,
    publish: async (channel: string, message: string) => published.push([channel, message]),
  } as unknown as Redis;
  let state: SessionState = {
    sessionVersion: 0,
    active: true,
    role: 'operator',
    collaboratorId: null,
    aggregatorId: null,
  };
  let reads = 0;
  let gate: Promise<void> | null = null;
  const users = {
    sessionState: async () => {
      reads++;
      const seen = { ...state };
      if (gate) await gate;
      return seen;
    },
  } as unknown as UsersRepository;
  const sessions = new AccountSessions(redis, config, users);
  const subscribe = async () => {
    subscriber.emit('ready');
    await new Promise((r) => setImmediate(r));
  };
  return {
    sessions,
    subscriber,
    published,
    reads: () => reads,
    set: (s: Partial<SessionState>) => (state = { ...state, ...s }),
    hold: () => {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = null;
        release();
      };
    },
    subscribe,
  };
}

describe('AccountSessions', () => {
  it('reads the database on every check until it listens for invalidations, then from its cache', async () => {
    const t = setup();
    await t.sessions.state(ID);
    await t.sessions.state(ID);
    expect(t.reads()).toBe(2);
    await t.subscribe();
    expect(t.subscriber.subscribed).toEqual(['unit:sessions']);
    await t.sessions.state(ID);
    await t.sessions.state(ID);
    expect(t.reads()).toBe(3);
  });

  it('drops an account on an invalidation message, and publishes its own', async () => {
    const t = setup();
    await t.sessions.state(ID);
    await t.subscribe();
    await t.sessions.state(ID);
    t.set({ sessionVersion: 1 });
    expect((await t.sessions.state(ID))?.sessionVersion).toBe(0);
    t.subscriber.emit('message', 'unit:sessions', ID);
    expect((await t.sessions.state(ID))?.sessionVersion).toBe(1);
    t.set({ sessionVersion: 2 });
    await t.sessions.ended(ID);
    expect(t.published).toEqual([['unit:sessions', ID]]);
    expect((await t.sessions.state(ID))?.sessionVersion).toBe(2);
  });

  it('does not cache a read that an invalidation overtook', async () => {
    const t = setup();
    await t.sessions.state(ID);
    await t.subscribe();
    const release = t.hold();
    const racing = t.sessions.state(ID);
    t.set({ sessionVersion: 1 });
    t.subscriber.emit('message', 'unit:sessions', ID);
    release();
    expect((await racing)?.sessionVersion).toBe(0);
    expect((await t.sessions.state(ID))?.sessionVersion).toBe(1);
  });

  it('forgets everything when the connection drops, and reads the database until subscribed again', async () => {
    const t = setup();
    await t.sessions.state(ID);
    await t.subscribe();
    await t.sessions.state(ID);
    t.subscriber.emit('close');
    t.set({ active: false });
    expect((await t.sessions.state(ID))?.active).toBe(false);
    const before = t.reads();
    await t.sessions.state(ID);
    expect(t.reads()).toBe(before + 1);
  });
});
