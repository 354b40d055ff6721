/**
 * The data-quality part of an org's section on the status page: the figures of `edreflect check-data`
 * (status/quality/report.ts) as a summary table, then the orphans by file and parent, the unknown values
 * stored, the per-day facts of the ledger and the affiliations closed per day. Each figure carries a
 * `data-figure` attribute with its number, so a test (or a scraper) reads it without parsing text.
 */
import type { DropFacts } from '../status/quality/drop-facts';
import type { OrgQuality } from '../status/quality/report';
import { html, type Html } from './html';

/** Parents and keys shown per row (the JSON at /api/status carries up to the report's own limits). */
const SHOWN = 5;

export function qualitySection(q: OrgQuality | undefined): Html {
  if (q === undefined) return html``;
  const t = q.totals;
  const figures: readonly [string, string, number][] = [
    ['orphans', 'child rows whose parent entity is absent', q.orphans.rows],
    ['unknown-values', 'unknown Slos statuses stored', q.unknownValues.rows],
    ['duplicate-keys', 'rows with a key seen earlier that day', t.duplicateKeyRows],
    ['column-changes', 'columns added or missing against the catalog', t.columnChanges],
    ['closed-affiliations', 'affiliations closed', t.closedAffiliations],
  ];
  return html`<div class="quality" data-org="${q.org}">
    <h3>Data quality</h3>
    <table class="quality-figures">
      <tbody>
        ${figures.map(
          ([name, label, n]) =>
            html`<tr>
              <td>${label}</td>
              <td
                class="num ${n > 0 && name !== 'closed-affiliations' ? 'behind' : 'ok'}"
                data-figure="${name}"
              >
                ${n}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${t.daysNotRecorded === 0 ? '' : html`<p class="muted">${t.daysNotRecorded} day drop(s) were published before the producer recorded its facts: nothing is known of them.</p>`}
    ${
      q.orphans.files.length === 0
        ? ''
        : html`<table class="orphans">
            <thead>
              <tr>
                <th>file</th>
                <th>parent entity</th>
                <th class="num">rows</th>
                <th class="num">parents</th>
                <th>first parents (rows)</th>
              </tr>
            </thead>
            <tbody>
              ${q.orphans.files.map(
                (f) =>
                  html`<tr data-file="${f.file}">
                    <td><code>${f.file}</code></td>
                    <td><code>${f.parentCollection}.${f.column}</code></td>
                    <td class="num" data-rows="${f.rows}">${f.rows}</td>
                    <td class="num" data-parents="${f.parents}">${f.parents}</td>
                    <td>
                      ${f.first
                        .slice(0, SHOWN)
                        .map((p) => `${p.parent} (${p.rows})`)
                        .join(', ')}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${
      q.unknownValues.values.length === 0
        ? ''
        : html`<table class="unknown-values">
            <thead>
              <tr>
                <th>file</th>
                <th>column</th>
                <th>value</th>
                <th class="num">rows</th>
                <th>keys</th>
              </tr>
            </thead>
            <tbody>
              ${q.unknownValues.values.map(
                (v) =>
                  html`<tr>
                    <td><code>${v.file}</code></td>
                    <td><code>${v.column}</code></td>
                    <td>${v.value}</td>
                    <td class="num">${v.rows}</td>
                    <td>${v.keys.slice(0, SHOWN).join(', ')}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
    ${q.days.length === 0 ? '' : daysTable(q.days)}
    ${q.affiliations.map(
      (a) =>
        html`<p class="affiliations" data-file="${a.file}">
          <code>${a.file}</code>: ${a.pairs} pair(s) stored, ${a.open} open, ${a.closed}
          closed${a.days.length === 0 ? '' : html`; closed per day: ${a.days.map((d) => html`<span data-day="${d.day}" data-pairs="${d.pairs}">${d.day} ${d.pairs}</span> `)}`}
        </p>`,
    )}
  </div>`;
}

function daysTable(days: readonly DropFacts[]): Html {
  return html`<table class="quality-days">
    <thead>
      <tr>
        <th>day</th>
        <th>keys seen twice</th>
        <th>columns added (+) or missing (−)</th>
        <th>unknown values</th>
        <th class="num">close events</th>
      </tr>
    </thead>
    <tbody>
      ${days.map((d) =>
        d.recorded
          ? html`<tr data-day="${d.day}">
              <td>${d.day}</td>
              <td>${d.duplicateKeys.map((k) => `${k.file} ${k.rows}`).join(', ') || '-'}</td>
              <td>
                ${d.columns.map((c) => `${c.file} ${[...c.added.map((a) => `+${a}`), ...c.missing.map((m) => `−${m}`)].join(' ')}`).join(', ') || '-'}
              </td>
              <td>${d.unknownValues.map((u) => `${u.file} ${u.rows}`).join(', ') || '-'}</td>
              <td class="num">${d.closeEvents}</td>
            </tr>`
          : html`<tr data-day="${d.day}">
              <td>${d.day}</td>
              <td colspan="4" class="muted">
                not recorded (published before the producer recorded its facts)
              </td>
            </tr>`,
      )}
    </tbody>
  </table>`;
}
