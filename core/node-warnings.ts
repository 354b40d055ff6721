/**
 * Node's process warnings, printed as Node prints them, except the known-harmless ones of our dependencies
 * that a person cannot act on. Today one: kafkajs 2.2.4 computes `throttledUntil - Date.now()` with its
 * initial `throttledUntil` of -1 and hands the negative delay to setTimeout, which Node 24 reports as a
 * TimeoutNegativeWarning at every client connect (tulios/kafkajs#1751, open; Node uses 1 ms instead).
 */
const KNOWN_HARMLESS: readonly { readonly name: string; readonly stackIncludes: string }[] = [
  { name: 'TimeoutNegativeWarning', stackIncludes: `kafkajs/src/network/requestQueue/` },
];

export function isKnownHarmless(warning: Error): boolean {
  return KNOWN_HARMLESS.some(
    (k) => warning.name === k.name && (warning.stack ?? '').includes(k.stackIncludes),
  );
}

/** Replaces Node's own warning printer with one that leaves out the known-harmless warnings. */
export function printWarningsExceptKnownHarmless(): void {
  process.removeAllListeners('warning');
  process.on('warning', (warning: Error) => {
    if (isKnownHarmless(warning)) return;
    const code = (warning as { code?: string }).code;
    process.stderr.write(
      `(node:${process.pid}) ${code === undefined ? '' : `[${code}] `}${warning.name}: ${warning.message}\n`,
    );
  });
}
