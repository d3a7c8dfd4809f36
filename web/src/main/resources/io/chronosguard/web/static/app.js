// ChronosGuard dashboard: plain JS, no framework. All text goes in through textContent.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const TOKEN_KEY = 'chronosguard.token';
  const state = { role: null, snapshot: null, path: '/', search: { q: '', page: 1, size: 50 },
    picker: '/', pickerNode: '', nodeNames: '', selected: new Set(), ws: null, chart: null };

  function token() { return localStorage.getItem(TOKEN_KEY) || ''; }

  async function api(method, url, body) {
    const opts = { method, headers: { 'Authorization': 'Bearer ' + token() } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    const r = await fetch(url, opts);
    let data = null;
    try { data = await r.json(); } catch (e) { data = null; }
    if (r.status === 401) { showLogin('The token was not accepted: ' + (data && data.detail || '')); }
    if (!r.ok) {
      const err = new Error(data && data.detail ? data.detail : r.status + ' ' + r.statusText);
      err.status = r.status;
      throw err;
    }
    return data;
  }

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function bytes(n) {
    if (n === null || n === undefined || n < 0) return '—';
    const u = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0; let v = n;
    while (v >= 1024 && i < u.length - 1) { v /= 1024; i++; }
    return (i === 0 ? v : v.toFixed(1)) + ' ' + u[i];
  }

  function duration(s) {
    if (s === null || s === undefined) return 'unknown';
    const h = Math.floor(s / 3600); const m = Math.floor((s % 3600) / 60); const sec = Math.floor(s % 60);
    return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + sec + 's';
  }

  function downloadUrl(snapshot, path, format) {
    return '/api/snapshots/' + encodeURIComponent(snapshot) + '/download?path=' + encodeURIComponent(path)
      + '&format=' + format + '&token=' + encodeURIComponent(token());
  }

  function downloadLinks(snapshot, entry) {
    const td = el('td');
    const formats = entry.type === 'dir' ? ['tar', 'zip'] : entry.type === 'file' ? ['raw'] : [];
    for (const f of formats) {
      const a = el('a', f, 'dl');
      a.href = downloadUrl(snapshot, entry.path, f);
      a.setAttribute('download', '');
      a.dataset.format = f;
      a.dataset.path = entry.path;
      td.appendChild(a);
    }
    return td;
  }

  // ---- sign-in ----
  function showLogin(message) {
    $('app').hidden = true;
    $('login').hidden = false;
    $('logout').hidden = true;
    $('login-error').textContent = message || '';
    if (state.ws) { state.ws.onclose = null; state.ws.close(); state.ws = null; }
  }

  // Configuration panel: GET /api/config (+ /api/schedule for next runs); admins edit the JSON and PUT it.
  // Servers without a cluster daemon answer 404 and the panel stays hidden.
  async function loadConfig() {
    let cfg;
    try { cfg = await api('GET', '/api/config'); } catch (e) { return; }
    let sched = { sources: [] };
    try { sched = await api('GET', '/api/schedule'); } catch (e) { /* scheduler not reachable yet */ }
    const byName = {};
    sched.sources.forEach(s => { byName[s.name] = s; });
    $('config-card').hidden = false;
    $('config-version').textContent = cfg.version ? 'Version ' + cfg.version + ' (pushed '
      + (cfg.version > 1 ? new Date(cfg.version).toLocaleString() : 'from the config file') + ')'
      : 'No configuration yet.';
    fill($('config-sources').querySelector('tbody'), cfg.config.sources, s => {
      const tr = document.createElement('tr');
      const st = byName[s.name] || {};
      const keep = s.retention ? Object.entries(s.retention).map(([k, v]) => k + '=' + v).join(', ') : '—';
      [s.name, s.paths.join(', '), s.watch ? 'after ' + s.watch.delay : '—', s.schedule || '—', keep,
        st.nextRun ? new Date(st.nextRun).toLocaleString() : '—', st.lastSnapshot ? st.lastSnapshot.substring(0, 8) : '—']
        .forEach(t => tr.appendChild(el('td', t)));
      return tr;
    });
    $('config-prune').textContent = cfg.config.prune ? 'Prune: ' + cfg.config.prune.schedule : 'Prune: not scheduled';
    if (state.role === 'admin' && document.activeElement !== $('config-json')) {
      $('config-json').value = JSON.stringify(cfg.config, null, 2);
    }
  }

  $('config-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const msg = $('config-msg');
    msg.className = '';
    let body;
    try { body = JSON.parse($('config-json').value); } catch (e) {
      msg.className = 'error';
      msg.textContent = 'Not JSON: ' + e.message;
      return;
    }
    try {
      const r = await api('PUT', '/api/config', body);
      msg.textContent = 'Saved as version ' + r.version + '; every node applies it now.';
      loadConfig();
    } catch (e) {
      msg.className = 'error';
      msg.textContent = e.message;
    }
  });

  async function start() {
    if (!token()) { showLogin(''); return; }
    let session;
    try {
      session = await api('GET', '/api/session');
    } catch (e) {
      if (e.status !== 401) showLogin('Cannot reach the server: ' + e.message);
      return;
    }
    state.role = session.role;
    document.body.classList.toggle('viewer', session.role !== 'admin');
    $('role').textContent = session.role + ' @ ' + session.node;
    $('login').hidden = true;
    $('app').hidden = false;
    $('logout').hidden = false;
    connect();
    loadSnapshots();
    loadHistory();
    loadConfig();
    if (session.role === 'admin') {
      try {
        const sel = await api('GET', '/api/select');
        state.selected = new Set(sel.directories);
        showSelected();
      } catch (e) { /* no saved selection on this server */ }
      browsePicker(state.picker);
    }
  }

  $('login-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const t = $('token').value.trim();
    if (!t) { $('login-error').textContent = 'Enter a token.'; return; }
    localStorage.setItem(TOKEN_KEY, t);
    $('token').value = '';
    start();
  });
  $('logout').addEventListener('click', () => { localStorage.removeItem(TOKEN_KEY); showLogin(''); });

  // ---- live progress ----
  function connect() {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(proto + '//' + location.host + '/ws?token=' + encodeURIComponent(token()));
    state.ws = ws;
    ws.onopen = () => { $('conn').textContent = 'live'; };
    ws.onmessage = (m) => { try { render(JSON.parse(m.data)); } catch (e) { console.error(e); } };
    ws.onclose = () => {
      $('conn').textContent = 'offline';
      if (state.ws === ws) setTimeout(() => { if (state.ws === ws) connect(); }, 2000);
    };
  }

  function render(u) {
    const ended = ['finished', 'stopped', 'failed'];
    if (state.lastState && !ended.includes(state.lastState) && ended.includes(u.state)) {
      loadSnapshots(); // a job just ended: its snapshot and run belong in the lists now
      loadHistory();
    }
    state.lastState = u.state;
    $('state').textContent = u.state;
    const job = u.job;
    if (job) {
      const pct = job.bytesTotal > 0 ? Math.min(100, 100 * job.bytesDone / job.bytesTotal) : 0;
      $('job-bar').style.width = pct.toFixed(1) + '%';
      $('job-summary').textContent = job.filesDone + ' of ' + job.filesTotal + ' files, ' + bytes(job.bytesDone)
        + ' of ' + bytes(job.bytesTotal) + ' (' + pct.toFixed(1) + '%), new ' + bytes(job.bytesNew) + ', dedup '
        + bytes(job.bytesDeduplicated) + ', ' + bytes(job.bytesPerSecond) + '/s, ETA ' + duration(job.etaSeconds)
        + ', errors ' + job.errors + ', reassigned ' + job.reassignments;
      $('last-dir').textContent = job.lastCompletedDirectory || '—';
      fill($('queue'), job.queue, (q) => el('li', q));
      chartPoint(u.time, job.bytesPerSecond);
    } else {
      $('job-bar').style.width = '0%';
      $('job-summary').textContent = 'No backup running (' + u.state + ').';
      $('last-dir').textContent = '—';
      fill($('queue'), [], null);
    }
    const wb = $('workers').tBodies[0];
    fill(wb, u.workers, (w) => {
      const tr = el('tr');
      const pct = w.fileBytesTotal > 0 ? (100 * w.fileBytesDone / w.fileBytesTotal).toFixed(0) + '%' : '';
      [w.id, w.node, w.state].forEach((v) => tr.appendChild(el('td', v)));
      tr.appendChild(el('td', w.currentFile || '', 'path'));
      tr.appendChild(el('td', pct));
      tr.appendChild(el('td', bytes(w.bytesPerSecond) + '/s'));
      return tr;
    });
    pickerNodes(u.nodes || [], u.node ? u.node.name : '');
    fill($('nodes'), u.nodes, (n) => {
      const d = el('div', null, 'node');
      const title = el('div');
      title.appendChild(el('strong', n.name + ' '));
      title.appendChild(el('span', n.status, n.status));
      d.appendChild(title);
      d.appendChild(el('div', 'up ' + duration(n.uptimeSeconds) + ', load ' + (n.load >= 0 ? n.load.toFixed(2) : '—')
        + ', free disk ' + bytes(n.freeDiskBytes)));
      d.appendChild(el('div', 'capabilities: ' + (n.capabilities.join(', ') || '—')));
      return d;
    });
    fill($('errors'), u.errors, (e) => el('li', e));
    fill($('events'), u.events, (e) => el('li', e.time + ' ' + e.kind + ': ' + e.message));
    $('log').textContent = u.log.join('\n');
  }

  /** With more than one node, the picker can list another node's folders (the backup reads them there). */
  function pickerNodes(nodes, self) {
    const names = nodes.filter((n) => n.status === 'up').map((n) => n.name);
    if (names.join(',') === state.nodeNames) return;
    state.nodeNames = names.join(',');
    $('picker-node-box').hidden = names.length < 2;
    const sel = $('picker-node');
    fill(sel, names, (name) => {
      const o = el('option', name); o.value = name; o.selected = name === (state.pickerNode || self); return o;
    });
    sel.onchange = () => { state.pickerNode = sel.value; browsePicker(state.picker); };
  }

  function fill(parent, items, make) {
    while (parent.firstChild) parent.removeChild(parent.firstChild);
    (items || []).forEach((i) => parent.appendChild(make(i)));
  }

  function chartPoint(time, value) {
    if (typeof Chart === 'undefined') return;
    $('chart-box').hidden = false;
    if (!state.chart) {
      state.chart = new Chart($('throughput-chart'), {
        type: 'line',
        data: { labels: [], datasets: [{ label: 'MiB/s', data: [], borderColor: '#2563eb', pointRadius: 0 }] },
        options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } }
      });
    }
    const d = state.chart.data;
    d.labels.push(new Date(time).toLocaleTimeString());
    d.datasets[0].data.push(value / 1048576);
    if (d.labels.length > 120) { d.labels.shift(); d.datasets[0].data.shift(); }
    state.chart.update();
  }

  // ---- snapshots and browser ----
  async function loadSnapshots() {
    try {
      const list = await api('GET', '/api/snapshots');
      const tb = $('snapshots').tBodies[0];
      fill(tb, list.slice().reverse(), (s) => {
        const tr = el('tr', null, 'clickable');
        tr.dataset.id = s.id;
        tr.appendChild(el('td', s.shortId));
        tr.appendChild(el('td', new Date(s.time).toLocaleString()));
        tr.appendChild(el('td', s.hostname));
        tr.appendChild(el('td', s.paths.join(', '), 'path'));
        tr.appendChild(el('td', s.tags.join(', ')));
        tr.addEventListener('click', () => openTree(s.id, '/'));
        return tr;
      });
    } catch (e) {
      $('snapshots').tBodies[0].textContent = '';
      $('snapshots-card').appendChild(el('p', 'Cannot list snapshots: ' + e.message, 'error'));
    }
  }

  // Imported runs of the old tool are marked as such; cluster runs say how many nodes took part.
  function runKind(r) {
    if (r.source === 'legacy') return 'legacy (imported)';
    if (r.nodes.length === 0) return r.source;
    const n = r.nodes.length + (r.nodes.length === 1 ? ' node' : ' nodes');
    return 'cluster, ' + n + (r.reassignedTasks ? ', ' + r.reassignedTasks + ' reassigned' : '');
  }

  async function loadHistory() {
    const tb = $('history').tBodies[0];
    try {
      const runs = await api('GET', '/api/history?limit=20');
      fill(tb, runs, (r) => {
        const tr = el('tr');
        tr.appendChild(el('td', new Date(r.startedAt).toLocaleString()));
        tr.appendChild(el('td', r.outcome));
        tr.appendChild(el('td', runKind(r), r.source === 'legacy' ? 'legacy' : null));
        tr.appendChild(el('td', r.paths.join(', '), 'path'));
        tr.appendChild(el('td', r.files === null ? '—' : r.files));
        tr.appendChild(el('td', r.dataAdded === null ? '—' : bytes(r.dataAdded)));
        tr.appendChild(el('td', r.durationSeconds === null ? '—' : duration(r.durationSeconds)));
        tr.appendChild(el('td', r.errorCount === null ? '—' : r.errorCount));
        const snap = el('td');
        if (r.snapshotId) {
          const a = el('a', r.snapshotId.substring(0, 8)); a.href = '#';
          a.addEventListener('click', (ev) => { ev.preventDefault(); openTree(r.snapshotId, '/'); });
          snap.appendChild(a);
        }
        tr.appendChild(snap);
        return tr;
      });
    } catch (e) {
      fill(tb, [e.message], (m) => { const tr = el('tr'); const td = el('td', m); td.colSpan = 9; tr.appendChild(td); return tr; });
    }
  }

  async function openTree(snapshot, path) {
    let listing;
    try {
      listing = await api('GET', '/api/snapshots/' + encodeURIComponent(snapshot) + '/tree?path='
        + encodeURIComponent(path));
    } catch (e) {
      $('restore-msg').textContent = e.message;
      return;
    }
    state.snapshot = snapshot; state.path = listing.path;
    $('browser').hidden = false;
    $('browser-snapshot').textContent = snapshot.substring(0, 8);
    const crumbs = $('crumbs');
    fill(crumbs, [], null);
    const parts = listing.path.split('/').filter((p) => p);
    const root = el('a', '/'); root.addEventListener('click', () => openTree(snapshot, '/')); crumbs.appendChild(root);
    parts.forEach((p, i) => {
      const a = el('a', p + '/');
      const target = '/' + parts.slice(0, i + 1).join('/');
      a.addEventListener('click', () => openTree(snapshot, target));
      crumbs.appendChild(a);
    });
    fill($('tree').tBodies[0], listing.entries, (n) => {
      const tr = el('tr', null, n.type === 'dir' ? 'clickable' : '');
      const name = el('td', n.name + (n.type === 'dir' ? '/' : n.type === 'symlink' ? ' → ' + n.linkTarget : ''), 'path');
      if (n.type === 'dir') name.addEventListener('click', () => openTree(snapshot, n.path));
      tr.appendChild(name);
      tr.appendChild(el('td', n.type === 'file' ? bytes(n.size) : ''));
      tr.appendChild(el('td', n.mtime ? new Date(n.mtime).toLocaleString() : ''));
      tr.appendChild(downloadLinks(snapshot, n));
      return tr;
    });
    const whole = $('tree').tBodies[0].insertRow(0);
    whole.appendChild(el('td', '(this folder)'));
    whole.appendChild(el('td')); whole.appendChild(el('td'));
    whole.appendChild(downloadLinks(snapshot, { type: 'dir', path: listing.path }));
  }

  $('restore-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    $('restore-msg').textContent = 'restoring…';
    try {
      const r = await api('POST', '/api/restore', { snapshot: state.snapshot, path: state.path,
        target: $('restore-target').value.trim() });
      $('restore-msg').textContent = 'restored ' + r.files + ' files, ' + r.dirs + ' folders (' + bytes(r.bytes)
        + ') to ' + r.target + (r.errors.length ? '; ' + r.errors.length + ' errors' : '');
    } catch (e) {
      $('restore-msg').textContent = e.message;
    }
  });

  // ---- search ----
  async function search() {
    const s = state.search;
    $('search-info').textContent = 'searching…';
    try {
      const r = await api('GET', '/api/search?q=' + encodeURIComponent(s.q) + '&page=' + s.page + '&size=' + s.size);
      const first = (r.page - 1) * r.size;
      $('search-info').textContent = r.total === 0 ? 'No matches.' : 'Matches ' + (first + 1) + '–'
        + (first + r.hits.length) + ' of ' + r.total + (r.truncated ? '+' : '');
      fill($('search-results').tBodies[0], r.hits, (h) => {
        const tr = el('tr');
        tr.appendChild(el('td', h.entry.path + (h.entry.type === 'dir' ? '/' : ''), 'path'));
        const snap = el('td'); const a = el('a', h.shortId); a.href = '#';
        a.addEventListener('click', (ev) => { ev.preventDefault(); openTree(h.snapshot, parentOf(h.entry.path)); });
        snap.appendChild(a); tr.appendChild(snap);
        tr.appendChild(el('td', h.entry.type === 'file' ? bytes(h.entry.size) : ''));
        tr.appendChild(downloadLinks(h.snapshot, h.entry));
        return tr;
      });
      $('search-prev').hidden = r.page <= 1;
      $('search-next').hidden = first + r.hits.length >= r.total;
    } catch (e) {
      $('search-info').textContent = e.message;
    }
  }

  function parentOf(p) { const i = p.lastIndexOf('/'); return i <= 0 ? '/' : p.substring(0, i); }

  $('search-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    state.search.q = $('search-q').value.trim();
    state.search.page = 1;
    if (state.search.q) search();
  });
  $('search-prev').addEventListener('click', () => { state.search.page--; search(); });
  $('search-next').addEventListener('click', () => { state.search.page++; search(); });

  // ---- controls (admin) ----
  async function browsePicker(path) {
    try {
      const r = await api('GET', '/api/browse?path=' + encodeURIComponent(path)
        + (state.pickerNode ? '&node=' + encodeURIComponent(state.pickerNode) : ''));
      state.picker = r.path;
      $('picker-path').textContent = r.path;
      $('picker-up').disabled = !r.parent;
      $('picker-up').onclick = () => r.parent && browsePicker(r.parent);
      fill($('picker-list'), r.directories, (d) => {
        const li = el('li');
        const box = el('input'); box.type = 'checkbox'; box.checked = state.selected.has(d.path);
        box.disabled = !d.readable;
        box.addEventListener('change', async () => {
          if (box.checked) state.selected.add(d.path); else state.selected.delete(d.path);
          showSelected();
          try {
            await api('POST', '/api/select', { directories: Array.from(state.selected) });
          } catch (e) {
            $('control-msg').textContent = 'Cannot save the selection: ' + e.message;
          }
        });
        const a = el('a', d.name + '/');
        a.addEventListener('click', () => browsePicker(d.path));
        li.appendChild(box); li.appendChild(a);
        return li;
      });
    } catch (e) {
      $('control-msg').textContent = 'Cannot list folders: ' + e.message;
    }
  }

  function showSelected() {
    $('selected').textContent = state.selected.size ? Array.from(state.selected).join(', ') : 'none';
  }

  async function control(method, url, body, done) {
    try {
      await api(method, url, body);
      $('control-msg').textContent = done;
    } catch (e) {
      $('control-msg').textContent = e.status === 404 || e.status === 405
        ? 'This server runs no backup jobs (it was started with "serve"); start a cluster node to run backups.'
        : e.message;
    }
  }

  $('start').addEventListener('click', () => {
    if (!state.selected.size) { $('control-msg').textContent = 'Pick at least one folder first.'; return; }
    control('POST', '/api/backups', { paths: Array.from(state.selected) }, 'Backup started.');
  });
  $('pause').addEventListener('click', () => control('POST', '/api/control', { action: 'pause' }, 'Paused.'));
  $('resume').addEventListener('click', () => control('POST', '/api/control', { action: 'resume' }, 'Resumed.'));
  $('stop').addEventListener('click', () => control('POST', '/api/control', { action: 'stop' }, 'Stopping.'));

  start();
}());
