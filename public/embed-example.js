// The example page's own script: its buttons drive the second frame through embed.js's methods,
// and the frames' events (DOM CustomEvents on each element) are listed.
(function () {
  'use strict';
  var right = document.getElementById('right');
  var log = document.getElementById('log');
  document.querySelectorAll('.drive button').forEach(function (button) {
    button.addEventListener('click', function () {
      var what = button.getAttribute('data-do');
      if (what === 'go') right.go(Number(button.getAttribute('data-n')));
      else right[what]();
    });
  });
  ['hes:ready', 'hes:step-reached', 'hes:invoice-issued', 'hes:settled', 'hes:debtor', 'hes:suspended',
    'hes:reactivated', 'hes:section-finished', 'hes:scenario-ended'].forEach(function (type) {
    ['left', 'right'].forEach(function (id) {
      document.getElementById(id).addEventListener(type, function (event) {
        var item = document.createElement('li');
        item.textContent = id + ': ' + JSON.stringify(event.detail);
        log.appendChild(item);
      });
    });
  });
})();
