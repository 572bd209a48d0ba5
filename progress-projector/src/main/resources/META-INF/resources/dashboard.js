// The progress dashboard: target and actual per period in one chart, live.
// Reads the projector's REST API with the bearer token; follows changes over server-sent events,
// read with fetch() so that the token travels in the Authorization header, never in a URL.
(() => {
  'use strict';

  const COLOURS = { target: '#0072B2', actual: '#E69F00', cumulativeActual: '#D55E00', current: 'rgba(0, 114, 178, 0.08)' };
  const $ = (id) => document.getElementById(id);
  const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
  const dashboard = { token: null, view: null, list: null, chart: null, stream: null, loadedAt: Date.now() };
  window.dashboard = dashboard;

  // --- talking to the API ---------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, problem, retryAfter) {
      super(problem && problem.detail || ('HTTP ' + status));
      this.status = status; this.problem = problem; this.retryAfter = retryAfter;
    }
  }

  async function problemOf(response) {
    try { return JSON.parse(await response.text()); } catch (error) { return null; }
  }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + dashboard.token, Accept: 'application/json' } });
    const body = await response.text();
    const json = body ? JSON.parse(body) : null;
    if (!response.ok) throw new ApiError(response.status, json);
    return json;
  }

  function setState(kind, text) {
    const state = $('state');
    state.dataset.state = kind;
    state.textContent = text;
  }

  function setConnection(kind, text) {
    const connection = $('connection');
    connection.dataset.state = kind;
    connection.textContent = text;
  }

  function explain(error) {
    if (error.status === 401) return setState('signed-out', 'This token is not accepted: sign in with a valid one.');
    if (error.status === 403 || error.status === 404) return setState('forbidden', 'You may not see this: ' + error.message);
    setState('error', 'Something went wrong: ' + error.message + '. Try again in a moment.');
  }

  // --- choosing what to show ------------------------------------------------------------------------

  const selected = () => ({ year: $('year').value, type: $('type').value, item: $('item').value, owner: $('owner').value });
  const typeOf = (id) => (dashboard.types || []).find((type) => type.id === id);
  const itemQuery = () => { const type = typeOf($('type').value); return type && type.dimension !== 'all' && $('item').value ? '?item=' + encodeURIComponent($('item').value) : ''; };
  const base = () => '/api/v1/progress/' + $('year').value + '/' + $('type').value;
  // the instant of "Targets as of" (the browser's time zone), or null for the targets now
  const targetsAsOf = () => ($('targets-as-of').value ? new Date($('targets-as-of').value).toISOString() : null);
  const withTargetsAsOf = (path) => (targetsAsOf() ? path + (path.includes('?') ? '&' : '?') + 'targetsAsOf=' + encodeURIComponent(targetsAsOf()) : path);

  function fill(select, options, keep) {
    const previous = keep ? select.value : null;
    select.replaceChildren();
    for (const option of options) {
      if (option.group) {
        const group = document.createElement('optgroup');
        group.label = option.group;
        for (const inner of option.options) group.append(new Option(inner.label, inner.value));
        select.append(group);
      } else {
        select.append(new Option(option.label, option.value));
      }
    }
    if (previous && [...select.options].some((option) => option.value === previous)) select.value = previous;
  }

  async function signIn(token) {
    dashboard.token = token;
    sessionStorage.setItem('sales-targets-token', token);
    setState('loading', 'Loading…');
    try {
      dashboard.types = await api('/api/v1/progress/types');
      const year = new Date().getFullYear();
      fill($('year'), [year - 1, year, year + 1].map((y) => ({ label: String(y), value: String(y) })));
      $('year').value = String(year);
      fill($('type'), dashboard.types.map((type) => ({ label: type.name, value: type.id })));
      $('choose').hidden = false;
      await chooseType();
    } catch (error) {
      explain(error);
    }
  }

  async function chooseType() {
    const type = typeOf($('type').value);
    $('item-field').hidden = !type || type.dimension === 'all';
    if (type && type.dimension !== 'all') {
      const items = await api(base() + '/items');
      fill($('item'), items.map((item) => ({ label: item, value: item })), true);
      if (!items.length) {
        fill($('owner'), []);
        stopStream();
        $('progress').hidden = true;
        return setState('empty', 'No targets or sales of this type yet.');
      }
    }
    await chooseOwners();
  }

  async function chooseOwners() {
    setState('loading', 'Loading…');
    try {
      dashboard.list = await api(withTargetsAsOf(base() + itemQuery()));
    } catch (error) {
      return explain(error);
    }
    const options = [];
    if (dashboard.list.company) options.push({ label: 'Company', value: 'company' });
    for (const group of dashboard.list.groups) {
      const name = group.group ? group.group.ownerId : (group.users[0] && 'team of ' + group.users[0].ownerId) || 'team';
      const inner = [];
      if (group.group) inner.push({ label: group.group.ownerId + ' (team)', value: 'groups/' + group.group.ownerId });
      for (const user of group.users) inner.push({ label: user.ownerId, value: 'users/' + user.ownerId });
      if (inner.length) options.push({ group: name, options: inner });
    }
    fill($('owner'), options, true);
    if (!options.length) {
      stopStream();
      $('progress').hidden = true;
      return setState('empty', 'Nobody you may see has targets or sales here yet.');
    }
    await show();
  }

  async function show() {
    setState('loading', 'Loading…');
    $('progress').setAttribute('aria-busy', 'true');
    const path = base() + '/' + $('owner').value + itemQuery();
    dashboard.path = path;
    try {
      const view = await api(withTargetsAsOf(path));
      setState('ready', '');
      render(view);
      follow(path);
    } catch (error) {
      $('progress').hidden = true;
      explain(error);
    } finally {
      $('progress').removeAttribute('aria-busy');
    }
  }

  // --- drawing --------------------------------------------------------------------------------------

  const amount = (value) => (value === null || value === undefined ? '—' : number.format(Number(value)));
  const STATUS = { ahead: 'Ahead', 'on-track': 'On track', behind: 'Behind' };
  const percent = (value) => (value === null || value === undefined ? '—' : (Number(value) * 100).toFixed(1) + ' %');

  function currentPeriod(view) {
    const asOf = view.toDate && view.toDate.asOf;
    if (!asOf || Number(asOf.slice(0, 4)) !== view.year) return -1;
    const month = Number(asOf.slice(5, 7));
    return view.interval === 'QUARTER' ? Math.floor((month - 1) / 3) : month - 1;
  }

  function cumulative(values) {
    let sum = 0;
    return values.map((value) => (value === null ? null : (sum += Number(value))));
  }

  // shades the current period behind the bars
  const currentPeriodPlugin = {
    id: 'currentPeriod',
    beforeDatasetsDraw(chart) {
      const index = chart.$currentPeriod;
      if (index === undefined || index < 0) return;
      const x = chart.scales.x;
      const width = x.width / chart.data.labels.length;
      const { top, bottom } = chart.chartArea;
      chart.ctx.save();
      chart.ctx.fillStyle = COLOURS.current;
      chart.ctx.fillRect(x.getPixelForValue(index) - width / 2, top, width, bottom - top);
      chart.ctx.restore();
    }
  };

  function render(view) {
    dashboard.view = view;
    $('progress').hidden = false;
    const who = view.level === 'COMPANY' ? 'Company' : view.level === 'GROUP' ? 'Team ' + view.ownerId : view.ownerId;
    $('title').textContent = who + ' · ' + ((typeOf(view.typeId) || {}).name || view.typeId) + (view.item ? ' · ' + view.item : '') + ' · ' + view.year;
    $('locked').hidden = !view.locked;
    $('total-target-caption').textContent = targetsAsOf() ? 'Target, year, as of ' + new Date(targetsAsOf()).toLocaleString() : 'Target, year';
    $('total-target').textContent = amount(view.total.target);
    $('total-actual').textContent = amount(view.total.actual);
    $('total-attainment').textContent = percent(view.total.attainment);
    $('to-date-caption').textContent = 'Attainment to date (' + view.toDate.asOf + ')';
    $('to-date-attainment').textContent = percent(view.toDate.attainment);
    $('to-date-detail').textContent = 'pace: ' + amount(view.toDate.actual) + ' of ' + amount(view.toDate.target);
    const pace = view.pace || {};
    $('projected').textContent = amount(pace.projectedActual);
    $('pace-status').hidden = !pace.status;
    $('pace-status').dataset.status = pace.status || '';
    $('pace-status').textContent = STATUS[pace.status] || '';
    $('needed').textContent = pace.neededPerWorkingDay === null || pace.neededPerWorkingDay === undefined ? ''
      : 'needs ' + amount(pace.neededPerWorkingDay) + ' per working day (' + pace.workingDaysLeft + ' left)';
    if (view.targetVersion === null && Number(view.total.actual) === 0) setState('empty', 'No target and no sales yet.');

    const current = currentPeriod(view);
    const rows = view.periods.map((period, index) => {
      const row = document.createElement('tr');
      if (index === current) row.className = 'current';
      for (const text of [period.label, amount(period.target), amount(period.actual), percent(period.attainment)]) {
        const cell = document.createElement(row.children.length ? 'td' : 'th');
        if (!row.children.length) cell.scope = 'row';
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    });
    $('periods').tBodies[0].replaceChildren(...rows);
    draw(view, current);
    renderTeam(view);
  }

  /**
   * The cumulated actual at the run rate to date (view.pace.projectedActual): from the current period's
   * cumulated actual to the projection at the year's end, in a straight line; nothing before.
   */
  function projection(view, actuals, current) {
    const projected = view.pace && view.pace.projectedActual;
    const last = actuals.length - 1;
    if (projected === null || projected === undefined || current < 0 || current >= last) return actuals.map(() => null);
    const from = cumulative(actuals)[current];
    return actuals.map((value, index) => (index < current ? null : index === last ? Number(projected)
      : from + (Number(projected) - from) * (index - current) / (last - current)));
  }

  function draw(view, current) {
    const labels = view.periods.map((period) => period.label);
    const targets = view.periods.map((period) => (period.target === null ? null : Number(period.target)));
    const actuals = view.periods.map((period) => Number(period.actual));
    const pace = labels.map((label, index) => (index === current && view.toDate.target !== null ? Number(view.toDate.target) : null));
    const datasets = [
      { type: 'bar', label: 'Target', data: targets, backgroundColor: COLOURS.target, order: 3 },
      { type: 'bar', label: 'Actual', data: actuals, backgroundColor: COLOURS.actual, order: 2 },
      { type: 'line', label: 'Target, cumulated', data: cumulative(targets), borderColor: COLOURS.target, borderDash: [6, 4], pointRadius: 2, order: 1 },
      { type: 'line', label: 'Actual, cumulated', data: cumulative(actuals).map((value, index) => (current >= 0 && index > current ? null : value)),
        borderColor: COLOURS.cumulativeActual, pointRadius: 2, order: 1 },
      { type: 'line', label: 'Target to date (pace)', data: pace, borderColor: '#000', backgroundColor: '#000', pointStyle: 'rectRot', pointRadius: 7, showLine: false, order: 0 },
      { type: 'line', label: 'Projected, cumulated', data: projection(view, actuals, current), borderColor: COLOURS.cumulativeActual,
        borderDash: [2, 3], pointRadius: 0, order: 1 }
    ];
    if (!dashboard.chart) {
      dashboard.chart = new Chart($('chart'), {
        data: { labels, datasets },
        options: {
          responsive: true, maintainAspectRatio: false, animation: false,
          interaction: { mode: 'index', intersect: false },
          scales: { y: { beginAtZero: true } },
          plugins: { legend: { position: 'bottom' } }
        },
        plugins: [currentPeriodPlugin]
      });
    } else {
      dashboard.chart.data.labels = labels;
      dashboard.chart.data.datasets.forEach((dataset, index) => { dataset.data = datasets[index].data; });
    }
    dashboard.chart.$currentPeriod = current;
    dashboard.chart.update('none');
  }

  function renderTeam(view) {
    const team = view.level === 'GROUP' && dashboard.list && dashboard.list.groups.find((group) => group.group && group.group.ownerId === view.ownerId);
    $('team').hidden = !team;
    if (!team) return;
    const members = [...team.users].sort((a, b) => Number(b.total.attainment || -1) - Number(a.total.attainment || -1));
    $('team-sum').textContent = 'Sum of the members\u2019 targets: ' + amount(team.usersTargetTotal) + ' (team target: ' + amount(view.total.target) + ')';
    $('members').tBodies[0].replaceChildren(...members.map((member) => {
      const row = document.createElement('tr');
      for (const text of [member.ownerId, amount(member.total.target), amount(member.total.actual), percent(member.total.attainment)]) {
        const cell = document.createElement(row.children.length ? 'td' : 'th');
        if (!row.children.length) cell.scope = 'row';
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }));
  }

  // --- live -----------------------------------------------------------------------------------------

  function stopStream() {
    if (dashboard.stream) dashboard.stream.abort();
    dashboard.stream = null;
  }

  // the stream's last event, named after a problem: it ended on purpose, so it is not opened again
  function ended(event, problem) {
    stopStream();
    setConnection('lost', 'Disconnected');
    if (event === 'token-expired') {
      sessionStorage.removeItem('sales-targets-token');
      $('token').value = '';
      $('token').focus();
      return setState('signed-out', 'Your token has expired, so the figures are no longer live: sign in with a fresh token.');
    }
    if (event === 'not-found') return setState('forbidden', 'You may no longer see this: ' + (problem && problem.detail || 'not found'));
    setState('error', 'The live view ended: ' + (problem && problem.detail || event) + '. Reload to try again.');
  }

  function follow(path) {
    stopStream();
    const controller = new AbortController();
    dashboard.stream = controller;
    let delay = 1000;
    const connect = async () => {
      try {
        const response = await fetch(path.replace(/(\?|$)/, '/events$1'), {
          headers: { Authorization: 'Bearer ' + dashboard.token, Accept: 'text/event-stream' }, signal: controller.signal
        });
        if (!response.ok) throw new ApiError(response.status, await problemOf(response), Number(response.headers.get('Retry-After')));
        setConnection('live', 'Live');
        delay = 1000;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const last = handle(buffer.slice(0, end));
            if (last) return ended(last.event, last.problem);
            buffer = buffer.slice(end + 2);
          }
        }
        throw new Error('the stream ended');
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error.status === 401) { setConnection('lost', 'Disconnected'); return explain(error); }
        if (error.status === 429) {
          const wait = Math.max(error.retryAfter || 10, 1);
          setConnection('lost', 'Too many live views open (' + error.message + '); trying again in ' + wait + ' s');
          setTimeout(connect, wait * 1000);
          return;
        }
        setConnection('lost', 'Connection lost, reconnecting…');
        setTimeout(connect, delay);
        delay = Math.min(delay * 2, 10000);
      }
    };
    connect();
  }

  let teamRefresh = null;
  // one event of the stream: a view is shown; any other event is the last, returned with its problem
  function handle(block) {
    let event = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    if (!data.length || event === 'message') return null;
    if (event !== 'progress') return { event, problem: JSON.parse(data.join('\n')) };
    const view = JSON.parse(data.join('\n'));
    if (view === null) { setState('empty', 'This owner no longer has a target or sales.'); return null; }
    // the stream carries the targets now: with "Targets as of", it only says when to read the view again
    if (targetsAsOf()) api(withTargetsAsOf(dashboard.path)).then(render, () => { /* the next change tries again */ });
    else render(view);
    if (view.level === 'GROUP' && !teamRefresh) {
      teamRefresh = setTimeout(async () => {
        teamRefresh = null;
        try { dashboard.list = await api(withTargetsAsOf(base() + itemQuery())); renderTeam(dashboard.view); } catch (error) { /* the next change tries again */ }
      }, 1000);
    }
    return null;
  }

  // --- start ----------------------------------------------------------------------------------------

  $('sign-in').addEventListener('submit', (event) => { event.preventDefault(); if ($('token').value.trim()) signIn($('token').value.trim()); });
  $('year').addEventListener('change', chooseType);
  $('type').addEventListener('change', chooseType);
  $('item').addEventListener('change', chooseOwners);
  $('owner').addEventListener('change', show);
  $('targets-as-of').addEventListener('change', chooseOwners);

  // a token in the address (#token=..., as deploy/local/start prints it) signs in, and leaves the address
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromAddress) history.replaceState(null, '', location.pathname + location.search);
  const token = fromAddress || sessionStorage.getItem('sales-targets-token');
  if (token) {
    $('token').value = token;
    signIn(token);
  }
})();
