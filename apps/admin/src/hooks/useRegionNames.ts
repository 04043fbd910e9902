import { useEffect, useSyncExternalStore } from 'react';
import type { Schemas } from '@ksbb/api-client';
import { api } from '../api/client';

export type Region = Schemas['RegionResponse'];

/**
 * Region names for region codes, cheaply: one shared cache for the whole app (regions hardly change), and the codes
 * wanted in the same moment are looked up together in one request (`GET /regions?codes=…`, at most 100 a time).
 * A code the API does not know is remembered as unknown (null) and shown as the code itself.
 */
const cache = new Map<string, Region | null>();
const wanted = new Set<string>();
const listeners = new Set<() => void>();
let version = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
const BATCH = 100;

function notify(): void {
  version += 1;
  for (const listener of listeners) listener();
}

/** The codes whose names a label needs: the code, and for an RW or RT its kelurahan and RW (their code prefixes). */
export function codesToLoad(code: string): string[] {
  const parts = code.split('.');
  const codes = [code];
  // 31.71.01.1001.RW01.RT001: the village is the first four parts, the RW the first five
  if (parts.length >= 5) codes.push(parts.slice(0, 4).join('.'));
  if (parts.length >= 6) codes.push(parts.slice(0, 5).join('.'));
  return codes;
}

async function flush(): Promise<void> {
  timer = null;
  const codes = [...wanted].filter((code) => !cache.has(code));
  wanted.clear();
  for (let start = 0; start < codes.length; start += BATCH) {
    const batch = codes.slice(start, start + BATCH);
    try {
      const { data } = await api.GET('/api/v1/regions', {
        params: { query: { codes: batch.join(','), limit: BATCH } },
      });
      if (!data) continue; // a failed lookup is tried again the next time the code is wanted
      const found = new Map(data.data.map((region) => [region.code, region]));
      for (const code of batch) cache.set(code, found.get(code) ?? null);
    } catch {
      // offline or refused: the codes stay as they are
    }
  }
  notify();
}

function want(codes: readonly string[]): void {
  let added = false;
  for (const code of codes) {
    if (!code || cache.has(code) || !/^[0-9A-Z.]{1,40}$/.test(code)) continue;
    wanted.add(code);
    added = true;
  }
  if (added && timer === null) timer = setTimeout(() => void flush(), 10);
}

/** Remember regions the app already has (e.g. picker results), so that their labels need no request. */
export function rememberRegions(regions: readonly Region[]): void {
  for (const region of regions) cache.set(region.code, region);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The cached region of a code: undefined while loading, null when unknown. */
export function cachedRegion(code: string): Region | null | undefined {
  return cache.get(code);
}

/** Looks up the regions of these codes (and the kelurahan and RW of RW/RT codes); re-renders when they arrive. */
export function useRegions(codes: readonly string[]): (code: string) => Region | null | undefined {
  useSyncExternalStore(subscribe, () => version);
  const key = codes.join(',');
  useEffect(() => {
    want(key.split(',').flatMap(codesToLoad));
  }, [key]);
  return cachedRegion;
}

/** For tests: forget everything. */
export function resetRegionCache(): void {
  cache.clear();
  wanted.clear();
  notify();
}
