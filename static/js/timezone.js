// Remember the visitor's own time zone, guessed by the browser, so pages can show
// event times in it too. A zone chosen explicitly (?tz= or the picker) is never overwritten.
(function () {
  if (document.cookie.split("; ").some((c) => c.startsWith("tz="))) return;
  let zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone || !/^[A-Za-z0-9_+\/-]+$/.test(zone)) return;
  document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
})();
