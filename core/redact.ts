/** Connection strings as they may be shown: the password of `scheme://user:password@host` replaced by ***. */
export function withoutPassword(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*):[^/@]*@/i, '$1:***@');
}
