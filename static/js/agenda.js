// My agenda: the ★ buttons of _star.html, /schedule/mine/ in a browser without an account,
// the merge of a browser's stars into the account at log-in, and the "Changed" marks.
// Anonymous visitors' stars live in localStorage (pages stay the same for everyone);
// signed-in visitors' stars live in their account, read from /schedule/mine.json.
(function () {
  "use strict";

  var STARS = "agenda.stars";
  var LAST_RELEASE = "agenda.lastRelease";

  function readStars() {
    try {
      var stars = JSON.parse(localStorage.getItem(STARS) || "[]");
      return Array.isArray(stars) ? stars.filter(function (s) { return typeof s === "string"; }) : [];
    } catch (error) {
      return [];
    }
  }

  function writeStars(stars) {
    if (stars.length) {
      localStorage.setItem(STARS, JSON.stringify(stars));
    } else {
      localStorage.removeItem(STARS);
    }
  }

  function forms() {
    return Array.prototype.slice.call(document.querySelectorAll("form[data-star-form]"));
  }

  function base() {
    // The star form posts to /schedule/star, the merge form to /schedule/mine/merge.
    var form = document.querySelector("form[data-agenda-merge], form[data-star-form]");
    return form.getAttribute("action").replace(/(star|mine\/merge)$/, "");
  }

  function guidOf(form) {
    return form.querySelector("input[name=guid]").value;
  }

  function mark(starred) {
    forms().forEach(function (form) {
      var pressed = starred.indexOf(guidOf(form)) !== -1;
      form.querySelector("button").setAttribute("aria-pressed", pressed ? "true" : "false");
    });
    narrowMyAgenda(starred);
    showStarred();
  }

  // "Only my stars" on the schedule: the same cached page for everyone, narrowed here to the
  // blocks whose star is pressed (the grid keeps its places; CSS hides the others).
  function showStarred() {
    var toggle = document.querySelector("[data-stars-only]");
    if (!toggle) {
      return;
    }
    var count = 0;
    forms().forEach(function (form) {
      var block = form.closest("[data-item]");
      var pressed = form.querySelector("button").getAttribute("aria-pressed") === "true";
      if (block) {
        block.classList.toggle("is-starred", pressed);
      }
      count += pressed && block ? 1 : 0;
    });
    var on = toggle.getAttribute("aria-pressed") === "true";
    document.body.classList.toggle("schedule-stars-only", on);
    var status = document.querySelector("[data-filter-count]");
    if (on && status) {
      status.textContent = count
        ? "Only your " + count + " starred item" + (count === 1 ? "" : "s") + " shown."
        : "You have not starred anything yet: press ★ beside an item.";
    }
  }

  function enableStarredToggle() {
    var toggle = document.querySelector("[data-stars-only]");
    if (!toggle) {
      return;
    }
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var on = toggle.getAttribute("aria-pressed") !== "true";
      toggle.setAttribute("aria-pressed", on ? "true" : "false");
      if (!on) {
        var form = document.querySelector("[data-filters]");
        if (form) {
          form.dispatchEvent(new Event("change"));  // schedule.js writes its own count back
        }
      }
      showStarred();
    });
  }

  // /schedule/mine/ for a browser: only the starred items (and both sessions' blocks).
  var showingAll = false;

  function narrowMyAgenda(starred) {
    var list = document.querySelector("[data-agenda-list=browser]");
    if (!list) {
      return;
    }
    var toggle = document.querySelector("[data-agenda-show-all]");
    var empty = document.querySelector("[data-agenda-empty]");
    toggle.hidden = false;
    toggle.setAttribute("aria-pressed", showingAll ? "true" : "false");
    empty.hidden = starred.length > 0;
    document.querySelectorAll("[data-agenda-item=track]").forEach(function (item) {
      item.hidden = !showingAll && starred.indexOf(item.dataset.guid) === -1;
    });
    var anyCancelled = false;
    document.querySelectorAll("[data-agenda-item=cancelled]").forEach(function (item) {
      item.hidden = starred.indexOf(item.dataset.guid) === -1;
      anyCancelled = anyCancelled || !item.hidden;
    });
    var cancelled = document.querySelector("[data-agenda-cancelled]");
    if (cancelled) {
      cancelled.hidden = !anyCancelled;
    }
  }

  function post(url, body) {
    body.append("csrfmiddlewaretoken", document.querySelector("input[name=csrfmiddlewaretoken]").value);
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("The server answered " + response.status);
      }
      return response.json();
    });
  }

  function inTheBrowser(allForms) {
    mark(readStars());
    allForms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var guid = guidOf(form);
        var stars = readStars();
        var at = stars.indexOf(guid);
        if (at === -1) {
          stars.push(guid);
        } else {
          stars.splice(at, 1);
        }
        writeStars(stars);
        var button = form.querySelector("button");
        button.setAttribute("aria-pressed", at === -1 ? "true" : "false");
        showStarred();
      });
    });
    var toggle = document.querySelector("[data-agenda-show-all]");
    if (toggle) {
      toggle.addEventListener("click", function () {
        showingAll = !showingAll;
        narrowMyAgenda(readStars());
      });
    }
  }

  function inTheAccount(allForms) {
    var kept = readStars();
    var merged = Promise.resolve(0);
    if (kept.length) {
      var body = new FormData();
      kept.forEach(function (guid) { body.append("guid", guid); });
      merged = post(base() + "mine/merge", body).then(function (answer) {
        writeStars([]);
        return answer.merged;
      }).catch(function () { return 0; });
    }
    merged.then(function (count) {
      if (count > 0 && document.querySelector("[data-agenda-list=account]")) {
        window.location.reload();  // the list was drawn before the merge
        return;
      }
      fetch(base() + "mine.json", { credentials: "same-origin", cache: "no-cache" })
        .then(function (response) { return response.json(); })
        .then(function (answer) { mark(answer.stars); });
    });
    allForms.forEach(function (form) {
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var button = form.querySelector("button");
        var body = new FormData();
        body.append("guid", guidOf(form));
        body.append("starred", button.getAttribute("aria-pressed") === "true" ? "0" : "1");
        post(form.getAttribute("action"), body)
          .then(function (answer) {
            button.setAttribute("aria-pressed", answer.starred ? "true" : "false");
            showStarred();
          })
          .catch(function () { form.submit(); });  // let the server say what went wrong
      });
    });
  }

  // "Changed since your last visit": items whose guid a release after the last one this
  // browser saw touched get a badge that links to the change log.
  function markChanges() {
    var items = document.querySelectorAll("[data-guid]");
    if (!items.length) {
      return;
    }
    fetch(base() + "changes.json", { credentials: "same-origin", cache: "no-cache" })
      .then(function (response) { return response.json(); })
      .then(function (log) {
        var seen = parseInt(localStorage.getItem(LAST_RELEASE) || "", 10);
        localStorage.setItem(LAST_RELEASE, String(log.latest));
        if (isNaN(seen) || seen >= log.latest) {
          return;
        }
        var changedIn = {};
        log.releases.forEach(function (release) {
          if (release.number > seen) {
            release.guids.forEach(function (guid) {
              changedIn[guid] = Math.max(changedIn[guid] || 0, release.number);
            });
          }
        });
        items.forEach(function (item) {
          var number = changedIn[item.dataset.guid];
          if (!number || item.querySelector("[data-changed]")) {
            return;
          }
          var badge = document.createElement("a");
          badge.className = "badge text-bg-warning agenda-changed";
          badge.href = log.url + "#version-" + number;
          badge.dataset.changed = String(number);
          badge.textContent = "Changed";
          badge.setAttribute("aria-label", "Changed since your last visit: see what changed");
          item.appendChild(badge);
        });
      })
      .catch(function () {});
  }

  function start() {
    var allForms = forms();
    var merge = document.querySelector("form[data-agenda-merge]");
    if (!allForms.length && !merge) {
      return;
    }
    enableStarredToggle();
    if (merge || allForms[0].dataset.agenda === "account") {
      inTheAccount(allForms);
    } else {
      inTheBrowser(allForms);
    }
    markChanges();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
