// The registration form: its time zone field starts as the browser's zone (when empty), and
// each session's times follow the zone the field holds, the event's time below
// (static/js/times.js writes them, so they read as on the schedule).
(function () {
  "use strict";
  function browserZone() {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (error) {
      return null;
    }
  }
  function showSessionsIn(form, zone) {
    var times = window.visitorTimes;
    if (!form || !times || !times.isZone(zone)) return;  // half typed: the last zone stays
    form.querySelectorAll("[data-time-span]").forEach(function (node) {
      if (node.dataset.zone !== zone) times.showSpan(node, zone);
    });
  }
  function start() {
    var zone = browserZone();
    document.querySelectorAll("input[data-browser-time-zone]").forEach(function (input) {
      if (!input.value && zone) {
        input.value = zone;
      }
      showSessionsIn(input.form, input.value.trim());
      input.addEventListener("input", function () {
        showSessionsIn(input.form, input.value.trim());
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
