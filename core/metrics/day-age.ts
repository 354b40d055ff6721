/** Seconds from the start (00:00 UTC) of a day `YYYY-MM-DD` to `now`: the age the drop-age gauges report. */
export function secondsSinceDay(day: string, now: Date): number {
  const start = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(start)) throw new Error(`not a day: "${day}"`);
  return Math.round((now.getTime() - start) / 1000);
}
