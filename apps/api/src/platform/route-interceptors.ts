import { RequestMethod } from '@nestjs/common';
import { INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants';
import type { FastifyReply, FastifyRequest, preSerializationHookHandler } from 'fastify';
import { IdempotencyInterceptor, NO_IDEMPOTENCY } from './idempotency.interceptor';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route answers a versioned resource: its success carries `ETag: "<version>"` */
    ksbbEtag?: boolean;
  }
}

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
 * A GET or PATCH of one versioned resource answers with `ETag: "<version>"`, the value `If-Match` expects: set from the
 * handler's answer just before Fastify serialises it (a route-level `preSerialization` hook). Problems (4xx/5xx) carry
 * no version and get no ETag.
 */
const etagFromVersion: preSerializationHookHandler = (
  _request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  done: (err: Error | null, payload?: unknown) => void,
): void => {
  const version = reply.statusCode < 400 ? (payload as { version?: unknown } | null | undefined)?.version : undefined;
  if (typeof version === 'number') reply.header('etag', `"${version}"`);
  done(null, payload);
};

/**
 * Puts the idempotency interceptor and the ETag on the routes that use them instead of running them globally:
 * - IdempotencyInterceptor on every POST not marked `@NoIdempotency()` and not under /auth/ (as before), as route
 *   metadata; it is handed in as an instance (a provider of the platform module), so Nest uses it without looking it
 *   up in the controller's module;
 * - the ETag on every GET and PATCH whose documented answer carries `version` (a versioned resource), as a Fastify
 *   `preSerialization` hook of that route — not a Nest interceptor, which cost each such request an rxjs pipe and an
 *   `AsyncResource.bind` (with Node 20's deprecation wrapper) on the read path.
 * Runs before `app.init()` registers the routes.
 */
export function attachRouteInterceptors(app: NestFastifyApplication): { idempotent: number; etag: number } {
  const reflector = app.get(Reflector);
  const idempotency = app.get(IdempotencyInterceptor);
  const counts = { idempotent: 0, etag: 0 };
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRoute', (route) => {
      if (!route.config?.ksbbEtag) return;
      const own = route.preSerialization;
      route.preSerialization = [...(own ? (Array.isArray(own) ? own : [own]) : []), etagFromVersion];
    });
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
          const config = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, method) ?? {}) as Record<string, unknown>;
          Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, { ...config, ksbbEtag: true }, method);
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
