import { type CallbackCommand, type CallbackConfig, isCallbackCommand } from '../callbacks/webhooks.js';
import type { SqlitePersistence } from '../db/repositories.js';
import type { Handler, RestCall } from './rest-context.js';
import { RestCode, RestError } from './rest-envelope.js';

/**
 * `live_config` (seed L18379-19080): one callback configuration per SDKAppID, stored in the settings table and
 * applied to the webhook sender at once. `set_callback_token` is ours: the seed refers to "设置回调鉴权 Token"
 * (L18225) without documenting it; with a token set, every callback carries Sign and RequestTime.
 */

const CONFIG_KEY = 'live.callback';
const TOKEN_KEY = 'live.callbackToken';
export const MAX_CALLBACK_URL_BYTES = 1_024;
export const MAX_CALLBACK_TOKEN_BYTES = 128;

export function loadCallbackConfig(persistence: SqlitePersistence): {
  config: CallbackConfig | null;
  token: string | null;
} {
  let config: CallbackConfig | null = null;
  const raw = persistence.setting(CONFIG_KEY);
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as CallbackConfig;
      config = { url: parsed.url, commands: parsed.commands.filter(isCallbackCommand) };
    } catch {
      config = null;
    }
  }
  return { config, token: persistence.setting(TOKEN_KEY) ?? null };
}

function current(call: RestCall): CallbackConfig | null {
  return loadCallbackConfig(call.ctx.persistence).config;
}

function readConfig(call: RestCall): CallbackConfig {
  const { fields } = call;
  const url = fields.string('Url', { maxBytes: MAX_CALLBACK_URL_BYTES, minBytes: 1 });
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw fields.err('Url must be an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw fields.err('Url must start with http:// or https://');
  const commands = fields.array('CallbackCommandList', { max: 50, allowEmpty: true }, (v, i): CallbackCommand => {
    if (!isCallbackCommand(v)) throw fields.err(`CallbackCommandList[${i}] is not a callback command`);
    return v;
  });
  return { url, commands: [...new Set(commands)] };
}

function save(call: RestCall, config: CallbackConfig | null): void {
  call.ctx.persistence.setSetting(CONFIG_KEY, config ? JSON.stringify(config) : null);
  call.ctx.webhooks.setConfig(config);
}

export const getCallback: Handler = (call) => {
  const config = current(call);
  if (!config) throw new RestError(RestCode.CALLBACK_MISSING, 'no callback is configured: use set_callback');
  return { Response: { Url: config.url, CallbackCommandList: [...config.commands] } };
};

export const setCallback: Handler = (call) => {
  const config = readConfig(call);
  if (current(call))
    throw new RestError(RestCode.CALLBACK_EXISTS, 'a callback is already configured: use update_callback');
  save(call, config);
};

export const updateCallback: Handler = (call) => {
  const config = readConfig(call);
  if (!current(call)) throw new RestError(RestCode.CALLBACK_MISSING, 'no callback is configured: use set_callback');
  save(call, config);
};

export const deleteCallback: Handler = (call) => {
  save(call, null);
};

/** `{Token}`: sets the callback auth token; "" turns signing off. */
export const setCallbackToken: Handler = (call) => {
  const token = call.fields.string('Token', { maxBytes: MAX_CALLBACK_TOKEN_BYTES });
  call.ctx.persistence.setSetting(TOKEN_KEY, token || null);
  call.ctx.webhooks.setToken(token || null);
};
