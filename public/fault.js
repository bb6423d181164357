// The notice shown when the simulator cannot go on (issue 16), loaded by boot.js only then; it
// needs no wasm. Two cases (window.hesFault):
// - "stopped": the wasm trapped (out of memory, or a panic: the release build aborts). The page
//   is replaced by a notice that offers a reload and an export of the last good save, the one
//   in localStorage (the app writes a save only after a change it accepted).
// - "framed": the full app is inside another site's frame (a host that does not send the
//   framing headers, README "Data and security"): a notice and a link to open it in its own
//   tab, and no control of the app (a frame could trick a click on Reset).
// Its texts are the catalogue's (public/i18n/<lang>.json, keys fault_*), in the page's
// language; English ones below stand in should that file not come.
(function () {
  'use strict';
  var kind = window.hesFault;
  if (kind !== 'stopped' && kind !== 'framed') return;
  var FALLBACK = {
    fault_stopped_title: 'The simulator stopped',
    fault_stopped_body: 'An error stopped the simulator (it may have run out of memory). Your last saved simulation is still in this browser: reload the page to carry on from it, or export it first.',
    fault_reload: 'Reload the page',
    fault_export: 'Export the last saved simulation',
    fault_no_save: 'There is no saved simulation in this browser to export.',
    fault_framed_title: 'This simulator is shown inside another site',
    fault_framed_body: "To protect your simulation, the full simulator does not work inside another site's page. Open it in its own tab.",
    fault_framed_open: 'Open the simulator in a new tab'
  };
  var root = document.documentElement;
  var lang = /^(fr|it|en)$/.test(root.lang) ? root.lang : 'en';

  // The save on screen when the app stopped: the walkthrough's or scenario's, else the user's own.
  function lastSave() {
    try {
      var active = localStorage.getItem('hes.active');
      var guided = active && active.indexOf('guided') >= 0 ? localStorage.getItem('hes.guided') : null;
      return guided || localStorage.getItem('hes.save');
    } catch (e) {
      return null;
    }
  }

  // The save as an export file (the app's import reads it): its envelope, marked as the app's.
  function exportFile(text) {
    try {
      var envelope = JSON.parse(text);
      var file = { app: 'hosted-exchange-sim' };
      for (var k in envelope) if (k !== 'app') file[k] = envelope[k];
      return JSON.stringify(file, null, 2);
    } catch (e) {
      return text;
    }
  }

  function download(name, text) {
    var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    for (var k in props) node[k] = props[k];
    (children || []).forEach(function (c) { node.append(c); });
    return node;
  }

  function show(t) {
    if (!document.body) return document.addEventListener('DOMContentLoaded', function () { show(t); });
    if (document.querySelector('.hes-fault')) return;
    var text = function (key) { return t[key] || FALLBACK[key]; };
    var title = el('h1', { id: 'hes-fault-title', textContent: text('fault_' + kind + '_title') });
    var body = el('p', { id: 'hes-fault-body', textContent: text('fault_' + kind + '_body') });
    var actions = el('div', { className: 'actions' });
    var status = el('p', { role: 'status' });
    if (kind === 'stopped') {
      actions.append(el('button', { type: 'button', className: 'primary', textContent: text('fault_reload'), onclick: function () { location.reload(); } }));
      actions.append(el('button', {
        type: 'button',
        textContent: text('fault_export'),
        onclick: function () {
          var save = lastSave();
          if (!save) { status.textContent = text('fault_no_save'); return; }
          download('hosted-exchange-simulation-' + new Date().toISOString().slice(0, 10) + '.json', exportFile(save));
        }
      }));
    } else {
      actions.append(el('a', { className: 'button primary', href: location.href, target: '_blank', rel: 'noopener', textContent: text('fault_framed_open') }));
    }
    var notice = el('div', { className: 'hes-fault card' }, [title, body, actions, status]);
    notice.style.maxWidth = '40rem';
    notice.style.margin = '2rem auto';
    notice.setAttribute('role', 'alertdialog');
    notice.setAttribute('aria-labelledby', 'hes-fault-title');
    notice.setAttribute('aria-describedby', 'hes-fault-body');
    notice.setAttribute('lang', lang);
    // Everything else on the page is hidden (the stylesheet's .hes-halt) and out of reach.
    root.classList.add('hes-halt');
    document.body.prepend(notice);
    var first = notice.querySelector('button, a');
    if (first) first.focus();
  }

  fetch(new URL('i18n/' + lang + '.json', document.baseURI).href)
    .then(function (r) { return r.ok ? r.json() : {}; })
    .catch(function () { return {}; })
    .then(function (t) { show(t || {}); });
})();
