import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * Validates message objects against LINE's own OpenAPI schema (test/fixtures/line-openapi). The
 * spec models polymorphism as a base schema with `discriminator.mapping` whose subtypes `allOf`
 * the base; ajv does not follow that, so every reference to such a base (except the one inside a
 * subtype's own allOf) is replaced by a oneOf over the mapping, each branch pinned to its
 * discriminator value. Nested errors (a bad Flex layout deep in a carousel) are then caught.
 */
type Json = Record<string, unknown>;
const PREFIX = '#/components/schemas/';

export interface LineSchema {
  /** Problems of `value` against components.schemas[name], as "path: message" lines; [] when valid. */
  validate(name: string, value: unknown): string[];
}

export function loadLineSchema(): LineSchema {
  const file = path.join(__dirname, '../fixtures/line-openapi/messaging-api.yml');
  const doc = parse(readFileSync(file, 'utf8')) as { components: { schemas: Record<string, Json> } };
  const schemas = doc.components.schemas;

  const discriminated = new Map<string, { prop: string; mapping: Record<string, string> }>();
  for (const [name, s] of Object.entries(schemas)) {
    const d = s.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
    if (d?.mapping) discriminated.set(name, { prop: d.propertyName, mapping: d.mapping });
  }
  const expand = (base: string): Json => {
    const d = discriminated.get(base)!;
    return {
      oneOf: Object.entries(d.mapping).map(([value, ref]) => ({
        allOf: [{ $ref: ref }, { properties: { [d.prop]: { const: value } }, required: [d.prop] }],
      })),
    };
  };
  const rewrite = (node: unknown, owner: string, inOwnAllOf: boolean): unknown => {
    if (Array.isArray(node)) return node.map((x) => rewrite(x, owner, inOwnAllOf));
    if (!node || typeof node !== 'object') return node;
    const obj = node as Json;
    if (typeof obj.$ref === 'string' && obj.$ref.startsWith(PREFIX)) {
      const target = obj.$ref.slice(PREFIX.length);
      if (discriminated.has(target) && !inOwnAllOf) return expand(target);
      return obj;
    }
    const out: Json = {};
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'discriminator') continue;
      // A subtype's allOf names its own base: keep that reference as it is.
      out[k] = k === 'allOf' ? (v as unknown[]).map((x) => rewrite(x, owner, true)) : rewrite(v, owner, false);
    }
    return out;
  };
  const rewritten: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(schemas)) rewritten[name] = rewrite(s, name, false);

  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });
  ajv.addSchema({ $id: 'line', components: { schemas: rewritten } });
  const cache = new Map<string, ValidateFunction>();
  return {
    validate(requested, value) {
      // Route a discriminated base to the subtype the value names, for readable errors.
      const d = discriminated.get(requested);
      const tag = d && value && typeof value === 'object' ? (value as Json)[d.prop] : undefined;
      const ref = d && typeof tag === 'string' ? d.mapping[tag] : undefined;
      const name = ref ? ref.slice(PREFIX.length) : requested;
      let fn = cache.get(name);
      if (!fn) {
        const target = discriminated.has(name) ? expand(name) : { $ref: `${PREFIX}${name}` };
        fn = ajv.compile({
          $id: `check-${name}`,
          ...JSON.parse(JSON.stringify(target).replaceAll('"#/components', '"line#/components')),
        });
        cache.set(name, fn);
      }
      if (fn(value)) return [];
      return (fn.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
    },
  };
}
