// The host side of the embed: resize each frame to the height it reports, and list the other
// messages (a section finished, a scenario ended). Only messages from this page's own frames
// are read.
(function () {
  'use strict';
  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe'));
  var log = document.getElementById('log');
  window.addEventListener('message', function (event) {
    var frame = frames.find(function (f) { return f.contentWindow === event.source; });
    var data = event.data;
    if (!frame || !data || typeof data.type !== 'string') return;
    if (data.type === 'hes:height' && typeof data.height === 'number') {
      frame.style.height = Math.min(Math.max(data.height, 200), 4000) + 'px';
      frame.dataset.height = String(data.height);
      return;
    }
    var item = document.createElement('li');
    item.textContent = frame.id + ': ' + JSON.stringify(data);
    log.appendChild(item);
  });
})();
