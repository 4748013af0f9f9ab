import { decryptJson, encryptJson } from "@/lib/crypto";
import type { Channel, FieldSpec } from "@/lib/channels/types";

/** Decrypted once per account row read: the account cache hands every webhook the same object. */
const decrypted = new WeakMap<Channel, Record<string, unknown>>();

/** An account's whole configuration: its plain settings plus its decrypted secrets. Server-only. */
export function channelConfig<T extends Record<string, unknown> = Record<string, unknown>>(channel: Channel): T {
  let secrets = decrypted.get(channel);
  if (!secrets) {
    secrets = channel.credentials ? decryptJson<Record<string, unknown>>(channel.credentials) : {};
    decrypted.set(channel, secrets);
  }
  return { ...(channel.settings ?? {}), ...secrets } as T;
}

/** Splits a validated form into what is stored plainly and what is encrypted. */
export function splitConfig(fields: FieldSpec[], config: Record<string, unknown>) {
  const secretNames = new Set(fields.filter((f) => f.secret || f.type === "secret").map((f) => f.name));
  const settings: Record<string, unknown> = {};
  const secrets: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(config)) {
    if (value === undefined || value === "") continue;
    (secretNames.has(name) ? secrets : settings)[name] = value;
  }
  return { settings, credentials: Object.keys(secrets).length ? encryptJson(secrets) : null };
}

/** What the browser may see of an account: settings, and only the names of the secrets that are set. */
export function publicConfig(fields: FieldSpec[], channel: Channel) {
  const config = channelConfig(channel);
  const values: Record<string, string> = {};
  const secretsSet: string[] = [];
  for (const field of fields) {
    const value = config[field.name];
    if (field.secret || field.type === "secret") {
      if (value) secretsSet.push(field.name);
    } else if (value !== undefined && value !== null) {
      values[field.name] = String(value);
    }
  }
  return { values, secretsSet };
}
