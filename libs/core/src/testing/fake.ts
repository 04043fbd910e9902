import type { EntityManager } from 'typeorm';

/** Properties that promises, JSON and jest's matchers and printers look up on any object. */
const INTROSPECTED = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  '_isMockFunction',
]);

/**
 * Hands a fake that implements only some methods of a class to code typed against the class. Each fake declares
 * `implements Pick<RealClass, 'used' | 'methods'>`, so the compiler holds every method it has to the real
 * signature; a service calling a method the fake lacks fails loudly at run time instead of reading `undefined`.
 */
export function asReal<T extends object>(fake: Partial<T>): T {
  return new Proxy(fake, {
    get(target, prop, receiver) {
      if (prop in target || typeof prop === 'symbol' || INTROSPECTED.has(prop)) {
        return Reflect.get(target, prop, receiver);
      }
      throw new Error(`the fake does not implement ${String(prop)}`);
    },
  }) as T;
}

/** The manager the fake unit of work passes around; the in-memory fakes never use it. */
export const FAKE_MANAGER = Object.freeze({}) as EntityManager;
