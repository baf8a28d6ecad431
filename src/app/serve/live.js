// kintsugi serve: reloads the page when the project is rebuilt, and shows
// content errors in an overlay until they are fixed. Served only by `serve`.
(function () {
  "use strict";
  var seen = null, overlay = null;
  function show(error) {
    if (!error) {
      if (overlay) { overlay.remove(); overlay = null; }
      return;
    }
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "kintsugi-error";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;inset:0;z-index:99999;background:rgba(20,18,16,.92);color:#fbeee0;padding:2rem;overflow:auto;font:14px/1.5 ui-monospace,monospace";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "";
    var h = document.createElement("h2");
    h.textContent = "kintsugi: the content has problems";
    h.style.cssText = "font:600 18px system-ui,sans-serif;color:#e0b75a;margin:0 0 1rem";
    var pre = document.createElement("pre");
    pre.textContent = error;
    pre.style.whiteSpace = "pre-wrap";
    overlay.appendChild(h);
    overlay.appendChild(pre);
  }
  // Asks for the status; after the first answer the server holds the request
  // until the next rebuild, so a page reloads as soon as the edit is served.
  function poll() {
    var url = "/__kintsugi/status" + (seen === null ? "" : "?wait=" + seen);
    fetch(url, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (seen !== null && s.version !== seen && !s.error) { window.location.reload(); return; }
        // An unchanged answer (the server waited its longest for a rebuild): a short pause.
        var again = s.version === seen ? 250 : 0;
        seen = s.version;
        show(s.error);
        setTimeout(poll, again);
      })
      // The server stopped or restarted: try again a little later.
      .catch(function () { setTimeout(poll, 1000); });
  }
  poll();
})();
