// Offline reading, loaded on every page as a file (the Content-Security-Policy runs no inline script).
// Served: register the service worker (sw.js, written by the generator at the address in data-sw) and tell it
// which page and files to keep. Opened as a file (the offline zip): show the notes that say what needs a server.
(function () {
  "use strict";
  // WeChat's in-app browser (its user agent says MicroMessenger) keeps no offline copy and often blocks
  // downloads: there, and nowhere else, say how to open the page in the phone's own browser.
  if (/MicroMessenger/i.test(navigator.userAgent)) {
    document.querySelectorAll("[data-wechat-hint]").forEach(function (hint) { hint.hidden = false; });
  }
  if (location.protocol === "file:") {
    // Module scripts (the calculators) do not load from file:// addresses.
    document.querySelectorAll("[data-tool-file]").forEach(function (note) { note.hidden = false; });
    return;
  }
  var script = document.currentScript;
  if (!("serviceWorker" in navigator) || !script || !script.dataset.sw) return;
  // After "load", so that module scripts and what they import (calculators.js → holidays.js) are in the list.
  var pageLoaded = new Promise(function (resolve) {
    if (document.readyState === "complete") resolve(); else window.addEventListener("load", resolve);
  });
  navigator.serviceWorker.register(new URL(script.dataset.sw, document.baseURI))
    .then(function () { return Promise.all([navigator.serviceWorker.ready, pageLoaded]); })
    .then(function (ready) {
      var registration = ready[0];
      // The files this page loaded are in the browser's cache already; the worker keeps copies offline.
      var loaded = performance.getEntriesByType("resource").map(function (entry) { return entry.name; });
      registration.active.postMessage({
        page: location.href.split("#")[0],
        keep: loaded.filter(function (url) { return url.startsWith(location.origin); })
      });
    })
    .catch(function () {});
})();
