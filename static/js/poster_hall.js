// A poster's page: "At the poster now" and the poster hall's Join (through the join endpoint,
// which checks the registration) while its presenters' window is on. The page is one cached
// copy for everyone, written at one moment; both follow the visitor's clock.
(function () {
  "use strict";

  function mark() {
    var now = Date.now();
    document.querySelectorAll("[data-tending-window]").forEach(function (window_) {
      var on = Date.parse(window_.dataset.starts) <= now && now < Date.parse(window_.dataset.ends);
      window_.querySelector("[data-at-poster-now]").hidden = !on;
      var join = window_.querySelector("[data-poster-hall-join]");
      if (join) join.hidden = !on;
    });
  }

  function start() {
    mark();
    window.setInterval(mark, 60000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
