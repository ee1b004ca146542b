/* zwgk site script: item links that copy, and the catalogue search. Catalogue text is only ever
   inserted with textContent / createTextNode, never as markup. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "sr-only";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function addCopyButtons() {
    var links = document.querySelectorAll("a.permalink");
    Array.prototype.forEach.call(links, function (link) {
      /* The accessible name starts with the words on the button (WCAG 2.5.3 Label in Name), so a
         voice-control user can say "点击 复制链接"; the item's id follows for screen readers only. */
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-link";
      var label = document.createElement("span");
      label.textContent = "复制链接";
      var which = document.createElement("span");
      which.className = "sr-only";
      which.textContent = " 事项 " + link.textContent;
      button.appendChild(label);
      button.appendChild(which);
      button.addEventListener("click", function () {
        var url = location.href.split("#")[0] + link.getAttribute("href");
        copyText(url).then(function () {
          label.textContent = "已复制";
        }, function () {
          label.textContent = "请从地址栏复制";
          location.hash = link.getAttribute("href");
        });
        setTimeout(function () { label.textContent = "复制链接"; }, 2500);
      });
      link.parentNode.insertBefore(button, link.nextSibling);
    });
  }

  /* ---- search ---- */

  var MAX_SHOWN = 100;

  function normalise(text) {
    return String(text).normalize("NFKC").toLowerCase();
  }

  function expansions(term, synonyms) {
    var found = [term];
    Object.keys(synonyms).forEach(function (short) {
      var key = normalise(short);
      if (term.indexOf(key) !== -1) {
        synonyms[short].forEach(function (full) {
          found.push(term.split(key).join(normalise(full)));
        });
      }
    });
    return found;
  }

  function haystack(item, domain) {
    return normalise([
      item.id, domain.name, item.c, item.n, item.t.join("、"), item.b.join("、"), item.tl, item.s,
      item.ch.join("、"), item.a.join("、"), item.an, item.m.join("、"), item.l.join("、")
    ].join("\n"));
  }

  function appendMarked(parent, text, needles) {
    var lower = normalise(text);
    var position = 0;
    while (position < text.length) {
      var best = -1;
      var bestLength = 0;
      needles.forEach(function (needle) {
        if (!needle) { return; }
        var at = lower.indexOf(needle, position);
        if (at !== -1 && (best === -1 || at < best)) { best = at; bestLength = needle.length; }
      });
      if (best === -1 || lower.length !== text.length) {
        parent.appendChild(document.createTextNode(text.slice(position)));
        return;
      }
      if (best > position) { parent.appendChild(document.createTextNode(text.slice(position, best))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(best, best + bestLength);
      parent.appendChild(mark);
      position = best + bestLength;
    }
  }

  function setupSearch(index) {
    var form = document.getElementById("search-form");
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var list = document.getElementById("search-results");
    var filters = {
      domain: document.getElementById("f-domain"),
      mode: document.getElementById("f-mode"),
      level: document.getElementById("f-level"),
      audience: document.getElementById("f-audience"),
      channel: document.getElementById("f-channel")
    };
    var texts = index.items.map(function (item) { return haystack(item, index.domains[item.d]); });
    var timer = null;

    function matches(item, text, groups, chosen) {
      if (chosen.domain && index.domains[item.d].slug !== chosen.domain) { return false; }
      if (chosen.mode && item.m.indexOf(chosen.mode) === -1) { return false; }
      if (chosen.level && item.l.indexOf(chosen.level) === -1) { return false; }
      if (chosen.audience && item.a.indexOf(chosen.audience) === -1) { return false; }
      if (chosen.channel && item.ch.indexOf(chosen.channel) === -1) { return false; }
      return groups.every(function (alternatives) {
        return alternatives.some(function (alt) { return text.indexOf(alt) !== -1; });
      });
    }

    function render(found, groups) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      var needles = [];
      groups.forEach(function (g) { needles = needles.concat(g); });
      found.slice(0, MAX_SHOWN).forEach(function (item) {
        var domain = index.domains[item.d];
        var li = document.createElement("li");
        li.className = "result";
        var link = document.createElement("a");
        link.className = "result-title";
        link.href = domain.slug + ".html#" + item.id;
        appendMarked(link, domain.name + " · " + item.c + " · " + item.n, needles);
        li.appendChild(link);
        var content = document.createElement("span");
        content.className = "result-content";
        appendMarked(content, "公开内容：" + (item.t.join("、") || "—"), needles);
        li.appendChild(content);
        var meta = document.createElement("span");
        meta.className = "result-meta";
        meta.textContent = "公开方式：" + item.m.join("、") + "；公开层级：" + item.l.join("、") +
          "；公开对象：" + item.a.join("、") + "；公开主体：" + item.s;
        li.appendChild(meta);
        list.appendChild(li);
      });
    }

    function chosenFilters() {
      var chosen = {};
      Object.keys(filters).forEach(function (key) { chosen[key] = filters[key].value; });
      return chosen;
    }

    function remember(query, chosen) {
      var params = new URLSearchParams();
      if (query) { params.set("q", query); }
      Object.keys(chosen).forEach(function (key) { if (chosen[key]) { params.set(key, chosen[key]); } });
      var search = params.toString();
      try {
        history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
      } catch (e) { /* file:// pages may refuse: the search still works */ }
    }

    function run() {
      var query = input.value.trim();
      var chosen = chosenFilters();
      var active = Object.keys(chosen).some(function (key) { return chosen[key]; });
      remember(query, chosen);
      var terms = normalise(query).split(/\s+/).filter(Boolean);
      if (!terms.length && !active) {
        render([], []);
        status.textContent = "本目录共 " + index.items.length + " 个事项。输入关键词或选择筛选条件即可查找。";
        return;
      }
      var groups = terms.map(function (term) { return expansions(term, index.synonyms); });
      var found = index.items.filter(function (item, i) { return matches(item, texts[i], groups, chosen); });
      render(found, groups);
      if (!found.length) {
        status.textContent = "没有找到符合条件的事项。可以换个说法，或减少筛选条件。";
      } else if (found.length > MAX_SHOWN) {
        status.textContent = "找到 " + found.length + " 个事项，显示前 " + MAX_SHOWN + " 个；输入更多关键词可缩小范围。";
      } else {
        status.textContent = "找到 " + found.length + " 个事项。";
      }
    }

    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(run, 120);
    }

    var params = new URLSearchParams(location.search);
    if (params.get("q")) { input.value = params.get("q"); }
    Object.keys(filters).forEach(function (key) {
      var value = params.get(key);
      if (value && Array.prototype.some.call(filters[key].options, function (o) { return o.value === value; })) {
        filters[key].value = value;
      }
      filters[key].addEventListener("change", run);
    });
    input.addEventListener("input", later);
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    form.addEventListener("reset", function () { setTimeout(run, 0); });
    run();
  }

  document.addEventListener("DOMContentLoaded", function () {
    addCopyButtons();
    if (window.ZWGK_INDEX && document.getElementById("search-form")) {
      setupSearch(window.ZWGK_INDEX);
    }
  });
}());
