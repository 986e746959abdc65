import { type CallbackCommand, type CallbackConfig, isCallbackCommand } from '../callbacks/webhooks.js';
import type { SqlitePersistence } from '../db/repositories.js';
import type { Handler, RestCall } from './rest-context.js';
import { RestCode, RestError } from './rest-envelope.js';
import type { RestBody } from './rest-schema.js';

/**
 * `live_config` (seed L18379-19080): one callback configuration per SDKAppID, stored in the settings table and
 * applied to the webhook sender at once. `set_callback_token` is ours: the seed refers to "设置回调鉴权 Token"
 * (L18225) without documenting it; with a token set, every callback carries Sign and RequestTime.
 */

const CONFIG_KEY = 'live.callback';
const TOKEN_KEY = 'live.callbackToken';

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

/** The schema checked both fields' types and the commands; whether Url is an http(s) URL is checked here. */
function readConfig(call: RestCall, body: RestBody<'live_config', 'set_callback'>): CallbackConfig {
  const url = body.Url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw call.invalid('Url must be an absolute http:// or https:// URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw call.invalid('Url must start with http:// or https://');
  const commands: CallbackCommand[] = body.CallbackCommandList;
  return { url, commands: [...new Set(commands)] };
}

function save(call: RestCall, config: CallbackConfig | null): void {
  call.ctx.persistence.setSetting(CONFIG_KEY, config ? JSON.stringify(config) : null);
  call.ctx.webhooks.setConfig(config);
}

export const getCallback: Handler<RestBody<'live_config', 'get_callback'>> = (call) => {
  const config = current(call);
  if (!config) throw new RestError(RestCode.CALLBACK_MISSING, 'no callback is configured: use set_callback');
  return { Response: { Url: config.url, CallbackCommandList: [...config.commands] } };
};

export const setCallback: Handler<RestBody<'live_config', 'set_callback'>> = (call, body) => {
  const config = readConfig(call, body);
  if (current(call))
    throw new RestError(RestCode.CALLBACK_EXISTS, 'a callback is already configured: use update_callback');
  save(call, config);
};

export const updateCallback: Handler<RestBody<'live_config', 'update_callback'>> = (call, body) => {
  const config = readConfig(call, body);
  if (!current(call)) throw new RestError(RestCode.CALLBACK_MISSING, 'no callback is configured: use set_callback');
  save(call, config);
};

export const deleteCallback: Handler<RestBody<'live_config', 'delete_callback'>> = (call) => {
  save(call, null);
};

/** `{Token}`: sets the callback auth token; "" turns signing off. */
export const setCallbackToken: Handler<RestBody<'live_config', 'set_callback_token'>> = (call, body) => {
  const token = body.Token;
  call.ctx.persistence.setSetting(TOKEN_KEY, token || null);
  call.ctx.webhooks.setToken(token || null);
};
