/**
 * Reads the settings a command needs from the environment and checks all of them at once, so a person
 * sees every problem in one message instead of one per attempt.
 */
import { ConfigError } from './errors';
import { SETTINGS, type SettingName } from './settings';

export type RawSettings = Partial<Record<SettingName, string>>;

export function readSettings(
  needed: readonly SettingName[],
  env: NodeJS.ProcessEnv = process.env,
): RawSettings {
  const values: RawSettings = {};
  const problems: string[] = [];
  for (const name of needed) {
    const spec = SETTINGS[name];
    const given = env[spec.env];
    const value = given === undefined || given === '' ? spec.default : given;
    if (value === undefined) {
      problems.push(`${spec.env} is not set: ${spec.description}`);
      continue;
    }
    const problem = spec.check(value);
    if (problem !== undefined) problems.push(`${spec.env} ${problem} (${spec.description})`);
    else values[name] = value;
  }
  if (problems.length > 0) throw new ConfigError(`configuration: ${problems.join('; ')}`);
  return values;
}

/** A value `readSettings` has checked; throws if the command forgot to ask for it. */
export function setting(values: RawSettings, name: SettingName): string {
  const value = values[name];
  if (value === undefined) throw new ConfigError(`internal: setting ${SETTINGS[name].env} was not read`);
  return value;
}

export function optionalSetting(name: SettingName, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[SETTINGS[name].env];
  if (value === undefined || value === '') return undefined;
  const problem = SETTINGS[name].check(value);
  if (problem !== undefined) throw new ConfigError(`${SETTINGS[name].env} ${problem}`);
  return value;
}
