// A poster's page: "At the poster now" while its presenters' window is on. The page is one
// cached copy for everyone, written at one moment; the badge follows the visitor's clock.
(function () {
  "use strict";

  function mark() {
    var now = Date.now();
    document.querySelectorAll("[data-tending-window]").forEach(function (window_) {
      var on = Date.parse(window_.dataset.starts) <= now && now < Date.parse(window_.dataset.ends);
      window_.querySelector("[data-at-poster-now]").hidden = !on;
    });
  }

  function start() {
    mark();
    window.setInterval(mark, 60000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
