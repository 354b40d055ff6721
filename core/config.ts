/**
 * Reads the settings a command needs and checks all of them at once, so a person sees every problem in
 * one message instead of one per attempt. Each setting is taken from the first of these that gives it:
 *
 *   1. its environment variable (`KAFKA_BROKERS`);
 *   2. `<VARIABLE>_FILE`, a file holding the value (`EDREFLECT_FTP_PASSWORD_FILE=/run/secrets/ftp`);
 *   3. the configuration file named by EDREFLECT_CONFIG (config-file.ts), under the setting's name;
 *   4. its default.
 *
 * Every secret value read is registered with redact.ts, so it is hidden from logs and printed errors.
 */
import { loadConfigFile, type ConfigFile } from './config-file';
import { ConfigError } from './errors';
import { addSecret, addUrlSecret } from './redact';
import { describeRef, readValueFile, resolveRef } from './secret-ref';
import { SETTINGS, type SettingName, type SettingValue } from './settings';

/** Settings as given (text), for showing them: `config check`, the local-stack default. */
export type RawSettings = Partial<Record<SettingName, string>>;

/** Checked settings, each parsed to its type (settings.ts): what a command reads. */
export type Settings<N extends SettingName> = { readonly [K in N]: SettingValue<K> };

/** The checked settings that were given, parsed. */
export type ParsedSettings = Partial<Settings<SettingName>>;

/** Where an effective value came from. */
export type Origin = 'default' | 'file' | 'env' | 'env-file';

export interface Provenance {
  readonly origin: Origin;
  /** The variable, the file or the reference that gave it, e.g. `KAFKA_BROKERS` or `/etc/edreflect.json (env PW)`. */
  readonly from: string;
}

export interface ResolvedSettings {
  readonly values: RawSettings;
  /** The same values, each parsed to its type. */
  readonly parsed: ParsedSettings;
  readonly provenance: Partial<Record<SettingName, Provenance>>;
  /** Settings that are set but wrong, and unreadable files: one sentence each. */
  readonly problems: string[];
  /** Settings given nowhere and without a default. */
  readonly missing: SettingName[];
  readonly file: ConfigFile | undefined;
}

export const CONFIG_ENV = 'EDREFLECT_CONFIG';

const loaded = new Map<string, ConfigFile>();

/** The configuration file EDREFLECT_CONFIG names (read and checked once per process), if any. */
export function configFile(env: NodeJS.ProcessEnv = process.env): ConfigFile | undefined {
  const file = env[CONFIG_ENV];
  if (file === undefined || file === '') return undefined;
  let config = loaded.get(file);
  if (config === undefined) {
    config = loadConfigFile(file);
    loaded.set(file, config);
  }
  return config;
}

export function resolveSettings(
  names: readonly SettingName[],
  env: NodeJS.ProcessEnv = process.env,
): ResolvedSettings {
  const file = configFile(env);
  const values: RawSettings = {};
  const parsed: Record<string, unknown> = {};
  const provenance: Partial<Record<SettingName, Provenance>> = {};
  const problems: string[] = [];
  const missing: SettingName[] = [];
  for (const name of names) {
    const found = lookUp(name, env, file);
    if (found === undefined) {
      missing.push(name);
      continue;
    }
    if ('problem' in found) {
      problems.push(found.problem);
      continue;
    }
    const spec = SETTINGS[name];
    if (spec.secret === true) addSecret(found.value);
    addUrlSecret(found.value);
    const problem = spec.check(found.value);
    if (problem !== undefined) problems.push(`${where(name, found)} ${problem} (${spec.description})`);
    else {
      values[name] = found.value;
      parsed[name] = spec.parse(found.value);
      provenance[name] = { origin: found.origin, from: found.from };
    }
  }
  return { values, parsed: parsed as ParsedSettings, provenance, problems, missing, file };
}

/**
 * Reads every setting once, only to register the secrets among them (and passwords in URL values) with the
 * redactor, so nothing logged before a command reads its own settings can show one. Problems are left for
 * the command's own reading to report.
 */
export function registerSecrets(env: NodeJS.ProcessEnv = process.env): void {
  try {
    resolveSettings(Object.keys(SETTINGS) as SettingName[], env);
  } catch {
    // A configuration file that cannot be read: the command reports it when it reads its settings.
  }
}

/** The settings `needed`, checked (every problem at once) and parsed; a frozen object. */
export function readSettings<N extends SettingName>(
  needed: readonly N[],
  env: NodeJS.ProcessEnv = process.env,
): Settings<N> {
  const { parsed, problems, missing } = resolveSettings(needed, env);
  problems.push(...missing.map(notSet));
  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
  return Object.freeze(parsed) as Settings<N>;
}

/** A setting that may be left unset, parsed; undefined when it is. */
export function optionalSetting<N extends SettingName>(
  name: N,
  env: NodeJS.ProcessEnv = process.env,
): SettingValue<N> | undefined {
  const { parsed, problems } = resolveSettings([name], env);
  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
  return parsed[name] as SettingValue<N> | undefined;
}

/** The sentence for a required setting given nowhere. */
export function notSet(name: SettingName): string {
  return `${SETTINGS[name].env} is not set: ${SETTINGS[name].description}`;
}

type Found = { value: string; origin: Origin; from: string } | { problem: string };

function lookUp(name: SettingName, env: NodeJS.ProcessEnv, file: ConfigFile | undefined): Found | undefined {
  const spec = SETTINGS[name];
  const direct = env[spec.env];
  const fileVar = `${spec.env}_FILE`;
  const viaFile = env[fileVar];
  const hasDirect = direct !== undefined && direct !== '';
  const hasViaFile = viaFile !== undefined && viaFile !== '';
  if (hasDirect && hasViaFile) return { problem: `${spec.env} and ${fileVar} are both set: give only one` };
  if (hasDirect) return { value: direct, origin: 'env', from: spec.env };
  if (hasViaFile) {
    const read = readValueFile(viaFile);
    return 'problem' in read
      ? { problem: `${spec.env} (from ${fileVar}): ${read.problem}` }
      : { value: read.value, origin: 'env-file', from: `${fileVar}=${viaFile}` };
  }
  const given = file?.settings[name];
  if (file !== undefined && given !== undefined) {
    if ('value' in given) return { value: given.value, origin: 'file', from: file.path };
    const read = resolveRef(given.ref, env);
    const from = `${file.path} (${describeRef(given.ref)})`;
    return 'problem' in read
      ? { problem: `${spec.env} (${name} in ${from}): ${read.problem}` }
      : { value: read.value, origin: 'file', from };
  }
  if (spec.default !== undefined) return { value: spec.default, origin: 'default', from: 'default' };
  return undefined;
}

function where(name: SettingName, found: { origin: Origin; from: string }): string {
  const spec = SETTINGS[name];
  switch (found.origin) {
    case 'env':
    case 'default':
      return spec.env;
    case 'env-file':
      return `${spec.env} (from ${spec.env}_FILE)`;
    case 'file':
      return `${spec.env} (${name} in ${found.from})`;
  }
}
