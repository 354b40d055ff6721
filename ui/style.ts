/** The page's only style sheet, inlined in a `<style>` element (the page loads nothing else). */
export const STYLE = `
:root { color-scheme: light; --ink: #1d2733; --muted: #5b6776; --line: #d8dee6; --ok: #1f7a3f; --warn: #a35a00; --bad: #b3261e; --bar: #3b6fb6; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f4f6f9; }
header { padding: 16px 24px; background: #1d2733; color: #fff; }
header h1 { margin: 0 0 4px; font-size: 20px; }
header p { margin: 0; color: #c5ced9; }
main { padding: 16px 24px; max-width: 1200px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin-bottom: 16px; }
h2 { margin: 0 0 8px; font-size: 17px; }
h3 { margin: 14px 0 6px; font-size: 14px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: var(--ok); font-weight: 600; }
.behind { color: var(--warn); font-weight: 600; }
.bad { color: var(--bad); font-weight: 600; }
.muted { color: var(--muted); }
.charts { display: flex; flex-wrap: wrap; gap: 12px; }
figure { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 4px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart .bar { fill: var(--bar); }
svg.chart .axis { stroke: var(--muted); }
svg.chart text { font-size: 10px; fill: var(--ink); }
svg.chart text.day { fill: var(--muted); }
code { font-size: 12px; }
footer { padding: 0 24px 24px; color: var(--muted); }
`;
