/**
 * Starts the /metrics and /health endpoint of a long-running command when EDREFLECT_METRICS_PORT is set
 * to a port (0 or unset: no endpoint, and this returns undefined). Beyond loopback it needs EDREFLECT_UI_TOKEN.
 */
import { optionalSetting, readSettings } from '../core/config';
import { accessToken } from '../core/http/access-token';
import type { HealthCheck } from '../core/health/check';
import type { Logger } from '../core/logger';
import type { Registry } from '../core/metrics/registry';
import { startObservabilityServer, type ObservabilityServer } from '../core/observability/server';

export const OBSERVABILITY_SETTINGS = ['metricsPort', 'metricsHost'] as const;

export async function startObservability({
  registry,
  checks,
  logger,
  env = process.env,
}: {
  registry: Registry;
  checks: readonly HealthCheck[];
  logger: Logger;
  env?: NodeJS.ProcessEnv;
}): Promise<ObservabilityServer | undefined> {
  const values = readSettings(OBSERVABILITY_SETTINGS, env);
  const port = values.metricsPort;
  if (port === 0) return undefined;
  return startObservabilityServer({
    host: values.metricsHost,
    port,
    registry,
    checks,
    logger,
    token: accessToken(optionalSetting('uiToken', env)),
  });
}
