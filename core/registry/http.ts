/**
 * The two calls of the Confluent Schema Registry REST API the producer makes itself: register a version
 * under a subject, and set the subject's compatibility. Encoding and decoding go through
 * @kafkajs/confluent-schema-registry (see codec.ts).
 */
import { ContractError, ServerError } from '../errors';
import { basicAuthorization, type RegistryAuth } from './auth';

export type Compatibility =
  'BACKWARD' | 'BACKWARD_TRANSITIVE' | 'FORWARD' | 'FORWARD_TRANSITIVE' | 'FULL' | 'FULL_TRANSITIVE' | 'NONE';

const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const DEFAULT_TIMEOUT_MS = 30_000;

export interface RegistryHttp {
  register(subject: string, schema: object): Promise<number>;
  compatibility(subject: string): Promise<Compatibility | undefined>;
  setCompatibility(subject: string, level: Compatibility): Promise<void>;
  /** Every subject the registry holds (GET /subjects). */
  subjects(): Promise<string[]>;
}

export function createRegistryHttp({
  url,
  auth,
  fetchFn = fetch,
  timeoutMs = DEFAULT_TIMEOUT_MS,
}: {
  url: string;
  /** HTTP basic authentication; none when absent. */
  auth?: RegistryAuth | undefined;
  fetchFn?: typeof fetch;
  /** A request whose whole answer (headers and body) has not come within this fails. */
  timeoutMs?: number;
}): RegistryHttp {
  const base = url.replace(/\/+$/, '');
  const headers: Record<string, string> = { 'content-type': CONTENT_TYPE, accept: CONTENT_TYPE };
  if (auth !== undefined) headers['authorization'] = basicAuthorization(auth);
  const call = async (
    method: string,
    path: string,
    body?: object,
  ): Promise<{ status: number; json: unknown }> => {
    let response: Response;
    let text: string;
    try {
      const init: RequestInit = { method, headers, signal: AbortSignal.timeout(timeoutMs) };
      if (body !== undefined) init.body = JSON.stringify(body);
      response = await fetchFn(`${base}${path}`, init);
      text = await response.text(); // the signal bounds the body too
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      throw new ServerError(
        'SCHEMA_REGISTRY',
        timedOut
          ? `schema registry at ${base} did not answer ${method} ${path} within ${timeoutMs / 1000} s (EDREFLECT_REGISTRY_TIMEOUT_SECONDS)`
          : `schema registry at ${base} did not answer ${method} ${path}`,
        { retriable: true, cause: err },
      );
    }
    let json: unknown = undefined;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: response.status, json };
  };
  const fail = (what: string, status: number, json: unknown): never => {
    if (status === 401 || status === 403) {
      throw new ServerError(
        'SCHEMA_REGISTRY',
        auth === undefined
          ? `schema registry at ${base} refused ${what} without credentials (HTTP ${status}): set SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD`
          : `schema registry at ${base} rejected the credentials of user ${auth.username} (HTTP ${status}) for ${what}: check SCHEMA_REGISTRY_USERNAME and SCHEMA_REGISTRY_PASSWORD`,
      );
    }
    const message =
      typeof json === 'object' && json !== null && 'message' in json
        ? String(json.message)
        : JSON.stringify(json);
    throw new ServerError('SCHEMA_REGISTRY', `schema registry: ${what}: HTTP ${status}: ${message}`, {
      retriable: status >= 500,
    });
  };
  const incompatible = (subject: string, json: unknown): never => {
    const detail =
      typeof json === 'object' && json !== null && 'message' in json ? `: ${String(json.message)}` : '';
    throw new ContractError(
      'SCHEMA_INCOMPATIBLE',
      `the schema registry rejects the new schema of ${subject} as incompatible with its earlier versions${detail}`,
    );
  };
  return {
    async register(subject, schema) {
      const path = `/subjects/${encodeURIComponent(subject)}/versions`;
      const { status, json } = await call('POST', path, { schema: JSON.stringify(schema) });
      if (status === 409) incompatible(subject, json);
      if (
        status !== 200 ||
        typeof json !== 'object' ||
        json === null ||
        typeof (json as { id?: unknown }).id !== 'number'
      ) {
        fail(`register under ${subject}`, status, json);
      }
      return (json as { id: number }).id;
    },
    async compatibility(subject) {
      const { status, json } = await call('GET', `/config/${encodeURIComponent(subject)}`);
      if (status === 404) return undefined;
      if (status !== 200) fail(`read the compatibility of ${subject}`, status, json);
      const level = (json as { compatibilityLevel?: string; compatibility?: string }) ?? {};
      return (level.compatibilityLevel ?? level.compatibility)?.toUpperCase() as Compatibility | undefined;
    },
    async setCompatibility(subject, level) {
      const put = (): Promise<{ status: number; json: unknown }> =>
        call('PUT', `/config/${encodeURIComponent(subject)}`, { compatibility: level });
      let { status, json } = await put();
      // Apicurio answers 409 ("A rule named 'COMPATIBILITY' already exists") when another process created
      // the subject's rule at the same moment; the rule exists now, so a second PUT updates it.
      if (status === 409) ({ status, json } = await put());
      if (status !== 200) fail(`set the compatibility of ${subject} to ${level}`, status, json);
    },
    async subjects() {
      const { status, json } = await call('GET', '/subjects');
      if (status !== 200 || !Array.isArray(json)) fail('list the subjects', status, json);
      return (json as unknown[]).map(String);
    },
  };
}
