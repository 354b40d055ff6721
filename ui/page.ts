/**
 * The status page as one HTML document drawn from a snapshot: per org, the freshness of each collection
 * (newest drop day applied and when), its documents, its topic's lag and a chart of documents per drop
 * day; the dead letters (counts and the last few with their reason); the data-quality figures of
 * `edreflect check-data` (quality-section.ts); the lag of every topic. Read-only:
 * no form, no script; it reloads itself every minute.
 */
import type { CollectionDocuments } from '../status/documents-per-day';
import type { RecentDeadLetter } from '../status/recent-dead-letters';
import type { CollectionStatus, OrgStatus } from '../status/report';
import type { OrgQuality } from '../status/quality/report';
import { barChart } from './chart';
import { qualitySection } from './quality-section';
import { Html, html } from './html';
import type { StatusSnapshot } from './snapshot';
import { STYLE } from './style';

export const REFRESH_SECONDS = 60;

export function renderPage(s: StatusSnapshot): string {
  const now = new Date(s.generatedAt);
  const orgs = new Set([
    ...s.status.orgs.map((o) => o.org),
    ...s.documents.map((d) => d.org),
    ...s.quality.orgs.map((q) => q.org),
  ]);
  const sections = [...orgs].sort().map((org) =>
    orgSection(
      org,
      s.status.orgs.find((o) => o.org === org),
      s.documents.filter((d) => d.org === org),
      s.recentDeadLetters.find((r) => r.org === org)?.letters ?? [],
      s.quality.orgs.find((q) => q.org === org),
      now,
    ),
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content="${REFRESH_SECONDS}" />
        <title>EdReflect connector status</title>
        <style>
          ${new Html(STYLE) /* our own style sheet, not data */}
        </style>
      </head>
      <body>
        <header>
          <h1>EdReflect connector status</h1>
          <p>
            database <b>${s.status.database}</b> · consumer group <b>${s.status.group}</b> · read at
            <time datetime="${s.generatedAt}">${s.generatedAt}</time>
            ${s.status.asOf === undefined ? '' : html` · <b>as of ${s.status.asOf}</b> (replay --until: later days are not applied)`}
          </p>
        </header>
        <main>
          ${sections.length === 0 ? html`<section><p>Nothing published or applied yet.</p></section>` : sections}
          ${topicsSection(s)}
        </main>
        <footer>
          Read-only. Reloads every ${REFRESH_SECONDS} s. The same data as JSON:
          <a href="/api/status">/api/status</a>.
        </footer>
      </body>
    </html> `.text;
}

function orgSection(
  org: string,
  status: OrgStatus | undefined,
  documents: readonly CollectionDocuments[],
  letters: readonly RecentDeadLetter[],
  quality: OrgQuality | undefined,
  now: Date,
): Html {
  const names = new Set([
    ...(status?.collections ?? []).map((c) => c.collection),
    ...documents.map((d) => d.collection),
  ]);
  const rows = [...names].sort().map((name) =>
    collectionRow(
      name,
      status?.collections.find((c) => c.collection === name),
      documents.find((d) => d.collection === name),
      now,
    ),
  );
  const published = status?.published;
  const dl = status?.deadLetters ?? { produce: 0, consume: 0 };
  const dlTotal = dl.produce + dl.consume;
  return html`<section class="org" data-org="${org}">
    <h2>org ${org === '' ? '(unknown)' : org}</h2>
    <p>
      ${published === undefined ? 'nothing published' : html`published <b>${published.drops}</b> drop(s), newest day <b>${published.newestDay ?? '-'}</b>`}
      · dead letters:
      <span class="${dlTotal > 0 ? 'bad' : 'ok'}" data-dead-letters="${dlTotal}">${dlTotal}</span>
      (${dl.produce} at produce, ${dl.consume} at consume)
    </p>
    <h3>Collections</h3>
    ${
      rows.length === 0
        ? html`<p class="muted">nothing applied yet</p>`
        : html`<table class="collections">
            <thead>
              <tr>
                <th>collection</th>
                <th>newest day applied</th>
                <th>last applied</th>
                <th class="num">events applied</th>
                <th class="num">documents</th>
                <th class="num">lag</th>
                <th>state</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>`
    }
    ${
      documents.length === 0
        ? ''
        : html`<h3>Documents by drop day</h3>
            <div class="charts">
              ${documents.map(
                (d) =>
                  html`<figure data-collection="${d.collection}">
                    <figcaption>${d.collection}</figcaption>
                    ${barChart(`${d.collection}: documents per drop day`, d.days)}
                  </figure>`,
              )}
            </div>`
    }
    ${letters.length === 0 ? '' : deadLetterTable(letters)} ${qualitySection(quality)}
  </section>`;
}

function collectionRow(
  name: string,
  c: CollectionStatus | undefined,
  d: CollectionDocuments | undefined,
  now: Date,
): Html {
  const state =
    c === undefined
      ? html`<span class="muted">no sync state</span>`
      : c.asOf !== undefined
        ? html`<span class="muted">as of ${c.asOf}</span>`
        : c.upToDate
          ? html`<span class="ok">up to date</span>`
          : html`<span class="behind">behind</span>`;
  return html`<tr data-collection="${name}">
    <td><code>${name}</code></td>
    <td>${c?.day ?? '-'}</td>
    <td>
      ${c === undefined ? '-' : html`<time datetime="${c.appliedAt.toISOString()}">${c.appliedAt.toISOString().replace('T', ' ').slice(0, 19)} UTC</time> <span class="muted">(${age(now, c.appliedAt)})</span>`}
    </td>
    <td class="num">${c?.events ?? '-'}</td>
    <td class="num" data-documents="${d?.documents ?? 0}">${d?.documents ?? 0}</td>
    <td class="num">${c?.lag ?? '-'}</td>
    <td>${state}</td>
  </tr>`;
}

function deadLetterTable(letters: readonly RecentDeadLetter[]): Html {
  return html`<h3>Last dead letters</h3>
    <table class="dead-letters">
      <thead>
        <tr>
          <th>when</th>
          <th>stage</th>
          <th>day</th>
          <th>where</th>
          <th>reason</th>
        </tr>
      </thead>
      <tbody>
        ${letters.map(
          (l) =>
            html`<tr>
              <td>${l.at ?? '-'}</td>
              <td>${l.stage}</td>
              <td>${l.day ?? '-'}</td>
              <td><code>${l.where}</code></td>
              <td>${l.reason}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** Topics that never held an event are summed up in one line, so the ones that matter stay in view. */
function topicsSection(s: StatusSnapshot): Html {
  const topics = s.status.topics.filter((t) => t.end > 0 || t.lag > 0);
  const empty = s.status.topics.length - topics.length;
  return html`<section class="topics">
    <h2>Consumer lag per topic</h2>
    ${empty === 0 ? '' : html`<p class="muted" data-empty-topics="${empty}">${empty} more topic(s) hold no events yet.</p>`}
    ${
      topics.length === 0
        ? html`<p class="muted">no events on any topic yet</p>`
        : html`<table>
            <thead>
              <tr>
                <th>topic</th>
                <th class="num">partitions</th>
                <th class="num">committed</th>
                <th class="num">end</th>
                <th class="num">lag</th>
              </tr>
            </thead>
            <tbody>
              ${topics.map(
                (t) =>
                  html`<tr data-topic="${t.topic}">
                    <td><code>${t.topic}</code></td>
                    <td class="num">${t.partitions}</td>
                    <td class="num">${t.committed}</td>
                    <td class="num">${t.end}</td>
                    <td class="num ${t.lag > 0 ? 'behind' : 'ok'}">${t.lag}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
    }
  </section>`;
}

function age(now: Date, then: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - then.getTime()) / 1000));
  if (seconds < 90) return `${seconds} s ago`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} days ago`;
}
