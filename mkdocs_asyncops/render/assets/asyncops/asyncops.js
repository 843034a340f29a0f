/* mkdocs-asyncops: filter the decision log by status and tag, and ready the decision graph for
   Mermaid outside Material. No network, no dependencies.
   The table that follows each `[data-asyncops-filter]` element is filtered by the
   `data-status` and `data-tag` badges in its rows. */
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

  function setUp(holder) {
    if (holder.dataset.ready) return;
    var table = holder.nextElementSibling;
    while (table && table.tagName !== "TABLE") {
      table = table.querySelector("table") || table.nextElementSibling;
    }
    if (!table) return;
    holder.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var status, tag;
    function apply() {
      rows.forEach(function (row) {
        var okStatus = !status.box.value || row.querySelector('[data-status="' + status.box.value + '"]');
        var okTag = !tag.box.value || row.querySelector('[data-tag="' + tag.box.value + '"]');
        row.style.display = okStatus && okTag ? "" : "none";
      });
    }
    status = select("Status", values(rows, "data-status"), apply);
    tag = select("Tag", values(rows, "data-tag"), apply);
    holder.appendChild(status.element);
    holder.appendChild(tag.element);
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
