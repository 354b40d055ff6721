/**
 * Where a secret is kept: `{"env": "NAME"}` (an environment variable) or `{"file": "/run/secrets/x"}` (a
 * file, its trailing newline dropped). A config file names the place, never the secret itself.
 */
import { readFileSync } from 'node:fs';

export type SecretRef = { readonly env: string } | { readonly file: string };

export function describeRef(ref: SecretRef): string {
  return 'env' in ref ? `env ${ref.env}` : `file ${ref.file}`;
}

/** The value, or a problem a person can act on (never containing the value). */
export function resolveRef(ref: SecretRef, env: NodeJS.ProcessEnv): { value: string } | { problem: string } {
  if ('env' in ref) {
    const value = env[ref.env];
    return value === undefined || value === ''
      ? { problem: `environment variable ${ref.env} is not set` }
      : { value };
  }
  return readValueFile(ref.file);
}

/** Reads a file that holds one value (a Docker or Kubernetes secret, a `<VAR>_FILE` setting). */
export function readValueFile(file: string): { value: string } | { problem: string } {
  try {
    const value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    return value === '' ? { problem: `file ${file} is empty` } : { value };
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'unreadable';
    return { problem: `cannot read file ${file} (${code})` };
  }
}
