// The schedule's format and topic filters without a page load. The same form works without
// JavaScript (GET ?format=…&topic=…, filtered on the server); here it filters in place and
// keeps the address in step, so a reload or a shared link shows the same selection.
(function () {
  "use strict";

  function apply(form) {
    var format = form.elements.format.value;
    var topic = form.elements.topic.value;
    var shown = 0;
    var total = 0;
    document.querySelectorAll("[data-item][data-format]").forEach(function (item) {
      var match =
        (!format || item.dataset.format === format) && (!topic || item.dataset.topic === topic);
      item.hidden = !match;
      total += 1;
      if (match) shown += 1;
    });
    var count = form.querySelector("[data-filter-count]");
    if (count) {
      count.textContent =
        format || topic
          ? shown + " of " + total + " breakouts shown; programme blocks always shown."
          : total + (total === 1 ? " breakout." : " breakouts.");
    }
    var url = new URL(window.location.href);
    [["format", format], ["topic", topic]].forEach(function (pair) {
      if (pair[1]) url.searchParams.set(pair[0], pair[1]);
      else url.searchParams.delete(pair[0]);
    });
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
  }

  // The current time as a line across each grid, moved every minute; hidden outside the
  // session. Positioned from the hour band it falls in, so it matches the time axis.
  function placeNowLines() {
    var now = Date.now();
    document.querySelectorAll("[data-now-line]").forEach(function (line) {
      var band = Array.prototype.find.call(
        line.parentNode.querySelectorAll("[data-hour-starts]"),
        function (node) {
          return Date.parse(node.dataset.hourStarts) <= now && now < Date.parse(node.dataset.hourEnds);
        }
      );
      line.hidden = !band;
      if (!band) return;
      var starts = Date.parse(band.dataset.hourStarts);
      var share = (now - starts) / (Date.parse(band.dataset.hourEnds) - starts);
      line.style.top = band.offsetTop + share * band.offsetHeight + "px";  // CSSOM: allowed by the CSP
    });
  }

  function start() {
    placeNowLines();
    window.setInterval(placeNowLines, 60000);
    window.addEventListener("resize", placeNowLines);
    var form = document.querySelector("[data-filters]");
    if (!form) return;
    var button = form.querySelector("[data-filter-submit]");
    if (button) button.hidden = true;
    form.addEventListener("change", function () {
      apply(form);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      apply(form);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
