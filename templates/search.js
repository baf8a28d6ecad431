// kintsugi site search: finds pages by their words, offline and from disk.
// The index (search-index.js) sets window.KINTSUGI_SEARCH; nothing is fetched.
// It also folds the phone menu (first part): one script, so a page asks the
// server for no more files than it needs.
// The site menu: on a phone the menu folds behind a button, so a page opens on its content.
// Without this script the button stays hidden and the menu open.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (!button || !menu) return;
  document.documentElement.classList.add("js");
  button.hidden = false;
  function set(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("open", open);
  }
  button.addEventListener("click", function () {
    set(button.getAttribute("aria-expanded") !== "true");
  });
  // Escape folds an open menu and gives the focus back to its button.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && menu.classList.contains("open")) {
      set(false);
      button.focus();
    }
  });
})();

(function () {
  "use strict";
  var root = document.documentElement.getAttribute("data-root") || "";
  // The words come from the page (the strings of the site's language), `{q}` and `{n}` filled in here.
  function word(name, q, n) {
    var text = document.documentElement.getAttribute("data-" + name) || "";
    return text.split("{q}").join(q).split("{n}").join(String(n));
  }
  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  if (!input || !list || !window.KINTSUGI_SEARCH) return;

  // Lower case without accents, so "zoe" finds "Zoë". Precomposed letters
  // keep their positions, so snippets can be cut from the original text.
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  var pages = window.KINTSUGI_SEARCH.map(function (p) {
    return { page: p, title: fold(p.t), text: fold(p.x) };
  });

  function count(hay, term) {
    var n = 0, i = hay.indexOf(term);
    while (i >= 0 && n < 20) { n++; i = hay.indexOf(term, i + term.length); }
    return n;
  }

  function search(query, limit) {
    var terms = fold(query).split(/\s+/).filter(function (t) { return t.length > 1; });
    if (!terms.length) return [];
    var phrase = fold(query.trim());
    return pages
      .map(function (p) {
        var score = 0;
        for (var i = 0; i < terms.length; i++) {
          var inTitle = p.title.indexOf(terms[i]) >= 0, n = count(p.text, terms[i]);
          if (!inTitle && !n) return null;
          score += (inTitle ? 10 : 0) + n;
        }
        if (p.text.indexOf(phrase) >= 0) score += 15;
        return { p: p, score: score, at: p.text.indexOf(p.text.indexOf(phrase) >= 0 ? phrase : terms[0]) };
      })
      .filter(Boolean)
      .sort(function (a, b) { return b.score - a.score; })
      .slice(0, limit || 10);
  }

  function snippet(r) {
    var text = r.p.page.x, at = Math.max(0, r.at);
    var from = Math.max(0, at - 60);
    if (from > 0) {
      var space = text.indexOf(" ", from);
      if (space >= 0 && space < at) from = space + 1; // start on a whole word
    }
    return (from > 0 ? "…" : "") + text.slice(from, from + 170).trim() + (from + 170 < text.length ? "…" : "");
  }

  // One result: the page's title as a link, its section and a snippet.
  function item(r) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + r.p.page.u;
    a.textContent = r.p.page.t;
    var section = document.createElement("span");
    section.className = "section";
    section.textContent = " " + r.p.page.s;
    var p = document.createElement("p");
    p.textContent = snippet(r);
    li.appendChild(a);
    li.appendChild(section);
    li.appendChild(p);
    return li;
  }

  function show(results, query) {
    list.textContent = "";
    list.hidden = !query.trim();
    if (!query.trim()) return;
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = word("nothing-found", query.trim(), 0);
      list.appendChild(none);
      return;
    }
    results.forEach(function (r) { list.appendChild(item(r)); });
  }

  input.addEventListener("input", function () { show(search(input.value), input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { e.preventDefault(); window.location.href = first.href; }
    } else if (e.key === "Escape") {
      input.value = "";
      show([], "");
    }
  });
  list.hidden = true;
  var q = new URLSearchParams(window.location.search).get("q");
  // The search page lists its results in the page; without JavaScript it lists every page.
  var full = document.getElementById("search-page-results");
  if (full) {
    var status = document.getElementById("search-page-status");
    var field = document.getElementById("search-page-input");
    if (!q || !q.trim()) return;
    field.value = q;
    var results = search(q, pages.length);
    if (!results.length) {
      status.textContent = word("nothing-found", q.trim(), 0) + " " + word("every-page", q.trim(), 0);
      return;
    }
    status.textContent = word(results.length === 1 ? "matches-one" : "matches-other", q.trim(), results.length);
    full.textContent = "";
    results.forEach(function (r) { full.appendChild(item(r)); });
    return;
  }
  // A search can be linked to: page.html?q=two+minutes
  if (q) {
    input.value = q;
    show(search(q), q);
  }
})();
