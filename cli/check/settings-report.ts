/** `config check`: each setting's effective value and where it came from, secrets as `***`. */
import type { ResolvedSettings } from '../../core/config';
import { redact } from '../../core/redact';
import { SETTINGS, type SettingName } from '../../core/settings';

export function settingLines(resolved: ResolvedSettings): string[] {
  const names = Object.keys(SETTINGS) as SettingName[];
  const width = Math.max(...names.map((n) => n.length));
  const envWidth = Math.max(...names.map((n) => SETTINGS[n].env.length));
  return names.map((name) => {
    const spec = SETTINGS[name];
    const value = resolved.values[name];
    const from = resolved.provenance[name];
    const head = `  ${name.padEnd(width)}  ${spec.env.padEnd(envWidth)}`;
    if (value === undefined || from === undefined)
      return `${head}  ${resolved.missing.includes(name) ? '(not set)' : '(invalid, see below)'}`;
    const shown = spec.secret === true ? '***' : redact(value);
    const origin = from.origin === 'default' ? 'default' : `${from.origin}: ${from.from}`;
    return `${head}  ${shown}  [${origin}]`;
  });
}
