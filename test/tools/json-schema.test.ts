// The published JSON Schemas (docs/schema/) are generated from the schemas the server checks with (the protocol's,
// src/backends/local/protocol-schema.ts, and the REST bodies', server/http/rest-schema.ts): each must be what
// `npm run schema` writes now, or it describes an API that no longer exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { REST_COMMANDS } from '../../server/http/rest.js';
import { SCHEMA_FILES, protocolJsonSchema, restJsonSchema, schemaText } from '../../scripts/json-schema.js';

describe('published JSON Schema', () => {
  it('docs/schema/protocol.json is what `npm run schema` writes from protocol-schema.ts', async () => {
    const expected = await schemaText(protocolJsonSchema(), SCHEMA_FILES.protocol);
    const actual = readFileSync(SCHEMA_FILES.protocol, 'utf8');
    assert.ok(actual === expected, 'docs/schema/protocol.json is stale: run `npm run schema` and commit the result');
  });

  it('names every frame kind, and each refuses fields it does not name', () => {
    const schema = protocolJsonSchema() as {
      oneOf: { $ref: string }[];
      $defs: Record<string, { type?: string; additionalProperties?: boolean }>;
    };
    assert.equal(schema.oneOf.length, 1 + 32 + 4, 'hello, every command, every rtc op');
    for (const [name, def] of Object.entries(schema.$defs))
      if (def.type === 'object') assert.equal(def.additionalProperties, false, name);
  });

  it('docs/schema/rest.json is what `npm run schema` writes from rest-schema.ts', async () => {
    const expected = await schemaText(restJsonSchema(), SCHEMA_FILES.rest);
    const actual = readFileSync(SCHEMA_FILES.rest, 'utf8');
    assert.ok(actual === expected, 'docs/schema/rest.json is stale: run `npm run schema` and commit the result');
  });

  it('names the body of every REST command, each an object that ignores unknown fields', () => {
    const schema = restJsonSchema() as { $defs: Record<string, { type?: string; additionalProperties?: boolean }> };
    assert.deepEqual(Object.keys(schema.$defs).sort(), [...REST_COMMANDS].sort());
    for (const [name, def] of Object.entries(schema.$defs)) {
      assert.equal(def.type, 'object', name);
      assert.equal(def.additionalProperties, undefined, name);
    }
  });
});
