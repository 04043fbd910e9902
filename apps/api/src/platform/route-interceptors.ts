import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EtagInterceptor } from './etag.interceptor';
import { IdempotencyInterceptor, NO_IDEMPOTENCY } from './idempotency.interceptor';

const API_RESPONSE = 'swagger/apiResponse';
const MODEL_PROPERTIES = 'swagger/apiModelPropertiesArray';

/** Whether a route's documented success response (a class) has a `version` field; undocumented: assumed so. */
function answersVersion(method: object): boolean {
  const responses = Reflect.getMetadata(API_RESPONSE, method) as Record<string, { type?: unknown }> | undefined;
  if (!responses) return true;
  const success = Object.entries(responses).filter(([status]) => /^2\d\d$/.test(status) || status === 'default');
  if (!success.length) return true;
  return success.some(([, r]) => {
    const type = Array.isArray(r.type) ? r.type[0] : r.type;
    if (typeof type !== 'function') return r.type === undefined;
    const props = (Reflect.getMetadata(MODEL_PROPERTIES, type.prototype) ?? []) as string[];
    return props.includes(':version');
  });
}

/**
 * Puts the idempotency and ETag interceptors on the routes that use them, as route metadata, instead of running them
 * globally (each global interceptor costs every request an rxjs pipe and an `AsyncResource.bind`):
 * - IdempotencyInterceptor on every POST not marked `@NoIdempotency()` and not under /auth/ (as before);
 * - EtagInterceptor on every GET and PATCH whose documented answer carries `version` (a versioned resource).
 * Runs before `app.init()` registers the routes; the interceptors are handed in as instances (they are providers of
 * the platform module), so Nest uses them without looking them up in the controller's module.
 */
export function attachRouteInterceptors(app: NestFastifyApplication): { idempotent: number; etag: number } {
  const reflector = app.get(Reflector);
  const idempotency = app.get(IdempotencyInterceptor);
  const etag = app.get(EtagInterceptor);
  const counts = { idempotent: 0, etag: 0 };
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      const classPath = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const method = Object.getOwnPropertyDescriptor(type.prototype, name)?.value as unknown;
        if (typeof method !== 'function' || name === 'constructor') continue;
        if (Reflect.getMetadata(PATH_METADATA, method) === undefined) continue;
        const verb = Reflect.getMetadata(METHOD_METADATA, method) as RequestMethod;
        const add: object[] = [];
        if (
          verb === RequestMethod.POST &&
          !/^\/?auth(\/|$)/.test(classPath) &&
          reflector.getAllAndOverride<boolean>(NO_IDEMPOTENCY, [method, type]) !== true
        ) {
          add.push(idempotency);
          counts.idempotent++;
        }
        if ((verb === RequestMethod.GET || verb === RequestMethod.PATCH) && answersVersion(method)) {
          add.push(etag);
          counts.etag++;
        }
        if (!add.length) continue;
        const existing = (Reflect.getMetadata(INTERCEPTORS_METADATA, method) ?? []) as unknown[];
        Reflect.defineMetadata(INTERCEPTORS_METADATA, [...add, ...existing.filter((i) => !add.includes(i as object))], method);
      }
    }
  }
  return counts;
}
