/**
 * Secret values known to this process, and the one function that hides them: every log line and every
 * error the CLI prints goes through `redact`, so a password read from a setting never reaches stderr or
 * stdout. Passwords written in URLs (`ftp://user:pass@host`) are hidden even when never registered.
 */

const secrets = new Set<string>();

/** Remembers a value to hide from now on (a secret setting, or the password part of a URL). */
export function addSecret(value: string | undefined): void {
  if (value === undefined || value === '') return;
  secrets.add(value);
  // Also hide the forms a value takes inside JSON text and inside a URL.
  secrets.add(JSON.stringify(value).slice(1, -1));
  secrets.add(encodeURIComponent(value));
}

/** Registers the password of a URL-valued setting, if it has one. */
export function addUrlSecret(value: string): void {
  try {
    const url = new URL(value);
    if (url.password !== '') {
      addSecret(url.password);
      addSecret(decodeURIComponent(url.password));
    }
  } catch {
    // Not a URL: nothing to remember.
  }
}

const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*):([^\s@/"'<>]+)@/gi;

/** The text with every known secret and every URL password replaced by `***`. */
export function redact(text: string): string {
  let out = text.replace(URL_PASSWORD, '$1:***@');
  // Longest first, so a secret that contains another is hidden whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret !== '') out = out.split(secret).join('***');
  }
  return out;
}

/** Connection strings as they may be shown: the password of `scheme://user:password@host` replaced by ***. */
export function withoutPassword(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}
