/**
 * A bar chart as inline SVG, drawn on the server: one bar per day, its height proportional to the
 * documents of that day, the count above it and the day below. Each bar is a `rect.bar` carrying
 * `data-day` and `data-documents`, with a `<title>` for a tooltip. No script, no external file.
 */
import type { DayCount } from '../status/documents-per-day';
import { html, type Html } from './html';

const BAR = 28;
const GAP = 12;
const PLOT = 90;
const TOP = 16;
const BOTTOM = 30;

export function barChart(label: string, days: readonly DayCount[]): Html {
  const max = Math.max(1, ...days.map((d) => d.documents));
  const width = GAP + days.length * (BAR + GAP);
  const height = TOP + PLOT + BOTTOM;
  const bars = days.map((d, i) => {
    const h = Math.max(1, Math.round((d.documents / max) * PLOT));
    const x = GAP + i * (BAR + GAP);
    const y = TOP + PLOT - h;
    const mid = x + BAR / 2;
    return html`<g
      ><rect
        class="bar"
        x="${x}"
        y="${y}"
        width="${BAR}"
        height="${h}"
        data-day="${d.day}"
        data-documents="${d.documents}"
        ><title>${d.day}: ${d.documents} document(s)</title></rect
      ><text class="count" x="${mid}" y="${y - 4}" text-anchor="middle">${d.documents}</text
      ><text class="day" x="${mid}" y="${TOP + PLOT + 14}" text-anchor="middle"
        >${/^\d{4}-\d\d-\d\d$/.test(d.day) ? d.day.slice(5) : d.day}</text
      ></g
    >`;
  });
  return html`<svg
    class="chart"
    role="img"
    aria-label="${label}"
    width="${width}"
    height="${height}"
    viewBox="0 0 ${width} ${height}"
  >
    <line class="axis" x1="0" y1="${TOP + PLOT}" x2="${width}" y2="${TOP + PLOT}"></line>
    ${bars}
  </svg>`;
}
