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
  const lag = h('div', { id: 'chart-lag' });
  replaceChildren(
    main,
    h('h1', {}, 'Charts'),
    h('div', { class: 'chart-grid' },
      section('Sales per month', sales),
      section('Snack orders per month', snacks),
      section('Commands, last 10 minutes', operations),
      section('Projection lag, last 10 minutes', lag),
      section('Funding progress', funding)),
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
        const wait = empty(`Samples are taken every ${recent.intervalSeconds} seconds; the charts appear after the second one.`);
        replaceChildren(operations, wait);
        return replaceChildren(lag, wait.cloneNode(true));
      }
      draw(operations, commandsChart(recent.samples));
      return draw(lag, lagChart(recent.samples));
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

function timeChart(samples, summary, columns, left, right) {
  const series = (spec, axis) => ({
    label: spec.label, data: samples.map(spec.value), borderColor: spec.color, backgroundColor: spec.color,
    yAxisID: axis, pointRadius: 0, spanGaps: true, borderDash: spec.dashed ? [4, 3] : undefined,
  });
  return {
    summary,
    table: table({ text: summary }, ['Time (UTC)', ...columns.map((c) => c.label)],
      samples.slice(-24).map((s) => h('tr', {}, h('th', { scope: 'row' }, s.at.slice(11, 19)),
        columns.map((c) => h('td', { class: c.text ? '' : 'num' }, c.value(s) ?? '—'))))),
    config: {
      type: 'line',
      data: { labels: samples.map((s) => s.at.slice(11, 19)), datasets: [series(left, 'y'), series(right, 'y1')] },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: {
          y: { beginAtZero: true, grid: { color: COLORS.grid }, title: { display: true, text: left.axis } },
          y1: { beginAtZero: true, position: 'right', grid: { display: false }, title: { display: true, text: right.axis } },
        },
      },
    },
  };
}

function commandsChart(samples) {
  const last = samples[samples.length - 1];
  return timeChart(
    samples,
    `Writes (commands) at ${last.at.slice(11, 19)} UTC: ${fixed(last.writesPerSecond)} per second, mean ${fixed(last.writeMeanMillis)} ms`,
    [{ label: 'Writes/s', value: (s) => fixed(s.writesPerSecond) }, { label: 'Mean ms', value: (s) => fixed(s.writeMeanMillis) }],
    { label: 'Writes per second', value: (s) => s.writesPerSecond, color: COLORS.primary, axis: 'per second' },
    { label: 'Mean latency (ms)', value: (s) => s.writeMeanMillis, color: COLORS.secondary, axis: 'ms', dashed: true },
  );
}

function lagChart(samples) {
  const last = samples[samples.length - 1];
  return timeChart(
    samples,
    `Largest projection lag at ${last.at.slice(11, 19)} UTC: ${last.projectionLag ?? 'unknown'} events, ${last.projectionLagSeconds ?? 'unknown'} s`
      + `${last.laggingProjection ? ` (${last.laggingProjection})` : ''}`,
    [
      { label: 'Events behind', value: (s) => s.projectionLag },
      { label: 'Seconds behind', value: (s) => s.projectionLagSeconds },
      { label: 'Projection', value: (s) => s.laggingProjection, text: true },
    ],
    { label: 'Events behind', value: (s) => s.projectionLag, color: COLORS.tertiary, axis: 'events' },
    { label: 'Seconds behind', value: (s) => s.projectionLagSeconds, color: COLORS.secondary, axis: 'seconds', dashed: true },
  );
}

function fixed(value) {
  return value === null || value === undefined ? '—' : Number(value).toFixed(1);
}
