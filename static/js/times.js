// Every time on the page in the visitor's own zone, first visit included, without a reload.
// The HTML names each moment as <time datetime="UTC"> in the event's zone (the same for
// everyone, so it can be cached); this script puts the visitor's line first and keeps the
// event's as the secondary one. The zone: one picked in the picker (kept in localStorage),
// else the browser's. A page opened with ?tz= was written for that zone by the server.
(function () {
  "use strict";
  var STORE = "tz";

  function isZone(name) {
    if (!name || !/^[A-Za-z0-9_+\/-]{1,64}$/.test(name)) return false;
    try { new Intl.DateTimeFormat("en-US", { timeZone: name }); return true; } catch (e) { return false; }
  }
  function detected() {
    try { var zone = Intl.DateTimeFormat().resolvedOptions().timeZone; return isZone(zone) ? zone : null; } catch (e) { return null; }
  }
  function stored() {
    try { var zone = localStorage.getItem(STORE); return isZone(zone) ? zone : null; } catch (e) { return null; }
  }
  function store(zone) {
    try { if (zone) localStorage.setItem(STORE, zone); else localStorage.removeItem(STORE); } catch (e) { /* private mode */ }
  }
  function fromUrl() {
    var zone = new URLSearchParams(window.location.search).get("tz");
    return isZone(zone) ? zone : null;
  }

  // "GMT+9" as the server writes it: "UTC+9"; letter abbreviations ("PDT", "GMT") stay.
  function abbreviation(text) { return /^GMT[+-]/.test(text) ? "UTC" + text.slice(3) : text; }

  function parts(date, zone, options) {
    var found = {};
    new Intl.DateTimeFormat("en-US", Object.assign({ timeZone: zone }, options)).formatToParts(date)
      .forEach(function (part) { found[part.type] = part.value; });
    return found;
  }
  function localDay(date, zone) {
    var p = parts(date, zone, { year: "numeric", month: "2-digit", day: "2-digit" });
    return p.year + "-" + p.month + "-" + p.day;
  }
  // "7:00 AM JST", or "Thu, Apr 22, 7:00 AM JST" with its date.
  function clock(date, zone, withDate) {
    var p = parts(date, zone, { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    var shown = p.hour + ":" + p.minute + " " + p.dayPeriod + " " + abbreviation(p.timeZoneName);
    return withDate ? p.weekday + ", " + p.month + " " + p.day + ", " + shown : shown;
  }
  // "Friday, March 19, 2021, 3:59:59 PM JST (Asia/Tokyo)" or "Fri, Mar 19, 3:59 PM JST (Asia/Tokyo)".
  function moment(date, zone, format) {
    var long = format === "long";
    var p = parts(date, zone, long
      ? { weekday: "long", month: "long", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit", second: "2-digit", timeZoneName: "short" }
      : { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" });
    var time = p.hour + ":" + p.minute + (long ? ":" + p.second : "") + " " + p.dayPeriod;
    var day = p.weekday + ", " + p.month + " " + p.day + (long ? ", " + p.year : "");
    return day + ", " + time + " " + abbreviation(p.timeZoneName) + " (" + zone + ")";
  }

  function el(tag, className, attrs) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    return node;
  }
  function timeNode(iso, text) {
    var node = el("time", "", { datetime: iso });
    node.textContent = text;
    return node;
  }

  function renderSpan(container, zone) {
    var eventLine = container.querySelector('[data-times="event"]');
    var times = eventLine.querySelectorAll("time");
    if (zone === container.dataset.eventZone) {
      eventLine.className = "d-block";
      container.replaceChildren(eventLine);
      return;
    }
    var start = new Date(times[0].getAttribute("datetime"));
    var end = new Date(times[times.length - 1].getAttribute("datetime"));
    var eventDay = container.dataset.eventDate;
    var startDay = localDay(start, zone), endDay = localDay(end, zone);
    var visitor = el("span", "d-block fw-semibold", { "data-times": "visitor" });
    visitor.append(
      timeNode(times[0].getAttribute("datetime"), clock(start, zone, startDay !== eventDay)),
      " – ",
      timeNode(times[times.length - 1].getAttribute("datetime"), clock(end, zone, endDay !== startDay && endDay !== eventDay))
    );
    eventLine.className = "";
    var secondary = el("span", "d-block small text-body-secondary");
    secondary.append("Event time: ", eventLine);
    container.replaceChildren(visitor, secondary);
  }

  function renderMoment(container, zone) {
    var eventTime = container.querySelector('time[data-times="event"]');
    if (zone === container.dataset.eventZone) { container.replaceChildren(eventTime); return; }
    var iso = eventTime.getAttribute("datetime");
    var visitor = timeNode(iso, moment(new Date(iso), zone, container.dataset.moment));
    visitor.className = "fw-semibold";
    visitor.dataset.times = "visitor";
    var secondary = el("span", "text-body-secondary");
    secondary.append("(event time: ", eventTime, ")");
    container.replaceChildren(visitor, " ", secondary);
  }

  // The grid's short times (sessions/clocks.py): "9:00 – 9:40 AM" under a caption naming the
  // day and the zone; a time off the caption's day carries its weekday ("Sat 12:15 AM").
  function shortClock(date, zone, withPeriod, day) {
    var p = parts(date, zone, { weekday: "short", year: "numeric", month: "2-digit", day: "2-digit", hour: "numeric", minute: "2-digit" });
    var shown = p.hour + ":" + p.minute + (withPeriod ? " " + p.dayPeriod : "");
    return (p.year + "-" + p.month + "-" + p.day !== day ? p.weekday + " " : "") + shown;
  }
  function half(date, zone) { return localDay(date, zone) + parts(date, zone, { hour: "numeric" }).dayPeriod; }

  function renderClock(node, zone) {
    var times = node.querySelectorAll("time");
    var start = new Date(times[0].getAttribute("datetime"));
    var caption = node.closest("[data-section]");
    caption = caption && caption.querySelector("[data-day-caption]");
    var day = localDay(caption ? new Date(caption.dataset.starts) : start, zone);
    if (times.length === 1) { times[0].textContent = shortClock(start, zone, true, day); return; }
    var end = new Date(times[1].getAttribute("datetime"));
    times[0].textContent = shortClock(start, zone, half(start, zone) !== half(end, zone), day);
    times[1].textContent = shortClock(end, zone, true, localDay(start, zone));
  }

  function renderCaption(node, zone) {
    var start = new Date(node.dataset.starts);
    var last = new Date(new Date(node.dataset.ends).getTime() - 1000);
    var long = { weekday: "long", month: "long", day: "numeric" };
    var p = parts(start, zone, Object.assign({ timeZoneName: "short" }, long));
    var days = p.weekday + ", " + p.month + " " + p.day;
    if (localDay(last, zone) !== localDay(start, zone)) {
      var q = parts(last, zone, long);
      days += " – " + q.weekday + ", " + q.month + " " + q.day;
    }
    node.textContent = days + " · times in " + zone + " (" + abbreviation(p.timeZoneName) + ")";
  }

  function render(zone, force) {
    [["[data-clock]", renderClock], ["[data-day-caption]", renderCaption]].forEach(function (pair) {
      document.querySelectorAll(pair[0]).forEach(function (node) {
        if (force || node.dataset.zone !== zone) { pair[1](node, zone); node.dataset.zone = zone; }
      });
    });
    document.querySelectorAll("[data-event-day]").forEach(function (node) {
      node.hidden = zone === node.dataset.eventZone;
    });
    document.querySelectorAll("[data-time-span]").forEach(function (node) {
      if (force || node.dataset.zone !== zone) { renderSpan(node, zone); node.dataset.zone = zone; }
    });
    document.querySelectorAll("[data-moment]").forEach(function (node) {
      if (force || node.dataset.zone !== zone) { renderMoment(node, zone); node.dataset.zone = zone; }
    });
    document.querySelectorAll("[data-zone-help]").forEach(function (node) {
      node.textContent = zone === node.dataset.eventZone
        ? "Times are in " + node.dataset.eventLabel + ", the event's zone, which is also yours."
        : "Times are in " + zone + ", your zone; the event's zone is " + node.dataset.eventLabel + ".";
    });
    document.querySelectorAll("[data-visitor-zone]").forEach(function (node) {
      node.textContent = zone;
      var note = node.closest("[data-visitor-zone-note]");
      if (note) note.hidden = false;
    });
  }

  // The picker: the detected zone first, a search box that filters the grouped list, and a
  // choice applied at once (and kept) instead of reloading the page.
  function enhancePicker(picker, zone, browserZone) {
    var select = picker.querySelector("select");
    var search = picker.querySelector("[data-tz-search]");
    if (browserZone) {
      var group = el("optgroup", "", { label: "Detected by your browser" });
      var option = el("option", "", { value: browserZone });
      option.textContent = browserZone;
      group.append(option);
      select.insertBefore(group, select.firstElementChild);
    }
    var match = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
    if (match) match.selected = true;
    if (search) {
      search.closest("[data-tz-search-box]").hidden = false;
      search.addEventListener("input", function () {
        var words = search.value.trim().toLowerCase().replace(/_/g, " ").split(/\s+/).filter(Boolean);
        var first = null;
        Array.prototype.forEach.call(select.options, function (o) {
          var text = (o.value + " " + o.textContent + " " + (o.parentNode.label || "")).toLowerCase().replace(/_/g, " ");
          o.hidden = !words.every(function (w) { return text.indexOf(w) !== -1; });
          if (!o.hidden && !first && o.value) first = o;
        });
        select.querySelectorAll("optgroup").forEach(function (g) {
          g.hidden = !Array.prototype.some.call(g.children, function (o) { return !o.hidden; });
        });
        if (first) first.selected = true;
      });
    }
    picker.addEventListener("submit", function (event) {
      var chosen = select.value;
      var shown = chosen || browserZone;
      if (!shown || !isZone(shown)) return;  // the server answers, and says what it knows
      event.preventDefault();
      store(chosen && chosen !== browserZone ? chosen : null);
      render(shown, false);
      var status = picker.querySelector("[data-tz-status]");
      if (status) status.textContent = "Times are now shown in " + shown + ".";
    });
  }

  // A part of the page in a zone of its own: the registration form shows its sessions in the
  // zone its time zone field holds (static/js/registration.js).
  window.visitorTimes = {
    isZone: isZone,
    showSpan: function (node, zone) { renderSpan(node, zone); node.dataset.zone = zone; }
  };

  function start() {
    var browserZone = detected();
    var zone = fromUrl() || stored() || browserZone;
    if (!zone) return;
    render(zone, false);
    document.querySelectorAll("[data-tz-picker]").forEach(function (picker) { enhancePicker(picker, zone, browserZone); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
