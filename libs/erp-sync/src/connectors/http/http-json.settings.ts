import { ConnectorSettingsError } from '../../connector/connector-definition';

/** The HTTP connector's settings (JSON in the connector row; the token is read from `tokenEnv`). */
export interface HttpJsonSettings {
  /** e.g. https://esb.example.com/omnibus/v1 */
  baseUrl: string;
  /** name of the environment variable holding the bearer token (secrets never sit in the database) */
  tokenEnv?: string;
  timeoutMs?: number;
  /** name of the environment variable holding the webhook signing secret (read by the webhook route) */
  webhookSecretEnv?: string;
}

export function parseHttpJsonSettings(raw: Record<string, unknown>): HttpJsonSettings {
  const { baseUrl, tokenEnv, timeoutMs, webhookSecretEnv } = raw;
  if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) throw new ConnectorSettingsError('baseUrl', 'must be an http(s) URL');
  return {
    baseUrl,
    tokenEnv: optionalText(tokenEnv, 'tokenEnv'),
    timeoutMs: optionalPositive(timeoutMs, 'timeoutMs'),
    webhookSecretEnv: optionalText(webhookSecretEnv, 'webhookSecretEnv'),
  };
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || !value) throw new ConnectorSettingsError(field, 'must be the name of an environment variable');
  return value;
}

function optionalPositive(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !(value > 0)) throw new ConnectorSettingsError(field, 'must be a number of milliseconds > 0');
  return value;
}
