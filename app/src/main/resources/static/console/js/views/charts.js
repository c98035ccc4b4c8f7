import { ApiError, getJson } from '../api.js';
import { errorBox, h, replaceChildren, section, table } from '../dom.js';

const COLORS = { primary: '#2f6f73', secondary: '#b7791f', tertiary: '#6b5fa8', grid: '#e3e6ea', text: '#4a5260' };
const OPERATIONS_REFRESH_MS = 5000;

/** Sales, snack orders, funding progress and this node's command and projection lag, as charts with tables. */
export async function renderCharts(main) {
  const charts = [];
  const sales = h('div', { id: 'chart-sales' });
  const snacks = h('div', { id: 'chart-snacks' });
  const funding = h('div', { id: 'chart-funding' });
  const operations = h('div', { id: 'chart-operations' });
  replaceChildren(
    main,
    h('h1', {}, 'Charts'),
    h('div', { class: 'chart-grid' },
      section('Sales per month', sales),
      section('Snack orders per month', snacks),
      section('Funding progress', funding),
      section('Commands and projection lag, last 10 minutes', operations)),
  );
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = COLORS.text;
  Chart.defaults.animation = false;

  const draw = (box, spec) => {
    const old = charts.find((c) => c.box === box);
    if (old) {
      old.chart.destroy();
      charts.splice(charts.indexOf(old), 1);
    }
    const canvas = h('canvas', { role: 'img', 'aria-label': spec.summary });
    replaceChildren(box, h('div', { class: 'chart' }, canvas), h('details', {}, h('summary', {}, 'Show the figures as a table'), spec.table));
    charts.push({ box, chart: new Chart(canvas, spec.config) });
  };

  const load = async (box, path, render, absent) => {
    try {
      render(await getJson(path));
    } catch (error) {
      if (absent && error instanceof ApiError && (error.status === 404 || error.status === 405)) {
        replaceChildren(box, h('p', { class: 'notice' }, absent));
      } else {
        replaceChildren(box, errorBox(error));
      }
    }
  };

  await Promise.all([
    load(sales, '/api/stats/sales?granularity=month', (periods) => {
      if (periods.length === 0) return replaceChildren(sales, empty('No sales yet.'));
      return draw(sales, barAndLine(periods, 'Revenue', (p) => p.revenue, 'Orders', (p) => p.orders,
        `Sales per month: ${periods.map((p) => `${p.period} ${p.revenue} ${p.currency ?? ''}`).join('; ')}`));
    }),
    load(snacks, '/api/stats/snack-orders?granularity=month', (periods) => {
      const used = periods.filter((p) => p.orders > 0);
      if (used.length === 0) return replaceChildren(snacks, empty('No snack orders yet.'));
      return draw(snacks, barAndLine(used, 'Snacks ordered', (p) => p.snackQuantity, 'Orders', (p) => p.orders,
        `Snack orders per month: ${used.map((p) => `${p.period} ${p.orders} orders`).join('; ')}`));
    }),
    load(funding, '/api/campaigns?sort=funded&limit=10', (page) => {
      const campaigns = page.items || [];
      if (campaigns.length === 0) return replaceChildren(funding, empty('No campaigns yet.'));
      return draw(funding, fundingChart(campaigns));
    }, 'Crowdfunding is not available on this server yet.'),
  ]);

  let timer = null;
  let stopped = false;
  const refreshOperations = async () => {
    await load(operations, '/api/operations/recent', (recent) => {
      if (recent.samples.length < 2) {
        return replaceChildren(operations, empty(`Samples are taken every ${recent.intervalSeconds} seconds; the chart appears after the second one.`));
      }
      return draw(operations, operationsChart(recent.samples));
    });
    if (!stopped) timer = window.setTimeout(refreshOperations, OPERATIONS_REFRESH_MS);
  };
  await refreshOperations();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
    charts.forEach((c) => c.chart.destroy());
  };
}

function empty(text) {
  return h('p', { class: 'muted' }, text);
}

function barAndLine(periods, barLabel, bar, lineLabel, line, summary) {
  return {
    summary,
    table: table({ text: summary }, ['Period', barLabel, lineLabel],
      periods.map((p) => h('tr', {}, h('th', { scope: 'row' }, p.period), h('td', { class: 'num' }, bar(p)), h('td', { class: 'num' }, line(p))))),
    config: {
      data: {
        labels: periods.map((p) => p.period),
        datasets: [
          { type: 'bar', label: barLabel, data: periods.map(bar), backgroundColor: COLORS.primary, yAxisID: 'y' },
          { type: 'line', label: lineLabel, data: periods.map(line), borderColor: COLORS.secondary, backgroundColor: COLORS.secondary, yAxisID: 'y1' },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          y: { beginAtZero: true, grid: { color: COLORS.grid }, title: { display: true, text: barLabel } },
          y1: { beginAtZero: true, position: 'right', grid: { display: false }, title: { display: true, text: lineLabel } },
        },
      },
    },
  };
}

function fundingChart(campaigns) {
  const summary = `Funding progress: ${campaigns.map((c) => `${c.title} ${c.achievementRate}%`).join('; ')}`;
  return {
    summary,
    table: table({ text: summary }, ['Campaign', 'Status', 'Achieved', 'Funded', 'Backers', 'Days left'],
      campaigns.map((c) => h('tr', {}, h('th', { scope: 'row' }, c.title), h('td', {}, c.status), h('td', { class: 'num' }, `${c.achievementRate}%`),
        h('td', { class: 'num' }, c.totalFunded), h('td', { class: 'num' }, c.participants), h('td', { class: 'num' }, c.daysLeft)))),
    config: {
      type: 'bar',
      data: {
        labels: campaigns.map((c) => c.title),
        datasets: [{ label: 'Achieved (% of target)', data: campaigns.map((c) => c.achievementRate), backgroundColor: COLORS.tertiary }],
      },
      options: {
        indexAxis: 'y',
        maintainAspectRatio: false,
        scales: { x: { beginAtZero: true, suggestedMax: 100, grid: { color: COLORS.grid } } },
      },
    },
  };
}

function operationsChart(samples) {
  const labels = samples.map((s) => s.at.slice(11, 19));
  const last = samples[samples.length - 1];
  const summary = `Last sample at ${last.at}: ${fixed(last.writesPerSecond)} writes per second, mean ${fixed(last.writeMeanMillis)} ms; `
    + `largest projection lag ${last.projectionLag ?? 'unknown'} events, ${last.projectionLagSeconds ?? 'unknown'} s`;
  return {
    summary,
    table: table({ text: summary }, ['Time (UTC)', 'Writes/s', 'Mean write ms', 'Lag (events)', 'Lag (s)', 'Lagging projection'],
      samples.slice(-24).map((s) => h('tr', {}, h('th', { scope: 'row' }, s.at.slice(11, 19)), h('td', { class: 'num' }, fixed(s.writesPerSecond)),
        h('td', { class: 'num' }, fixed(s.writeMeanMillis)), h('td', { class: 'num' }, s.projectionLag ?? '—'),
        h('td', { class: 'num' }, s.projectionLagSeconds ?? '—'), h('td', {}, s.laggingProjection ?? '—')))),
    config: {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'Writes per second', data: samples.map((s) => s.writesPerSecond), borderColor: COLORS.primary, backgroundColor: COLORS.primary, yAxisID: 'y', pointRadius: 0 },
          { label: 'Mean write latency (ms)', data: samples.map((s) => s.writeMeanMillis), borderColor: COLORS.secondary, backgroundColor: COLORS.secondary, yAxisID: 'y', pointRadius: 0, spanGaps: true },
          { label: 'Projection lag (events)', data: samples.map((s) => s.projectionLag), borderColor: COLORS.tertiary, backgroundColor: COLORS.tertiary, yAxisID: 'y1', pointRadius: 0, borderDash: [4, 3] },
        ],
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: { beginAtZero: true, grid: { color: COLORS.grid } },
          y1: { beginAtZero: true, position: 'right', grid: { display: false }, title: { display: true, text: 'events behind' } },
        },
      },
    },
  };
}

function fixed(value) {
  return value === null || value === undefined ? '—' : Number(value).toFixed(1);
}
