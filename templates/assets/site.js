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

  /* ---- search ----
     Every result says why it is there: matches in the fields it shows (title, 公开内容, the facts
     line) are marked where they stand; every other field that matched gets a “匹配 公开依据：…” line
     with a snippet around the match. The address keeps the search (q, domain, mode, level, audience,
     channel: a stable interface, see docs/publishing.md). */

  var MAX_SHOWN = 100;
  var QUIET_MS = 120;          // typing pause before a search runs
  var SNIPPET_WHOLE = 48;      // a field this short is quoted whole
  var SNIPPET_BEFORE = 12;     // characters kept before a match …
  var SNIPPET_AFTER = 24;      // … and after it
  var SNIPPET_PARTS = 3;       // at most this many stretches of one field
  var SNIPPET_REACH = 6;       // how far past a cut a snippet goes to open or close a bracket
  var STATUS_QUERY_MAX = 24;   // the query as the status repeats it

  // the index's field keys, in the table's column order; HIDDEN are those a result does not show
  var KEYS = ["d", "c", "n", "t", "b", "tl", "s", "ch", "a", "an", "m", "l", "id"];
  var HIDDEN = ["b", "tl", "ch", "an", "id"];
  var FACTS = ["m", "l", "a", "s"];
  var LIST_KEYS = { t: true, b: true, ch: true, a: true, m: true, l: true };
  var FALLBACK_LABELS = {
    d: "领域", c: "一级事项", n: "二级事项", t: "公开内容（要素）", b: "公开依据", tl: "公开时限",
    s: "公开主体", ch: "公开渠道和载体", a: "公开对象", an: "特定群体说明", m: "公开方式", l: "公开层级",
    id: "事项编号"
  };
  // a snippet starts after and ends before one of these when one is near the match
  var BREAKS = "、，；。\n";
  var OPENERS = "（《〔【「『([";
  var CLOSERS = "）》〕】」』)]";
  // marks that belong to the character before them: never cut before one, fold them together
  var ATTACHED = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u200d\u20d0-\u20ff\u3099\u309a\ufe00-\ufe0f\ufe20-\ufe2f\uff9e\uff9f]/;

  function normalise(text) {
    return String(text).normalize("NFKC").toLowerCase();
  }

  var foldedChars = {};  // a character's folding, worked out once: the catalogue repeats its punctuation

  function normaliseChar(ch) {
    var known = foldedChars[ch];
    if (known === undefined) { known = foldedChars[ch] = normalise(ch); }
    return known;
  }

  function isLowSurrogate(code) { return code >= 0xdc00 && code <= 0xdfff; }

  /* Whether a cut at `at` would split a character: half a surrogate pair, a base from its combining
     mark or variation selector. */
  function inside(text, at) {
    if (at <= 0 || at >= text.length) { return false; }
    var code = text.charCodeAt(at);
    if (isLowSurrogate(code)) { return true; }
    if (code === 0xdb40 && at + 1 < text.length) {  // U+E0100–E01EF, ideographic variation selectors
      var low = text.charCodeAt(at + 1);
      if (low >= 0xdd00 && low <= 0xddef) { return true; }
    }
    return ATTACHED.test(text.charAt(at));
  }

  /* `text` folded for matching (NFKC, lower case), with where each folded character came from.
     Why: folding can change lengths (㈠ → (一)); a mark must still land on the original characters. */
  function fold(text) {
    var whole = normalise(text);
    var i;
    if (whole.length === text.length) {
      var same = true;
      for (i = 0; i < text.length && same; i += 1) {
        same = whole.charCodeAt(i) === text.charCodeAt(i) || normaliseChar(text.charAt(i)) === whole.charAt(i);
      }
      if (same) { return { text: whole, from: null, to: null }; }
    }
    var out = "";
    var from = [];
    var to = [];
    i = 0;
    while (i < text.length) {
      var end = i + 1;
      while (end < text.length && inside(text, end)) { end += 1; }
      var piece = normalise(text.slice(i, end));
      for (var k = 0; k < piece.length; k += 1) { from.push(i); to.push(end); }
      out += piece;
      i = end;
    }
    return { text: out, from: from, to: to };
  }

  function expansions(term, synonyms) {
    var found = [term];
    Object.keys(synonyms).forEach(function (short) {
      var key = normalise(short);
      if (term.indexOf(key) !== -1) {
        synonyms[short].forEach(function (full) {
          var expanded = term.split(key).join(normalise(full));
          if (found.indexOf(expanded) === -1) { found.push(expanded); }
        });
      }
    });
    return found;
  }

  function fieldText(item, key, domains) {
    if (key === "d") { return domains[item.d].name; }
    var value = item[key];
    if (LIST_KEYS[key]) { return (value || []).join("、"); }
    return value == null ? "" : String(value);
  }

  /* Where the search's terms occur in one folded field: merged [start, end) ranges of the original
     text, and for each term group the range its first occurrence falls in. */
  function hitsIn(folded, groups) {
    var found = [];
    groups.forEach(function (alternatives, group) {
      alternatives.forEach(function (needle) {
        if (!needle) { return; }
        var at = folded.text.indexOf(needle);
        while (at !== -1) {
          var last = at + needle.length - 1;
          found.push({
            start: folded.from ? folded.from[at] : at,
            end: folded.from ? folded.to[last] : last + 1,
            group: group
          });
          at = folded.text.indexOf(needle, at + needle.length);
        }
      });
    });
    found.sort(function (a, b) { return a.start - b.start || b.end - a.end; });
    var ranges = [];
    var firsts = [];
    var seen = {};
    found.forEach(function (hit) {
      var top = ranges[ranges.length - 1];
      if (top && hit.start <= top[1]) {
        top[1] = Math.max(top[1], hit.end);
      } else {
        top = [hit.start, hit.end];
        ranges.push(top);
      }
      if (!seen[hit.group]) {
        seen[hit.group] = true;
        if (firsts.indexOf(top) === -1) { firsts.push(top); }
      }
    });
    return { ranges: ranges, firsts: firsts };
  }

  /* Append text[from, to) to `parent`, each range inside it in a <mark>; text nodes only. */
  function appendMarked(parent, text, ranges, from, to) {
    var position = from;
    ranges.forEach(function (range) {
      var start = Math.max(range[0], position);
      var end = Math.min(range[1], to);
      if (end <= start) { return; }
      if (start > position) { parent.appendChild(document.createTextNode(text.slice(position, start))); }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(start, end);
      parent.appendChild(mark);
      position = end;
    });
    if (position < to) { parent.appendChild(document.createTextNode(text.slice(position, to))); }
  }

  /* The stretches of a long field to quote: a little around each term's first match, begun and
     ended at a nearby 、，；。 or bracket, so a snippet reads as whole phrases, never cutting a character. */
  function stretches(text, hits) {
    if (text.length <= SNIPPET_WHOLE) { return [[0, text.length]]; }
    var spans = hits.firsts.map(function (range) {
      var start = Math.max(0, range[0] - SNIPPET_BEFORE);
      var end = Math.min(text.length, range[1] + SNIPPET_AFTER);
      var before = -1;
      for (var i = range[0] - 1; i >= start; i -= 1) {
        if (BREAKS.indexOf(text.charAt(i)) !== -1) { before = i; break; }
      }
      if (before !== -1) {
        start = before + 1;
      } else {  // and a bracket just before the cut is opened: “…《社会救助暂行办法》”
        for (var o = start - 1; o >= Math.max(0, start - SNIPPET_REACH); o -= 1) {
          if (BREAKS.indexOf(text.charAt(o)) !== -1) { start = o + 1; break; }
          if (OPENERS.indexOf(text.charAt(o)) !== -1) { start = o; break; }
        }
      }
      var cut = -1;
      for (var j = range[1]; j < end; j += 1) {
        if (BREAKS.indexOf(text.charAt(j)) !== -1) { cut = j; break; }
      }
      if (cut !== -1) {
        end = cut;
      } else {  // a bracket about to close is closed: “…（民发〔2012〕220号）”, not “…220号”
        for (var k = end; k < Math.min(text.length, end + SNIPPET_REACH); k += 1) {
          if (BREAKS.indexOf(text.charAt(k)) !== -1) { end = k; break; }
          if (CLOSERS.indexOf(text.charAt(k)) !== -1) { end = k + 1; break; }
        }
      }
      while (inside(text, start)) { start -= 1; }
      while (inside(text, end)) { end += 1; }
      return [start, end];
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var merged = [];
    spans.forEach(function (span) {
      var top = merged[merged.length - 1];
      if (top && span[0] <= top[1] + 1) { top[1] = Math.max(top[1], span[1]); } else { merged.push(span); }
    });
    return merged.slice(0, SNIPPET_PARTS);
  }

  function appendSnippet(parent, text, hits) {
    var parts = stretches(text, hits);
    parts.forEach(function (part, n) {
      if (part[0] > 0 && (n === 0 || part[0] > parts[n - 1][1])) { parent.appendChild(document.createTextNode("…")); }
      appendMarked(parent, text, hits.ranges, part[0], part[1]);
    });
    var last = parts[parts.length - 1];
    if (last && last[1] < text.length) { parent.appendChild(document.createTextNode("…")); }
  }

  function shorten(text, most) {
    if (text.length <= most) { return text; }
    var end = most;
    while (inside(text, end)) { end -= 1; }
    return text.slice(0, end) + "…";
  }

  function setupSearch(index) {
    var form = document.getElementById("search-form");
    var box = document.getElementById("search-box") || form;
    var input = document.getElementById("q");
    var status = document.getElementById("search-status");
    var jump = document.getElementById("search-jump");
    var toggle = document.getElementById("filters-toggle");
    var panel = document.getElementById("search-filters");
    var list = document.getElementById("search-results");
    var labels = index.labels || FALLBACK_LABELS;
    var filters = {
      domain: document.getElementById("f-domain"),
      mode: document.getElementById("f-mode"),
      level: document.getElementById("f-level"),
      audience: document.getElementById("f-audience"),
      channel: document.getElementById("f-channel")
    };
    // what a search looks through: each item's fields, folded, one a line (no term holds a newline)
    var texts = index.items.map(function (item) {
      return fold(KEYS.map(function (key) { return fieldText(item, key, index.domains); }).join("\n")).text;
    });
    var folded = {};  // an item's fields folded one by one, with positions: only for results shown

    function foldedFields(position) {
      var item = index.items[position];
      if (!folded[position]) {
        folded[position] = KEYS.map(function (key) { return fold(fieldText(item, key, index.domains)); });
      }
      return folded[position];
    }
    var timer = null;
    var saying = null;

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

    function part(parent, className) {
      var span = document.createElement("span");
      span.className = className;
      parent.appendChild(span);
      return span;
    }

    function result(item, position, groups) {
      var domain = index.domains[item.d];
      var hits = {};
      var text = {};
      KEYS.forEach(function (key, k) {
        text[key] = fieldText(item, key, index.domains);
        hits[key] = groups.length ? hitsIn(foldedFields(position)[k], groups) : { ranges: [], firsts: [] };
      });
      function whole(parent, key) { appendMarked(parent, text[key], hits[key].ranges, 0, text[key].length); }

      var li = document.createElement("li");
      li.className = "result";
      var link = document.createElement("a");
      link.className = "result-title";
      link.href = domain.slug + ".html#" + item.id;
      ["d", "c", "n"].forEach(function (key, n) {
        if (n) { link.appendChild(document.createTextNode(" · ")); }
        whole(link, key);
      });
      li.appendChild(link);
      HIDDEN.forEach(function (key) {
        if (!hits[key].ranges.length) { return; }
        var why = part(li, "result-why");
        why.setAttribute("data-field", key);
        part(why, "why-tag").textContent = "匹配";
        why.appendChild(document.createTextNode(" "));
        part(why, "why-field").textContent = labels[key] + "：";
        appendSnippet(part(why, "why-text"), text[key], hits[key]);
      });
      var content = part(li, "result-content");
      content.appendChild(document.createTextNode(labels.t + "："));
      if (text.t) { whole(content, "t"); } else { content.appendChild(document.createTextNode("—")); }
      var facts = part(li, "result-meta");
      FACTS.forEach(function (key, n) {
        if (n) { facts.appendChild(document.createTextNode("；")); }
        var fact = part(facts, "fact");
        fact.setAttribute("data-field", key);
        fact.appendChild(document.createTextNode(labels[key] + "："));
        whole(fact, key);
      });
      return li;
    }

    function render(found, groups) {
      while (list.firstChild) { list.removeChild(list.firstChild); }
      var items = index.items;
      found.slice(0, MAX_SHOWN).forEach(function (position) {
        list.appendChild(result(items[position], position, groups));
      });
    }

    function chosenFilters() {
      var chosen = {};
      Object.keys(filters).forEach(function (key) { chosen[key] = filters[key].value; });
      return chosen;
    }

    function filterLabel(key) {
      var label = document.querySelector("label[for='" + filters[key].id + "']");
      return label ? label.textContent : key;
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

    /* What was asked, as the status repeats it: “低保” · 公开层级 镇街 */
    function asked(query, chosen) {
      var parts = query ? ["“" + shorten(query, STATUS_QUERY_MAX) + "”"] : [];
      Object.keys(filters).forEach(function (key) {
        var select = filters[key];
        if (chosen[key]) { parts.push(filterLabel(key) + " " + select.options[select.selectedIndex].text); }
      });
      return parts.join(" · ");
    }

    function alsoSought(groups) {
      var extra = [];
      groups.forEach(function (alternatives) {
        alternatives.slice(1).forEach(function (alt) { extra.push("“" + alt + "”"); });
      });
      return extra.length ? "（也按" + extra.join("") + "查找）" : "";
    }

    /* The status is a polite live region: a new text is read once the typing pauses. `again` (an
       explicit search) has the same text read again, by emptying the region and refilling it. */
    function say(text, again) {
      if (saying) { clearTimeout(saying); saying = null; }
      if (again && status.textContent === text) {
        status.textContent = "";
        saying = setTimeout(function () { saying = null; status.textContent = text; }, 150);
      } else {
        status.textContent = text;
      }
    }

    function setExpanded(open) {
      if (!toggle || !panel) { return; }
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { panel.classList.remove("collapsed"); } else { panel.classList.add("collapsed"); }
    }

    function countFilters(chosen) {
      if (!toggle) { return; }
      var count = Object.keys(chosen).filter(function (key) { return chosen[key]; }).length;
      toggle.textContent = count ? "筛选条件（已选 " + count + " 项）" : "筛选条件";
    }

    /* The outcome in view after an explicit search: when the first result (or, with none, the
       status) is off the screen, the search box goes to the top, its summary and the results under it. */
    function reveal() {
      var top = (list.firstElementChild || status).getBoundingClientRect().top;
      if (top >= 0 && top < window.innerHeight - 48) { return; }
      box.scrollIntoView(true);
    }

    function run(again) {
      var query = input.value.trim();
      var chosen = chosenFilters();
      var active = Object.keys(chosen).some(function (key) { return chosen[key]; });
      remember(query, chosen);
      countFilters(chosen);
      var terms = normalise(query).split(/\s+/).filter(Boolean);
      if (!terms.length && !active) {
        render([], []);
        jump.hidden = true;
        say("本目录共 " + index.items.length + " 个事项。输入关键词或选择筛选条件即可查找。", again);
        return;
      }
      var groups = terms.map(function (term) { return expansions(term, index.synonyms); });
      var found = [];
      index.items.forEach(function (item, i) { if (matches(item, texts[i], groups, chosen)) { found.push(i); } });
      render(found, groups);
      jump.hidden = !found.length;
      var what = asked(query, chosen) + "：";
      if (!found.length) {
        say(what + "没有找到符合条件的事项。可以换个说法，或减少筛选条件。", again);
      } else if (found.length > MAX_SHOWN) {
        say(what + "找到 " + found.length + " 个事项，显示前 " + MAX_SHOWN + " 个" + alsoSought(groups) +
          "；输入更多关键词可缩小范围。", again);
      } else {
        say(what + "找到 " + found.length + " 个事项" + alsoSought(groups) + "。", again);
      }
    }

    function later() {
      if (timer) { clearTimeout(timer); }
      timer = setTimeout(function () { timer = null; run(false); }, QUIET_MS);
    }

    function now() {
      if (timer) { clearTimeout(timer); timer = null; }
      run(true);
    }

    var params = new URLSearchParams(location.search);
    if (params.get("q")) { input.value = params.get("q"); }
    Object.keys(filters).forEach(function (key) {
      var value = params.get(key);
      if (value && Array.prototype.some.call(filters[key].options, function (o) { return o.value === value; })) {
        filters[key].value = value;
      }
      filters[key].addEventListener("change", now);
    });
    // an input method's half-typed pinyin is not a search: wait for the characters it commits
    input.addEventListener("input", function (event) { if (!event.isComposing) { later(); } });
    input.addEventListener("compositionend", later);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      now();
      reveal();
    });
    form.addEventListener("reset", function () { setTimeout(now, 0); });
    jump.addEventListener("click", function (event) {
      event.preventDefault();
      list.scrollIntoView(true);
      try { list.focus({ preventScroll: true }); } catch (e) { list.focus(); }
    });
    if (toggle && panel) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        setExpanded(toggle.getAttribute("aria-expanded") !== "true");
      });
    }
    var chosen = chosenFilters();
    var filtered = Object.keys(chosen).some(function (key) { return chosen[key]; });
    var narrow = window.matchMedia && window.matchMedia("(max-width: 600px)").matches;
    setExpanded(!narrow || filtered);
    run(false);
    // a shared search opens at its outcome (unless the address names a place on the page)
    if (!location.hash && (input.value.trim() || filtered)) { reveal(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    addCopyButtons();
    if (window.ZWGK_INDEX && document.getElementById("search-form")) {
      setupSearch(window.ZWGK_INDEX);
    }
  });
}());
