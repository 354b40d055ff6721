/**
 * Finding a Java runtime new enough for a server: Kafka 3.9 runs on 17, Apicurio Registry 3.3 needs 21+.
 * Looks at an explicit setting, then JAVA_HOME, then java on PATH, then the JDKs in /usr/lib/jvm.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { StackError } from '../core/errors';

const JVM_DIR = '/usr/lib/jvm';

export interface JavaRuntime {
  readonly home: string;
  readonly java: string;
  readonly major: number;
}

/**
 * The first runtime of at least `minMajor`: `settingName` (a JAVA_HOME-like variable) when set, else
 * JAVA_HOME, the java on PATH, and the JDKs under /usr/lib/jvm from the oldest to the newest.
 */
export function findJava({
  minMajor,
  settingName,
  env = process.env,
}: {
  minMajor: number;
  settingName: string;
  env?: NodeJS.ProcessEnv;
}): JavaRuntime {
  const explicit = env[settingName];
  if (explicit !== undefined && explicit !== '') {
    const runtime = inspect(explicit);
    if (runtime === undefined || runtime.major < minMajor) {
      throw new StackError(`${settingName}=${explicit} is not a Java ${minMajor} or newer`);
    }
    return runtime;
  }
  const found = candidates(env).map(inspect);
  const runtime = found.find((r) => r !== undefined && r.major >= minMajor);
  if (runtime === undefined) {
    const seen = found.flatMap((r) => (r === undefined ? [] : [`${r.home} (${r.major})`]));
    throw new StackError(
      `no Java ${minMajor} or newer found (saw: ${seen.join(', ') || 'none'}): install one and set ${settingName}`,
    );
  }
  return runtime;
}

function candidates(env: NodeJS.ProcessEnv): string[] {
  const homes: string[] = [];
  const javaHome = env['JAVA_HOME'];
  if (javaHome !== undefined && javaHome !== '') homes.push(javaHome);
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    const java = path.join(dir, 'java');
    if (dir !== '' && existsSync(java)) {
      homes.push(path.dirname(path.dirname(realpathSync(java))));
      break;
    }
  }
  if (existsSync(JVM_DIR)) {
    const installed = readdirSync(JVM_DIR).map((name) => path.join(JVM_DIR, name));
    homes.push(...installed.sort((a, b) => (majorOf(a) ?? 0) - (majorOf(b) ?? 0)));
  }
  return [...new Set(homes)];
}

function inspect(home: string): JavaRuntime | undefined {
  const java = path.join(home, 'bin', 'java');
  const major = majorOf(home);
  return major !== undefined && existsSync(java) ? { home, java, major } : undefined;
}

/** From the JDK's `release` file: JAVA_VERSION="17.0.15" gives 17 (and "1.8.0_402" gives 8). */
function majorOf(home: string): number | undefined {
  try {
    const match = /^JAVA_VERSION="(\d+)(?:\.(\d+))?/m.exec(readFileSync(path.join(home, 'release'), 'utf8'));
    if (match === null) return undefined;
    const first = Number(match[1]);
    return first === 1 ? Number(match[2]) : first;
  } catch {
    return undefined;
  }
}
