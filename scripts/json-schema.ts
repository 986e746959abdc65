/**
 * Writes the published JSON Schemas of the local room server: its WebSocket protocol, docs/schema/protocol.json,
 * from the one definition of each frame (src/backends/local/protocol-schema.ts), and its Live REST API's request
 * bodies, docs/schema/rest.json, from server/http/rest-schema.ts. TypeBox schemas are JSON Schema objects, so this
 * only gathers them. `npm run schema` writes both; test/tools/json-schema.test.ts fails when one is stale.
 */
import { writeFileSync } from 'node:fs';
import type { TObject } from 'typebox';
import { fileURLToPath } from 'node:url';
import { COMMAND_TYPES } from '../src/model/commands.js';
import {
  MAX_FRAME_BYTES,
  MAX_REQUEST_ID_LENGTH,
  MAX_RTC_FRAME_BYTES,
  PROTOCOL_VERSION,
} from '../src/backends/local/protocol.js';
import {
  CommandArgsSchema,
  HelloFrameSchema,
  RtcFieldsSchema,
  type RtcOp,
  commandFrameSchema,
  rtcFrameSchema,
} from '../src/backends/local/protocol-schema.js';

import { MAX_BODY_BYTES } from '../server/http/rest-envelope.js';
import { REST_PARAM_CODE, RestBodySchema } from '../server/http/rest-schema.js';

export const SCHEMA_FILES = {
  protocol: new URL('../docs/schema/protocol.json', import.meta.url),
  rest: new URL('../docs/schema/rest.json', import.meta.url),
} as const;

/** Every client → server frame: `hello`, one `cmd` per command, one `rtc` per op. */
export function protocolJsonSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = { hello: HelloFrameSchema };
  for (const type of COMMAND_TYPES) {
    // The arguments once, under args.<type>: the frame refers to them (null or absent args is allowed exactly when
    // commandFrameSchema says so).
    const frame = commandFrameSchema(type) as TObject & { properties: Record<string, unknown> };
    const ref = { $ref: `#/$defs/args.${type}` };
    const args = frame.required?.includes('args') ? ref : { anyOf: [ref, { type: 'null' }] };
    defs[`cmd.${type}`] = { ...frame, properties: { ...frame.properties, args }, description: `The ${type} command.` };
  }
  for (const type of COMMAND_TYPES) defs[`args.${type}`] = CommandArgsSchema[type];
  for (const op of Object.keys(RtcFieldsSchema) as RtcOp[]) defs[`rtc.${op}`] = rtcFrameSchema(op);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `VoiceRoom Kit local room server protocol ${PROTOCOL_VERSION}: client → server frames`,
    description:
      `Generated from src/backends/local/protocol-schema.ts by \`npm run schema\`: do not edit. One JSON text ` +
      `frame per WebSocket message, at most ${MAX_FRAME_BYTES} bytes (an rtc answer up to ${MAX_RTC_FRAME_BYTES}). ` +
      `\`id\` (1..${MAX_REQUEST_ID_LENGTH} characters) is echoed by the server's answer. The server answers a frame ` +
      'that does not match with error code -1001 (INVALID_PARAMETER) naming the first bad field, and changes ' +
      'nothing. String lengths count code points, as JSON Schema does.',
    oneOf: Object.keys(defs)
      .filter((name) => !name.startsWith('args.'))
      .map((name) => ({ $ref: `#/$defs/${name}` })),
    $defs: defs,
  };
}

/** Every REST command's request body, under `<service>/<command>` (the path after /v4/). */
export function restJsonSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (const [service, commands] of Object.entries(RestBodySchema))
    for (const [command, schema] of Object.entries(commands))
      defs[`${service}/${command}`] = {
        ...schema,
        description: `POST /v4/${service}/${command}: bad fields answer ${REST_PARAM_CODE[service as keyof typeof RestBodySchema]} unless x-errorCode names another.`,
      };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'VoiceRoom Kit local room server: Live REST API request bodies',
    description:
      'Generated from server/http/rest-schema.ts by `npm run schema`: do not edit. server/http/README.md documents ' +
      `the API. One JSON object per POST, at most ${MAX_BODY_BYTES} bytes; unknown fields are ignored. A body that ` +
      "does not match is refused with the service's bad-field code (100002, 70402 for im_open_login_svc, 40001 for " +
      'profile) and an ErrorInfo naming the first bad field, and changes nothing. Extension keywords: `x-maxBytes` ' +
      "is a string's limit in UTF-8 bytes (`maxLength` says the same limit in code points, which a validator " +
      'unaware of x-maxBytes can check); `x-errorCode` maps a kind of failure (required, type, minLength, ' +
      'maxBytes, enum, range, minItems, maxItems) to the code it answers instead; `x-message` is the ErrorInfo ' +
      'of such a failure ({name} = the field, {value} = the value). Limits that depend on the server configuration ' +
      '(MaxMemberCount ≤ VR_MAX_MEMBERS) or on the room (a seat index it has) are checked after this.',
    $defs: defs,
  };
}

/** The file's text: JSON formatted as the repository's Prettier check wants it. */
export async function schemaText(schema: unknown, file: URL): Promise<string> {
  const { format, resolveConfig } = await import('prettier');
  const path = fileURLToPath(file);
  return format(JSON.stringify(schema), { ...(await resolveConfig(path)), filepath: path });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, schema] of [
    [SCHEMA_FILES.protocol, protocolJsonSchema()],
    [SCHEMA_FILES.rest, restJsonSchema()],
  ] as const) {
    writeFileSync(file, await schemaText(schema, file));
    console.log(`wrote ${fileURLToPath(file)}`);
  }
}
