// Lethe console: a static page over the public HTTP API, with the key the person signs in with
// (kept in sessionStorage only). No build step, no dependency beyond uPlot (served by Lethe).
(() => {
  'use strict';
  const DAY = 86400;
  const $ = id => document.getElementById(id);
  const store = window.sessionStorage;
  const state = { key: store.getItem('lethe.key'), role: store.getItem('lethe.role'), tenant: store.getItem('lethe.tenant') };
  const charts = {};
  let jobsTimer = null;

  class ApiError extends Error {
    constructor(status, problem) {
      super(problem.detail || problem.title || ('HTTP ' + status));
      this.status = status;
      this.problem = problem;
    }
  }

  /** Calls the public API with the signed-in key (or opts.key); answers parsed JSON or text, throws ApiError with the problem. */
  async function api(path, opts = {}) {
    const headers = { Authorization: 'Bearer ' + (opts.key || state.key) };
    if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(path, { method: opts.method || 'GET', headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) throw new ApiError(response.status, typeof body === 'object' ? body : { detail: String(body) });
    return body;
  }

  // ---- small DOM helpers ------------------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') node.className = v;
      else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) node.append(c instanceof Node ? c : document.createTextNode(c === undefined || c === null ? '' : String(c)));
    return node;
  }
  function table(id, head, rows, numeric = []) {
    const t = $(id);
    t.replaceChildren(el('thead', {}, el('tr', {}, head.map((h, i) => el('th', { scope: 'col', class: numeric.includes(i) ? 'num' : undefined }, h)))),
      el('tbody', {}, rows.map(r => el('tr', {}, r.map((c, i) => el('td', { class: numeric.includes(i) ? 'num' : undefined }, c))))));
  }
  const fmt = (x, digits = 3) => x === undefined || x === null || Number.isNaN(x) ? '–' : Number(x).toLocaleString('en', { maximumFractionDigits: digits });
  const days = seconds => fmt(seconds / DAY, 1) + ' d';
  const when = iso => iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '–';
  function stat(label, value, id) {
    return el('div', { class: 'stat', id }, el('div', { class: 'value' }, value), el('div', { class: 'label' }, label));
  }
  function showError(target, error) {
    $(target).textContent = error instanceof ApiError ? `${error.message} (${error.problem.code || error.status})` : String(error.message || error);
  }

  // ---- charts (uPlot) ------------------------------------------------------------------------------
  const PALETTE = ['#0b5cad', '#b35900', '#116329', '#8250df', '#a4000f', '#1b7c83', '#6e7781', '#bf3989'];
  function chart(id, opts, data) {
    const box = $(id);
    if (charts[id]) charts[id].destroy();
    box.replaceChildren();
    const width = Math.max(260, box.clientWidth || box.parentElement.clientWidth - 20);
    charts[id] = new uPlot(Object.assign({ width, height: box.classList.contains('tall') ? 320 : 240 }, opts), data, box);
  }
  window.addEventListener('resize', () => {
    for (const [id, c] of Object.entries(charts)) {
      const w = $(id).clientWidth;
      if (w > 0) c.setSize({ width: w, height: c.height });
    }
  });

  // ---- sign in -------------------------------------------------------------------------------------
  async function signIn(key) {
    try {
      const overview = await api('/v1/overview?days=1', { key });
      return { role: 'tenant', tenant: overview.tenantId };
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
    }
    try {
      await api('/v1/tenants', { key });
      return { role: 'admin', tenant: '' };
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        throw new Error('This key is not known to this server. Check it for typos, or ask the operator for a tenant API key.');
      }
      throw e;
    }
  }

  $('signin-form').addEventListener('submit', async event => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    $('signin-error').textContent = '';
    if (!key) {
      $('signin-error').textContent = 'Enter an API key.';
      $('api-key').focus();
      return;
    }
    $('sign-in').disabled = true;
    try {
      const who = await signIn(key);
      Object.assign(state, { key, role: who.role, tenant: who.tenant });
      store.setItem('lethe.key', key);
      store.setItem('lethe.role', who.role);
      store.setItem('lethe.tenant', who.tenant);
      $('api-key').value = '';
      location.hash = who.role === 'admin' ? '#/operators' : '#/overview';
      route();
    } catch (e) {
      $('signin-error').textContent = e.message;
      $('api-key').focus();
    } finally {
      $('sign-in').disabled = false;
    }
  });

  $('sign-out').addEventListener('click', () => {
    store.clear();
    Object.assign(state, { key: null, role: null, tenant: null });
    location.hash = '#/signin';
    route();
  });

  // ---- routing -------------------------------------------------------------------------------------
  const pages = { overview: loadOverview, forgetting: loadForgetting, users: loadUsers, models: loadModels, operators: loadOperators };

  function route() {
    const [, name = '', arg] = location.hash.split('/');
    let page = state.key ? (pages[name] ? name : (state.role === 'admin' ? 'operators' : 'overview')) : 'signin';
    if (state.role === 'admin' && page !== 'operators') page = 'operators';
    if (state.role === 'tenant' && page === 'operators') page = 'overview';
    document.querySelectorAll('.page').forEach(p => { p.hidden = p.id !== 'page-' + page; });
    $('nav').hidden = !state.key;
    $('sign-out').hidden = !state.key;
    $('who').hidden = !state.key;
    $('who').textContent = state.role === 'admin' ? 'operator (admin key)' : 'tenant ' + (state.tenant || '');
    document.querySelectorAll('#nav a[data-page]').forEach(a => {
      a.hidden = a.dataset.role !== state.role;
      if (a.dataset.page === page) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    if (jobsTimer && page !== 'models') { clearInterval(jobsTimer); jobsTimer = null; }
    document.title = 'Lethe console – ' + page;
    if (page === 'signin') { $('api-key').focus(); return; }
    // The mark says when the page's data is on screen (read by the browser test, reported in docs/benchmarks.md).
    pages[page](arg ? decodeURIComponent(arg) : undefined).then(() => performance.mark('lethe-page-ready:' + page), e => console.error(e));
  }
  window.addEventListener('hashchange', route);

  // ---- overview ------------------------------------------------------------------------------------
  async function loadOverview() {
    const [o, models] = await Promise.all([api('/v1/overview?days=60'), api('/v1/models')]);
    const active = models.models.find(m => m.active);
    $('overview-tenant').textContent = o.tenantId;
    $('overview-cards').replaceChildren(
      stat('behaviours', fmt(o.behaviours, 0), 'stat-behaviours'), stat('users', fmt(o.users, 0), 'stat-users'),
      stat('items', fmt(o.items, 0), 'stat-items'),
      stat('active model', active ? `v${active.version} ${active.family}` : 'none (decayed popularity)', 'stat-model'),
      stat('active NDCG@10', active ? fmt(active.metrics['ndcg@10']) : '–'));
    chart('chart-days', {
      series: [{}, { label: 'behaviours', stroke: PALETTE[0], fill: 'rgba(11,92,173,.25)', paths: uPlot.paths.bars({ size: [0.8, 40] }), points: { show: false } }],
      axes: [{}, { label: 'behaviours' }], scales: { x: { time: true } }, legend: { show: true },
    }, [o.perDay.map(d => Date.parse(d.day + 'T00:00:00Z') / 1000), o.perDay.map(d => d.behaviours)]);
    const versions = [...models.models].sort((a, b) => a.version - b.version);
    chart('chart-metrics', {
      series: [{ label: 'version' }, { label: 'HR@10', stroke: PALETTE[0], width: 2 }, { label: 'NDCG@10', stroke: PALETTE[1], width: 2 }],
      scales: { x: { time: false } }, axes: [{ label: 'model version', incrs: [1, 2, 5, 10] }, { label: 'metric' }],
    }, [versions.map(v => v.version), versions.map(v => v.metrics['hr@10'] ?? null), versions.map(v => v.metrics['ndcg@10'] ?? null)]);
    table('overview-types', ['type', 'behaviours'], Object.entries(o.perType).sort((a, b) => b[1] - a[1]).map(([t, n]) => [t, fmt(n, 0)]), [1]);
    $('rejects-since').textContent = `${fmt(o.rejects.total, 0)} rejected by this server since ${when(o.rejects.since)}`;
    const reasons = Object.entries(o.rejects.byReason);
    table('overview-rejects', ['reason (problem code)', 'events'], reasons.length ? reasons.map(([r, n]) => [r, fmt(n, 0)]) : [['none', '0']], [1]);
  }

  // ---- forgetting ----------------------------------------------------------------------------------
  function retention(curve, t) {
    const p = curve.parameters;
    if (t <= 0) return 1;
    if (curve.family === 'exponential') return Math.pow(2, -t / p.halfLifeSeconds);
    if (curve.family === 'power-law') return Math.pow((t + p.epsilonSeconds) / p.epsilonSeconds, -p.decay);
    if (curve.family === 'two-phase') {
      return p.fastWeight * Math.pow(2, -t / p.fastHalfLifeSeconds) + (1 - p.fastWeight) * Math.pow(2, -t / p.slowHalfLifeSeconds);
    }
    return NaN;
  }
  let userCurve = null;

  function estimator(statistics) {
    const chosen = Object.keys(statistics).filter(k => k.startsWith('estimator.') && statistics[k] === 1).map(k => k.slice('estimator.'.length));
    return chosen[0] || 'not recorded';
  }

  async function loadForgetting() {
    const c = await api('/v1/forgetting-curve');
    const tenant = c.fitted.find(f => f.scope === 'tenant');
    const st = tenant ? tenant.statistics : {};
    const low = st['halfLifeSeconds.low95'], high = st['halfLifeSeconds.high95'];
    $('forgetting-summary').replaceChildren(
      el('strong', {}, `In force: ${c.inForce.family}, half-life ${days(c.inForce.halfLifeSeconds)}`),
      low ? ` (95% interval ${days(low)} – ${days(high)})` : '',
      `, scope ${c.inForce.scope}. Estimator chosen: `, el('strong', { id: 'estimator' }, estimator(st)),
      st.events ? `, fitted on ${fmt(st.events, 0)} behaviours of ${fmt(st.users, 0)} users` : '',
      `; ${c.userCurves} users have a curve of their own.`);
    table('forgetting-fitted', ['scope', 'family', 'half-life', '95% interval', 'behaviours', 'fitted'],
      c.fitted.map(f => [f.scope, f.curve.family, days(f.curve.halfLifeSeconds),
        f.statistics['halfLifeSeconds.low95'] ? `${days(f.statistics['halfLifeSeconds.low95'])} – ${days(f.statistics['halfLifeSeconds.high95'])}` : '–',
        fmt(f.statistics.events, 0), when(f.fittedAt)]), [4]);
    drawCurves(c);
  }

  function drawCurves(c) {
    const longest = Math.max(...c.fitted.map(f => f.curve.halfLifeSeconds).filter(h => h < 400 * DAY), c.inForce.halfLifeSeconds);
    const span = Math.min(3 * longest, 365 * DAY);
    const xs = Array.from({ length: 121 }, (_, i) => i * span / 120);
    const series = [{ label: 'days since the behaviour', value: (u, v) => v === null ? '–' : fmt(v, 1) }];
    const data = [xs.map(x => x / DAY)];
    const tenant = c.fitted.find(f => f.scope === 'tenant');
    const bands = [];
    if (tenant && tenant.statistics['halfLifeSeconds.low95']) {
      const lowCurve = { family: 'exponential', parameters: { halfLifeSeconds: tenant.statistics['halfLifeSeconds.low95'] } };
      const highCurve = { family: 'exponential', parameters: { halfLifeSeconds: tenant.statistics['halfLifeSeconds.high95'] } };
      series.push({ label: 'tenant 95% high', stroke: 'rgba(11,92,173,.35)', dash: [4, 4] }, { label: 'tenant 95% low', stroke: 'rgba(11,92,173,.35)', dash: [4, 4] });
      data.push(xs.map(x => retention(highCurve, x)), xs.map(x => retention(lowCurve, x)));
      bands.push({ series: [1, 2], fill: 'rgba(11,92,173,.12)' });
    }
    c.fitted.forEach((f, i) => {
      series.push({ label: f.scope, stroke: PALETTE[i % PALETTE.length], width: f.scope === 'tenant' ? 3 : 1.5 });
      data.push(xs.map(x => retention(f.curve, x)));
    });
    if (userCurve) {
      series.push({ label: userCurve.user + ' (' + userCurve.curve.scope + ')', stroke: '#000', width: 2, dash: [8, 3] });
      data.push(xs.map(x => retention(userCurve.curve, x)));
    }
    chart('chart-curves', { series, bands, scales: { x: { time: false }, y: { range: [0, 1] } },
      axes: [{ label: 'days since the behaviour' }, { label: 'retention' }] }, data);
  }

  $('user-curve-form').addEventListener('submit', async event => {
    event.preventDefault();
    const user = $('user-curve-id').value.trim();
    try {
      userCurve = await api(`/v1/users/${encodeURIComponent(user)}/forgetting-curve`);
      const s = userCurve.statistics || {};
      $('user-curve').replaceChildren(el('p', {}, `${user}: ${userCurve.curve.family}, half-life ${days(userCurve.curve.halfLifeSeconds)} from scope `,
        el('strong', {}, userCurve.curve.scope), s['halfLifeSeconds.low95'] ? ` (95% ${days(s['halfLifeSeconds.low95'])} – ${days(s['halfLifeSeconds.high95'])})` : '',
        userCurve.curve.scope.startsWith('user:') ? '' : ' — this user has no curve of their own and forgets like the tenant.'));
      drawCurves(await api('/v1/forgetting-curve'));
    } catch (e) {
      $('user-curve').replaceChildren(el('p', { class: 'error', role: 'alert' }));
      showError('user-curve', e);
    }
  });

  // ---- user explorer -------------------------------------------------------------------------------
  let currentUser = null;
  let lastLoaded = 0;
  let shown = 0;

  async function suggestUsers(prefix) {
    try {
      const found = await api(`/v1/users?prefix=${encodeURIComponent(prefix)}&limit=20`);
      $('user-ids').replaceChildren(...found.users.map(u => el('option', { value: u })));
    } catch (e) { /* suggestions are a convenience */ }
  }
  $('user-id').addEventListener('input', () => suggestUsers($('user-id').value.trim()));
  $('user-curve-id').addEventListener('input', () => suggestUsers($('user-curve-id').value.trim()));

  async function loadUsers(user) {
    suggestUsers('');
    if (user && user !== currentUser) {
      $('user-id').value = user;
      await openUser(user, true);
    }
  }

  $('user-form').addEventListener('submit', event => {
    event.preventDefault();
    const user = $('user-id').value.trim();
    if (!user) { $('user-error').textContent = 'Enter a user id.'; return; }
    location.hash = '#/users/' + encodeURIComponent(user);
    openUser(user, true);
  });

  function asOfMoment() {
    const back = Number($('as-of').max) - Number($('as-of').value);
    return back === 0 ? null : new Date(lastLoaded - back * DAY * 1000).toISOString();
  }
  function asOfLabel() {
    const back = Number($('as-of').max) - Number($('as-of').value);
    $('as-of-label').textContent = back === 0 ? 'now' : `${back} day${back === 1 ? '' : 's'} ago (${when(asOfMoment())})`;
  }
  $('as-of').addEventListener('input', asOfLabel);
  $('as-of').addEventListener('change', () => currentUser && showUser(currentUser));

  async function openUser(user, fresh) {
    $('user-error').textContent = '';
    currentUser = user;
    if (fresh) {
      lastLoaded = Date.now();
      $('as-of').value = $('as-of').max;
    }
    asOfLabel();
    await showUser(user);
  }

  async function showUser(user) {
    const mine = ++shown;
    const asOf = asOfMoment();
    const q = asOf ? '&asOf=' + encodeURIComponent(asOf) : '';
    try {
      const [timeline, recs] = await Promise.all([
        api(`/v1/users/${encodeURIComponent(user)}/timeline?limit=300&interests=6${q}`),
        api(`/v1/users/${encodeURIComponent(user)}/recommendations?k=10&explain=true${q}`)]);
      if (mine !== shown) return; // a later request (the slider moved on) answers instead
      if (timeline.behaviours.length === 0 && !asOf) {
        $('user-view').hidden = true;
        $('user-error').textContent = `No behaviours stored for user "${user}" in this tenant.`;
        return;
      }
      $('user-view').hidden = false;
      drawTimeline(timeline);
      $('timeline-count').textContent = `(${timeline.behaviours.length}, curve: ${timeline.curve.family} half-life ${days(timeline.curve.halfLifeSeconds)}, ${timeline.curve.scope})`;
      table('timeline', ['when', 'type', 'item', 'categories', 'weight'], [...timeline.behaviours].reverse().map(b =>
        [when(b.timestamp), b.type, b.itemId, b.categories.join(', '), fmt(b.weight, 2)]), [4]);
      $('recs-model').textContent = `(model ${recs.model}${recs.coldStart ? ', cold start' : ''}, as of ${when(recs.asOf)})`;
      $('recs').replaceChildren(...recs.items.map(item => el('li', { class: 'rec' },
        el('strong', {}, item.itemId), ` score ${fmt(item.score, 4)}`,
        el('ul', { class: 'because' }, (item.because || []).map(r => el('li', { class: 'reason' },
          `you were into ${r.kind} `, el('code', {}, r.key), ` — strength ${fmt(r.originalStrength, 1)} then, ${fmt(r.currentStrength, 1)} now` +
          (r.lastSeen ? ` (last ${when(r.lastSeen)})` : '')))))));
    } catch (e) {
      showError('user-error', e);
    }
  }

  function drawTimeline(t) {
    const xs = t.moments.map(m => Date.parse(m) / 1000);
    const series = [{}].concat(t.interests.map((trace, i) => ({ label: trace.category, stroke: PALETTE[i % PALETTE.length], width: 2, points: { show: false } })));
    const data = [xs].concat(t.interests.map(trace => trace.strengths));
    chart('chart-timeline', { series, scales: { x: { time: true } }, axes: [{}, { label: 'interest strength' }] }, data);
  }

  // ---- models and jobs -----------------------------------------------------------------------------
  function confirmDialog(text) {
    const dialog = $('confirm');
    $('confirm-text').textContent = text;
    return new Promise(resolve => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'), { once: true });
      dialog.showModal();
      $('confirm-cancel').focus();
    });
  }

  async function loadModels() {
    await Promise.all([showModels(), showJobs()]);
    if (!jobsTimer) jobsTimer = setInterval(() => { if (!document.hidden) showJobs().catch(() => {}); }, 2000);
  }

  async function showModels() {
    const models = (await api('/v1/models')).models;
    const active = models.find(m => m.active);
    table('models', ['version', 'family', 'engine', 'HR@10', 'NDCG@10', 'created', 'serving'], models.map(m => [
      'v' + m.version, m.family, m.engine, fmt(m.metrics['hr@10']), fmt(m.metrics['ndcg@10']), when(m.createdAt),
      m.active ? el('span', { class: 'badge active', id: 'active-version' }, 'serving') : el('button', {
        type: 'button', class: 'secondary', 'data-version': m.version,
        onclick: () => activate(m.version, active && m.version < active.version),
      }, active && m.version < active.version ? `Roll back to v${m.version}` : `Activate v${m.version}`)]), [3, 4]);
  }

  async function activate(version, rollback) {
    if (!await confirmDialog(`${rollback ? 'Roll back to' : 'Activate'} model version ${version}? It will serve every recommendation of this tenant from now on.`)) return;
    try {
      await api(`/v1/models/${version}/activate`, { method: 'POST' });
      $('models-message').className = 'ok';
      $('models-message').textContent = `Version ${version} now serves.`;
    } catch (e) {
      $('models-message').className = 'error';
      showError('models-message', e);
    }
    await showModels();
  }

  async function showJobs() {
    const jobs = (await api('/v1/training-jobs')).jobs;
    table('jobs', ['job', 'family', 'status', 'progress', 'message', 'version', 'updated'], jobs.map(j => [
      j.id.slice(0, 8), j.family, j.status,
      el('span', {}, el('progress', { max: 1, value: j.progress, 'aria-label': `progress of job ${j.id.slice(0, 8)}` }), ` ${Math.round(j.progress * 100)}%`),
      j.error || j.message || '', j.modelVersion ? 'v' + j.modelVersion : '–', when(j.updatedAt)]));
    if (jobs.some(j => j.status === 'succeeded' && j.modelVersion) && $('models').querySelectorAll('tbody tr').length < new Set(jobs.map(j => j.modelVersion).filter(Boolean)).size) {
      await showModels();
    }
  }

  $('job-form').addEventListener('submit', async event => {
    event.preventDefault();
    try {
      const job = await api('/v1/training-jobs', { method: 'POST', body: { family: $('job-family').value, activation: $('job-activation').value } });
      $('jobs-message').className = 'ok';
      $('jobs-message').textContent = `Job ${job.id.slice(0, 8)} (${job.family}) queued.`;
    } catch (e) {
      $('jobs-message').className = 'error';
      showError('jobs-message', e);
    }
    await showJobs();
  });

  // ---- operators -----------------------------------------------------------------------------------
  function parseMetrics(text) {
    const samples = [];
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([^}]*)\})?\s+(\S+)/);
      if (!m) continue;
      const labels = {};
      (m[3] || '').replace(/(\w+)="((?:[^"\\]|\\.)*)"/g, (_, k, v) => { labels[k] = v; return ''; });
      samples.push({ name: m[1], labels, value: Number(m[4]) });
    }
    return samples;
  }

  async function loadOperators() {
    const [tenants, metricsText, ready] = await Promise.all([
      api('/v1/tenants'), api('/metrics'), api('/health/ready').then(() => 'UP', e => e.message)]);
    const samples = parseMetrics(metricsText);
    const sum = (name, filter = () => true) => samples.filter(s => s.name === name && filter(s.labels)).reduce((a, s) => a + s.value, 0);
    const requests = sum('lethe_http_requests_seconds_count');
    const seconds = sum('lethe_http_requests_seconds_sum');
    $('health-cards').replaceChildren(
      stat('readiness', ready, 'health-ready'), stat('tenants', fmt(tenants.tenants.length, 0)),
      stat('HTTP requests served', fmt(requests, 0)), stat('mean request time', requests ? fmt(1000 * seconds / requests, 2) + ' ms' : '–'),
      stat('heap used', fmt(sum('jvm_memory_used_bytes', l => l.area === 'heap') / 1048576, 0) + ' MiB'),
      stat('live threads', fmt(sum('jvm_threads_live_threads'), 0)));
    const versions = {};
    samples.filter(s => s.name === 'lethe_model_active_version').forEach(s => { versions[s.labels.tenant] = s.value; });
    table('tenants', ['id', 'name', 'kind', 'created', 'active version'], tenants.tenants.map(t =>
      [t.id, t.name, t.kind, when(t.createdAt), versions[t.id] ? 'v' + versions[t.id] : (t.id in versions ? 'none' : 'not seen yet')]));
    const routes = {};
    samples.filter(s => s.name === 'lethe_http_requests_seconds_count').forEach(s => {
      const key = `${s.labels.method || ''} ${s.labels.route || s.labels.uri || ''}`;
      routes[key] = routes[key] || { count: 0, sum: 0, max: 0 };
      routes[key].count += s.value;
    });
    samples.filter(s => s.name === 'lethe_http_requests_seconds_sum').forEach(s => {
      const key = `${s.labels.method || ''} ${s.labels.route || s.labels.uri || ''}`;
      if (routes[key]) routes[key].sum += s.value;
    });
    const ingested = samples.filter(s => s.name === 'lethe_events_ingested_total');
    table('key-metrics', ['metric', 'value'], [
      ...ingested.map(s => [`events ${s.labels.outcome} (${s.labels.tenant})`, fmt(s.value, 0)]),
      ...Object.entries(routes).sort((a, b) => b[1].count - a[1].count).slice(0, 12)
        .map(([k, r]) => [`requests ${k}`, `${fmt(r.count, 0)} (mean ${fmt(1000 * r.sum / r.count, 2)} ms)`])], [1]);
  }

  $('tenant-form').addEventListener('submit', async event => {
    event.preventDefault();
    const out = $('tenant-created');
    try {
      const t = await api('/v1/tenants', { method: 'POST', body: { id: $('tenant-id').value.trim(), name: $('tenant-name').value.trim(), kind: $('tenant-kind').value } });
      out.replaceChildren(el('p', { class: 'ok' }, `Tenant ${t.id} created. Its API key, shown this once — copy it now:`),
        el('p', {}, el('code', { class: 'key', id: 'new-tenant-key' }, t.apiKey)));
      await loadOperators();
    } catch (e) {
      out.replaceChildren(el('p', { class: 'error', id: 'tenant-error' }));
      showError('tenant-error', e);
    }
  });

  route();
})();
