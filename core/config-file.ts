/**
 * The configuration file (JSON, named by EDREFLECT_CONFIG): the settings of core/settings.ts under their
 * names, plus `orgs` for several orgs in one deployment. Checked whole, so every problem is reported at
 * once with the file and the key path. Secrets are never written in it: a secret setting or an org's
 * password names an environment variable or a file that holds it (see secret-ref.ts).
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from './errors';
import type { SecretRef } from './secret-ref';
import { SETTINGS, type SettingName } from './settings';
import { closest } from './suggest';

/** A setting as the file gives it: the value itself, or where to read it. */
export type FileValue = { readonly value: string } | { readonly ref: SecretRef };

export interface OrgEntry {
  /** Where it is in the file, for messages: `orgs[1]`. */
  readonly at: string;
  readonly org: string;
  /** ftp://, ftps:// or file:// URL, without a password. */
  readonly source: string;
  readonly password?: SecretRef;
  readonly ftpCaFile?: string;
}

export interface ConfigFile {
  readonly path: string;
  readonly settings: Partial<Record<SettingName, FileValue>>;
  /** Absent when the file has no `orgs` key. */
  readonly orgs?: readonly OrgEntry[];
}

const SETTING_NAMES = Object.keys(SETTINGS) as SettingName[];
const TOP_KEYS = [...SETTING_NAMES, 'orgs'];
const ORG_KEYS = ['org', 'source', 'password', 'ftpCaFile'];

export function loadConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `configuration file ${file} (EDREFLECT_CONFIG) cannot be read (${(err as { code?: string }).code ?? 'error'})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    // Node's message quotes part of the file, which may hold a password in a URL: give the position only.
    const at = /position (\d+)/.exec((err as Error).message)?.[1];
    throw new ConfigError(
      `configuration file ${file} is not valid JSON${at === undefined ? '' : ` (at character ${at})`}`,
    );
  }
  return parseConfigFile(file, json);
}

export function parseConfigFile(file: string, json: unknown): ConfigFile {
  const problems: string[] = [];
  if (!isObject(json)) throw new ConfigError(`configuration file ${file}: must hold one JSON object`);
  const settings: Partial<Record<SettingName, FileValue>> = {};
  let orgs: OrgEntry[] | undefined;
  for (const [key, raw] of Object.entries(json)) {
    if (key === 'orgs') orgs = parseOrgs(raw, problems);
    else if (isSettingName(key)) {
      const value = parseSettingValue(key, raw, problems);
      if (value !== undefined) settings[key] = value;
    } else problems.push(unknownKey(key, key, TOP_KEYS));
  }
  if (orgs !== undefined && (settings.org !== undefined || settings.source !== undefined))
    problems.push('orgs: give either "orgs" or the single-org keys "org" and "source", not both');
  if (problems.length > 0) throw new ConfigError(`configuration file ${file}: ${problems.join('; ')}`);
  return { path: file, settings, ...(orgs === undefined ? {} : { orgs }) };
}

function parseSettingValue(name: SettingName, raw: unknown, problems: string[]): FileValue | undefined {
  const spec = SETTINGS[name];
  if (isObject(raw)) {
    const ref = parseRef(name, raw, problems);
    return ref === undefined ? undefined : { ref };
  }
  if (spec.secret === true) {
    problems.push(
      `${name}: is a secret: write {"env": "VARIABLE"} or {"file": "/path/to/file"}, never the value itself`,
    );
    return undefined;
  }
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    problems.push(
      `${name}: must be a string${typeof raw === 'boolean' ? '' : ' or a number'} (got ${typeName(raw)})`,
    );
    return undefined;
  }
  const value = String(raw);
  const problem = spec.check(value);
  if (problem !== undefined) {
    problems.push(`${name}: ${problem} (${spec.description})`);
    return undefined;
  }
  return { value };
}

function parseOrgs(raw: unknown, problems: string[]): OrgEntry[] | undefined {
  if (!Array.isArray(raw) || raw.length === 0) {
    problems.push('orgs: must be a non-empty array of {"org", "source", "password"?, "ftpCaFile"?}');
    return undefined;
  }
  const entries: OrgEntry[] = [];
  const seen = new Map<string, string>();
  raw.forEach((item: unknown, i) => {
    const at = `orgs[${i}]`;
    if (!isObject(item)) {
      problems.push(`${at}: must be an object (got ${typeName(item)})`);
      return;
    }
    const before = problems.length;
    for (const key of Object.keys(item))
      if (!ORG_KEYS.includes(key)) problems.push(unknownKey(`${at}.${key}`, key, ORG_KEYS));
    const org = requiredString(item, 'org', at, problems);
    const source = requiredString(item, 'source', at, problems);
    if (org !== undefined) {
      const problem = SETTINGS.org.check(org);
      if (problem !== undefined) problems.push(`${at}.org: ${problem}`);
      else if (seen.has(org)) problems.push(`${at}.org: "${org}" is already listed at ${seen.get(org)}`);
      else seen.set(org, at);
    }
    if (source !== undefined) {
      const problem = SETTINGS.source.check(source);
      if (problem !== undefined) problems.push(`${at}.source: ${problem}`);
      else if (new URL(source).password !== '')
        problems.push(
          `${at}.source: holds a password: remove it from the URL and give "password": {"env": …}`,
        );
    }
    const password =
      item['password'] === undefined ? undefined : parseRef(`${at}.password`, item['password'], problems);
    const ftpCaFile = item['ftpCaFile'];
    if (ftpCaFile !== undefined && (typeof ftpCaFile !== 'string' || ftpCaFile === ''))
      problems.push(`${at}.ftpCaFile: must be a file path (got ${typeName(ftpCaFile)})`);
    if (problems.length > before || org === undefined || source === undefined) return;
    entries.push({
      at,
      org,
      source,
      ...(password === undefined ? {} : { password }),
      ...(typeof ftpCaFile === 'string' ? { ftpCaFile } : {}),
    });
  });
  return entries;
}

function parseRef(at: string, raw: unknown, problems: string[]): SecretRef | undefined {
  const shape = `must be {"env": "VARIABLE"} or {"file": "/path/to/file"}`;
  if (!isObject(raw)) {
    problems.push(`${at}: ${shape}, never the secret itself (got ${typeName(raw)})`);
    return undefined;
  }
  const keys = Object.keys(raw);
  const [key] = keys;
  const value = key === undefined ? undefined : raw[key];
  if (keys.length !== 1 || (key !== 'env' && key !== 'file') || typeof value !== 'string' || value === '') {
    const extra = keys.find((k) => k !== 'env' && k !== 'file');
    const hint = extra === undefined ? '' : ` (${unknownKey(`${at}.${extra}`, extra, ['env', 'file'])})`;
    problems.push(`${at}: ${shape}${hint}`);
    return undefined;
  }
  return key === 'env' ? { env: value } : { file: value };
}

function requiredString(
  item: Record<string, unknown>,
  key: string,
  at: string,
  problems: string[],
): string | undefined {
  const value = item[key];
  if (typeof value === 'string' && value !== '') return value;
  problems.push(
    value === undefined
      ? `${at}.${key}: is missing`
      : `${at}.${key}: must be a non-empty string (got ${typeName(value)})`,
  );
  return undefined;
}

function unknownKey(path: string, key: string, known: readonly string[]): string {
  const byEnv = SETTING_NAMES.find((n) => SETTINGS[n].env === key);
  const guess = known === TOP_KEYS && byEnv !== undefined ? byEnv : closest(key, known);
  return `${path}: unknown key${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`;
}

function isSettingName(key: string): key is SettingName {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
