// The published JSON Schema of the protocol (docs/schema/) is generated from the schemas the server checks with
// (src/backends/local/protocol-schema.ts): it must be what `npm run schema` writes now, or it describes a protocol
// that no longer exists.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SCHEMA_FILES, protocolJsonSchema, schemaText } from '../../scripts/json-schema.js';

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
});
