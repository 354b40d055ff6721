/**
 * The orgs a producer serves and where each one's folder is: the `orgs` list of the configuration file,
 * or the single org of EDREFLECT_ORG + EDREFLECT_SOURCE (with EDREFLECT_FTP_PASSWORD, when the password
 * is not in the URL). Passwords are put into the source URL here, and registered as secrets.
 */
import { configFile, notSet, resolveSettings } from './config';
import { addSecret } from './redact';
import { describeRef, resolveRef } from './secret-ref';
import { SETTINGS } from './settings';
import { orgId, type OrgId } from './types';

export interface OrgTarget {
  readonly org: OrgId;
  /** The folder URL, password included: pass it to openSource only, never print it. */
  readonly sourceUrl: string;
  readonly caFile: string | undefined;
}

export interface OrgTargets {
  readonly targets: OrgTarget[];
  readonly problems: string[];
}

/** Every org, or every problem found while working them out. */
export function readOrgTargets(env: NodeJS.ProcessEnv = process.env): OrgTargets {
  const file = configFile(env);
  const common = resolveSettings(['ftpCaFile'], env);
  const defaultCa = common.values.ftpCaFile;
  if (file?.orgs === undefined) return singleOrg(env, defaultCa, common.problems);
  const problems = [...common.problems];
  const setInEnv = [SETTINGS.org.env, SETTINGS.source.env, SETTINGS.ftpPassword.env].filter(
    (v) => (env[v] ?? '') !== '',
  );
  if (setInEnv.length > 0)
    problems.push(
      `${setInEnv.join(' and ')} set, but the configuration file ${file.path} lists orgs: unset them or remove "orgs"`,
    );
  if (file.settings.ftpPassword !== undefined)
    problems.push(
      `${file.path}: ftpPassword is given, but the file lists orgs: give each org its own "password" instead`,
    );
  const targets: OrgTarget[] = [];
  for (const entry of file.orgs) {
    let password: string | undefined;
    if (entry.password !== undefined) {
      const read = resolveRef(entry.password, env);
      if ('problem' in read) {
        problems.push(`${file.path}: ${entry.at}.password (${describeRef(entry.password)}): ${read.problem}`);
        continue;
      }
      password = read.value;
    }
    targets.push({
      org: orgId(entry.org),
      sourceUrl: withPassword(entry.source, password),
      caFile: entry.ftpCaFile ?? defaultCa,
    });
  }
  return { targets, problems };
}

function singleOrg(env: NodeJS.ProcessEnv, caFile: string | undefined, earlier: string[]): OrgTargets {
  const { values, problems, missing } = resolveSettings(['org', 'source', 'ftpPassword'], env);
  problems.unshift(...earlier);
  problems.push(...missing.filter((m) => m !== 'ftpPassword').map(notSet));
  const { org, source, ftpPassword } = values;
  if (source !== undefined && ftpPassword !== undefined && new URL(source).password !== '')
    problems.push(
      `${SETTINGS.source.env} holds a password and ${SETTINGS.ftpPassword.env} is set: give it once`,
    );
  if (problems.length > 0 || org === undefined || source === undefined) return { targets: [], problems };
  return { targets: [{ org: orgId(org), sourceUrl: withPassword(source, ftpPassword), caFile }], problems };
}

function withPassword(source: string, password: string | undefined): string {
  if (password === undefined) return source;
  addSecret(password);
  const url = new URL(source);
  url.password = encodeURIComponent(password);
  return url.href;
}
