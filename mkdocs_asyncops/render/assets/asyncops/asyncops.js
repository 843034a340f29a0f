/* mkdocs-asyncops: filter the decision log by text, status and tag, and ready the decision graph
   for Mermaid outside Material. No network, no dependencies.
   The table that follows each `[data-asyncops-filter]` element is filtered by the words typed
   in its `.asyncops-find-box` (each must occur in the row's `.asyncops-find` cells), and by the
   `data-status` and `data-tag` badges in its rows; its `output` says how many rows are shown. */
(function () {
  "use strict";

  function values(rows, attribute) {
    var seen = {};
    rows.forEach(function (row) {
      row.querySelectorAll("[" + attribute + "]").forEach(function (el) {
        seen[el.getAttribute(attribute)] = true;
      });
    });
    return Object.keys(seen).sort();
  }

  function select(label, options, onChange) {
    var wrapper = document.createElement("label");
    wrapper.textContent = label;
    var box = document.createElement("select");
    ["all"].concat(options).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value === "all" ? "" : value;
      option.textContent = value;
      box.appendChild(option);
    });
    box.addEventListener("change", onChange);
    wrapper.appendChild(box);
    return { element: wrapper, box: box };
  }

  /* Lower case, and numbers without leading zeros: `adr-12` finds ADR-0012. */
  function normal(text) {
    return text.toLowerCase().replace(/(^|\D)0+(?=\d)/g, "$1");
  }

  function searchable(row) {
    var cells = row.querySelectorAll(".asyncops-find");
    var parts = cells.length ? Array.prototype.map.call(cells, function (cell) {
      return cell.textContent;
    }) : [row.textContent];
    return normal(parts.join(" "));
  }

  function has(row, attribute, value) {
    return !value || Array.prototype.some.call(
      row.querySelectorAll("[" + attribute + "]"),
      function (el) { return el.getAttribute(attribute) === value; }
    );
  }

  function setUp(holder) {
    if (holder.dataset.ready) return;
    var table = holder.nextElementSibling;
    while (table && table.tagName !== "TABLE") {
      table = table.querySelector("table") || table.nextElementSibling;
    }
    if (!table) return;
    holder.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var texts = rows.map(searchable);
    var box = holder.querySelector(".asyncops-find-box");
    var count = holder.querySelector(".asyncops-shown");
    var status, tag;
    function apply() {
      var words = normal(box ? box.value : "").split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, index) {
        var ok = has(row, "data-status", status.box.value) &&
          has(row, "data-tag", tag.box.value) &&
          words.every(function (word) { return texts[index].indexOf(word) !== -1; });
        row.style.display = ok ? "" : "none";
        if (ok) shown += 1;
      });
      if (count) count.textContent = shown + " of " + rows.length + " shown";
    }
    status = select("Status", values(rows, "data-status"), apply);
    tag = select("Tag", values(rows, "data-tag"), apply);
    holder.insertBefore(status.element, count);
    holder.insertBefore(tag.element, count);
    if (box) box.addEventListener("input", apply);
    holder.hidden = false;
    apply();
  }

  function init() {
    document.querySelectorAll("[data-asyncops-filter]").forEach(setUp);
  }

  /* Outside Material, Mermaid itself draws `pre.mermaid` on load and reads its markup: leave it
     the graph's text only, without the `<code>` the fence wraps it in. */
  function unwrapGraphs() {
    document.querySelectorAll("pre.mermaid > code").forEach(function (code) {
      code.parentNode.textContent = code.textContent;
    });
  }

  function start() {
    unwrapGraphs();
    init();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); /* mkdocs-material instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* mkdocs-asyncops: a table wider than the page scrolls in its own box; that box takes the
   keyboard's focus, so it can be scrolled without a mouse (found by the browser checks). */
(function () {
  "use strict";

  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
      } else if (box.getAttribute("tabindex") === "0") {
        box.removeAttribute("tabindex");
      }
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(focusable); /* after Material has wrapped the page's tables */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusable);
  } else {
    focusable();
  }
  window.addEventListener("resize", focusable);
})();
