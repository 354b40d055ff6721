/** HTTP basic authentication to the Schema Registry, from SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD. */
import { ConfigError } from '../errors';
import { optionalSetting } from '../config';

export interface RegistryAuth {
  readonly username: string;
  readonly password: string;
}

/** Both settings, or neither (no authentication); one without the other is a configuration error. */
export function registryAuth(env: NodeJS.ProcessEnv = process.env): RegistryAuth | undefined {
  const username = optionalSetting('registryUsername', env);
  const password = optionalSetting('registryPassword', env);
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined || password === undefined) {
    throw new ConfigError(
      'configuration: SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD must be set together',
    );
  }
  return { username, password };
}

/** The Authorization header value. */
export function basicAuthorization(auth: RegistryAuth): string {
  return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
}
