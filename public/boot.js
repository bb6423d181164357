// Runs before the app (a file, not inline: the Content-Security-Policy allows no inline code
// but Trunk's loader, by its hash).
// 1. The static first screen speaks the user's language (the one the app will use).
// 2. The service worker: registered for offline use; when a new version has installed and is
//    waiting, the app is told ("hes-update-ready") and shows it; the page reloads only when the
//    user agrees (window.hesUpdate.apply()).
(function () {
  'use strict';
  var texts = {
    fr: ['Simulateur de renouvellement Hosted Exchange',
      "Lisez le guide OVHcloud « Gérer le renouvellement de mon offre Hosted Exchange », puis faites-le ici, dans un espace client simulé : moyens de paiement, compte OVH, modes de facturation, arrêt d'un renouvellement, résiliation d'une plateforme, et surtout ce que devient un solde débiteur à l'échéance d'une facture, joué sur une horloge simulée.",
      'Chargement du simulateur…'],
    it: ['Simulatore di rinnovo Hosted Exchange',
      "Leggi la guida OVHcloud “Come rinnovare la tua soluzione Hosted Exchange”, poi mettila in pratica qui, in uno Spazio Cliente simulato: metodi di pagamento, conto OVH, modalità di fatturazione, disattivazione di un rinnovo, recesso da una piattaforma e soprattutto cosa succede a un saldo negativo alla scadenza di una fattura, su un orologio simulato.",
      'Caricamento del simulatore…']
  };
  function lang() {
    try {
      var saved = localStorage.getItem('hes.lang');
      if (saved) return saved;
    } catch (e) { /* storage blocked: the browser's languages decide */ }
    var prefs = navigator.languages || [navigator.language || 'en'];
    for (var i = 0; i < prefs.length; i++) {
      var code = String(prefs[i]).slice(0, 2).toLowerCase();
      if (code === 'fr' || code === 'it' || code === 'en') return code;
    }
    return 'en';
  }
  var code = lang();
  var words = texts[code];
  if (words) {
    document.documentElement.lang = code;
    var set = function (id, text) { var el = document.getElementById(id); if (el) el.textContent = text; };
    document.addEventListener('DOMContentLoaded', function () {
      set('boot-name', words[0]);
      set('boot-title', words[0]);
      set('boot-intro', words[1]);
      set('boot-status', words[2]);
    });
  }

  if (!('serviceWorker' in navigator)) return;
  var accepted = false;
  function waiting(worker) {
    window.hesUpdate = {
      apply: function () { accepted = true; worker.postMessage({ type: 'skip-waiting' }); }
    };
    window.dispatchEvent(new Event('hes-update-ready'));
  }
  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (accepted) location.reload();
  });
  window.addEventListener('load', function () {
    navigator.serviceWorker
      .register(new URL('sw.js', document.baseURI), { scope: document.baseURI })
      .then(function (reg) {
        if (reg.waiting && navigator.serviceWorker.controller) waiting(reg.waiting);
        reg.addEventListener('updatefound', function () {
          var worker = reg.installing;
          if (!worker) return;
          worker.addEventListener('statechange', function () {
            if (worker.state === 'installed' && navigator.serviceWorker.controller) waiting(worker);
          });
        });
      })
      .catch(function (err) { console.warn('service worker not registered:', err); });
  });
})();
