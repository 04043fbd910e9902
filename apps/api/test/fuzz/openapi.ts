import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The OpenAPI document the fuzzer is driven by, and validators of the responses it documents. */

export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  nullable?: boolean;
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  additionalProperties?: boolean | Schema;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}

export interface Operation {
  id: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  parameters: Parameter[];
  body?: { required: boolean; description: string; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  /** the security schemes it accepts; empty when public */
  security: string[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components: { schemas: Record<string, Schema> };
}

export const DOC_PATH = join(__dirname, '../../../../libs/api-client/openapi.json');

export function loadDoc(): OpenApiDoc {
  return JSON.parse(readFileSync(DOC_PATH, 'utf8')) as OpenApiDoc;
}

export function operations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        operationId: string;
        parameters?: Parameter[];
        requestBody?: Operation['body'];
        responses: Operation['responses'];
        security?: Record<string, string[]>[];
      };
      ops.push({
        id: op.operationId,
        method: method as Operation['method'],
        path,
        parameters: op.parameters ?? [],
        body: op.requestBody,
        responses: op.responses,
        security: (op.security ?? []).flatMap((s) => Object.keys(s)),
      });
    }
  }
  return ops;
}

/** Follows a local `#/components/schemas/X` reference (and `allOf: [one]` wrappers NestJS emits around them). */
export function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let depth = 0; depth < 20; depth++) {
    if (s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '');
      const target = doc.components.schemas[name];
      if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
      const { $ref: _ref, ...rest } = s;
      s = { ...target, ...rest };
    } else if (s.allOf && s.allOf.length === 1) {
      const { allOf, ...rest } = s;
      s = { ...resolve(doc, allOf[0]), ...rest };
    } else {
      return s;
    }
  }
  throw new Error('$ref cycle');
}

const DOC_ID = 'openapi';

/** Rewrites local references so they point into the components registered under DOC_ID. */
function rebase(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rebase);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rebase(v);
  }
  // NestJS writes a nullable reference as `{ type: object, nullable: true, allOf: [$ref] }`. Read literally (OpenAPI
  // 3.0.3), `allOf` would still refuse null; the generated client reads it as `X | null`, and so does the fuzzer.
  if (out.nullable === true && (out.type === undefined || out.allOf || out.$ref)) {
    const { nullable: _n, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDoc) {
    // strict off: the document carries OpenAPI keywords (example, nullable) that are not JSON Schema.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: rebase(doc.components) as object });
  }

  /** null when valid, else ajv's errors. */
  validate(key: string, schema: Schema, body: unknown): ErrorObject[] | null {
    let fn = this.cache.get(key);
    if (!fn) {
      fn = this.ajv.compile(rebase(schema) as object);
      this.cache.set(key, fn);
    }
    return fn(body) ? null : (fn.errors ?? []);
  }
}
