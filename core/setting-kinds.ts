/**
 * The kinds of setting values, each a check (a sentence for a bad value) and a parse to the type the
 * connector uses: text, a whole number within bounds, true/false, one of a few words. settings.ts builds
 * its table from these, so a setting is checked and typed in one place and no call site converts it.
 */
import type { SettingSpec } from './settings';

type Described = Omit<SettingSpec<never>, 'check' | 'parse'>;

/** Text, checked by `check` (a message for a bad value, undefined when fine) and kept as given. */
export function textSetting(
  spec: Described & { readonly check: (value: string) => string | undefined },
): SettingSpec<string> {
  return { ...spec, parse: (value) => value };
}

/** A whole number from `min` to `max`, as a number; `unit` names it in the message ("seconds"). */
export function wholeNumberSetting(
  spec: Described & { readonly min: number; readonly max: number; readonly unit?: string },
): SettingSpec<number> {
  const { min, max, unit, ...rest } = spec;
  const what = unit === undefined ? 'a whole number' : `a whole number of ${unit}`;
  return {
    ...rest,
    check: (v) =>
      /^\d+$/.test(v) && Number(v) >= min && Number(v) <= max
        ? undefined
        : `must be ${what} from ${min} to ${max}`,
    parse: Number,
  };
}

/** `true` or `false`, as a boolean. */
export function flagSetting(spec: Described): SettingSpec<boolean> {
  return {
    ...spec,
    check: (v) => (v === 'true' || v === 'false' ? undefined : 'must be true or false'),
    parse: (v) => v === 'true',
  };
}

/** One of `choices`, as that word's type. */
export function choiceSetting<T extends string>(choices: readonly T[], spec: Described): SettingSpec<T> {
  const isChoice = (v: string): v is T => (choices as readonly string[]).includes(v);
  const listed = `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]!}`;
  return {
    ...spec,
    check: (v) => (isChoice(v) ? undefined : `must be ${listed}`),
    parse: (v) => {
      if (!isChoice(v)) throw new TypeError(`not one of ${listed}: ${v}`);
      return v;
    },
  };
}
