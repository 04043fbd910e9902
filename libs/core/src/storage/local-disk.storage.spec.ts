import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config';
import { newStorageKey } from './file-storage';
import { LocalDiskStorage } from './local-disk.storage';

describe('LocalDiskStorage', () => {
  let dir: string;
  let storage: LocalDiskStorage;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ksbb-storage-'));
    storage = new LocalDiskStorage(loadConfig({ NODE_ENV: 'test', STORAGE_DIR: dir }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stores, reads, streams and deletes by a server-made key', async () => {
    const key = newStorageKey('handovers');
    await storage.put(key, Buffer.from('isi berkas'));
    expect((await storage.get(key)).toString()).toBe('isi berkas');
    const chunks: Buffer[] = [];
    for await (const chunk of storage.stream(key)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('isi berkas');
    await storage.delete(key);
    await expect(storage.get(key)).rejects.toThrow();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it.each(['../etc/passwd', 'handovers/../../x', '/etc/passwd', 'handovers/abc', 'HANDOVERS/x', ''])(
    'refuses the key %p',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/storage key/);
      await expect(storage.get(key)).rejects.toThrow(/storage key/);
      expect(() => storage.stream(key)).toThrow(/storage key/);
    },
  );
});
