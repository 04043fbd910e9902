import type { EntityManager } from 'typeorm';

/**
 * Hands a fake that implements only some methods of a class to code typed against the class. The fake is checked
 * against `Pick<T, K>`: every method it does implement must have the real signature, and a service that calls a
 * method the fake lacks fails loudly at run time instead of silently.
 */
export function asReal<T extends object>(fake: Partial<T>): T {
  return new Proxy(fake, {
    get(target, prop, receiver) {
      if (prop in target || typeof prop === 'symbol' || prop === 'then')
        return Reflect.get(target, prop, receiver);
      throw new Error(`the fake does not implement ${String(prop)}`);
    },
  }) as T;
}

/** The manager the fake unit of work passes around; the in-memory fakes never use it. */
export const FAKE_MANAGER = Object.freeze({}) as EntityManager;
