// Streamlit 1.67 has no setting for its own widgets' words (the uploader's "Upload" and "200MB per file",
// the date picker's months, the element toolbar's "Fullscreen"): this script rewrites them in the page,
// now and whenever React draws them again. Whole strings anywhere (text, title, aria-label, data-title,
// placeholder); parts of strings only inside the uploader's instructions and the date picker, where an
// English fragment cannot be a piece of our own data. frame.french_chrome fills in the dictionaries.
(function () {
  if (window.__carteFrenchChrome) { return; }
  window.__carteFrenchChrome = true;
  var whole = __WHOLE__, parts = __PARTS__, scopedWhole = __DAYS__, prefixes = __PREFIXES__, labels = __LABELS__;
  var ATTRS = ["title", "aria-label", "aria-valuetext", "data-title", "placeholder"];
  var SCOPES = '[data-testid="stFileUploaderDropzoneInstructions"],[data-testid="stDateInput"],[data-testid="stDateInputCalendar"]';
  var keys = Object.keys(parts).sort(function (a, b) { return b.length - a.length; });
  var partRe = new RegExp(keys.map(function (k) { return k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "g");
  function french(text, scoped) {
    var core = text.trim();
    if (Object.prototype.hasOwnProperty.call(whole, core)) { return text.replace(core, whole[core]); }
    for (var head in prefixes) {
      if (core.indexOf(head) === 0) { return text.replace(head, prefixes[head]); }
    }
    if (!scoped) { return text; }
    if (Object.prototype.hasOwnProperty.call(scopedWhole, core)) { return scopedWhole[core]; }
    return text.replace(partRe, function (m) { return parts[m]; });
  }
  function scoped(node) {
    var el = node.nodeType === 1 ? node : node.parentElement;
    return !!(el && el.closest && el.closest(SCOPES));
  }
  function fixText(node) {
    var next = french(node.nodeValue, scoped(node));
    if (next !== node.nodeValue) { node.nodeValue = next; }
  }
  function fixAttrs(el) {
    // A map's frame keeps the French name its map gave it (geo/maps/keyboard.py FrameName), whatever React writes.
    var named = el.getAttribute("data-carte-title");
    if (named && el.getAttribute("title") !== named) { el.setAttribute("title", named); }
    ATTRS.forEach(function (name) {
      var value = el.getAttribute(name);
      if (value) {
        var next = french(value, scoped(el));
        if (next !== value) { el.setAttribute(name, next); }
      }
    });
  }
  // The map and other components draw in same-origin iframes (Leaflet's zoom buttons say "Zoom in").
  function attach(frame) {
    var hook = function () {
      try {
        var inner = frame.contentDocument;
        if (inner && inner.body && !inner.__carteFrench) { inner.__carteFrench = true; watch(inner.body); }
      } catch (e) { /* another origin: nothing of ours to translate */ }
    };
    if (!frame.__carteFrench) { frame.__carteFrench = true; frame.addEventListener("load", hook); }
    hook();
  }
  // A metric's sparkline (Vega) has unlabelled point groups: the drawing is hidden from screen readers
  // and its frame says what it shows, the metric's own label and value being read just before.
  function labelSparklines(root) {
    root.querySelectorAll('[data-testid="stMetric"] svg.marks:not([aria-hidden])').forEach(function (svg) {
      var metric = svg.closest('[data-testid="stMetric"]');
      var name = metric.querySelector('[data-testid="stMetricLabel"]');
      svg.setAttribute("aria-hidden", "true");
      svg.parentElement.setAttribute("role", "img");
      svg.parentElement.setAttribute("aria-label", labels.sparkline.replace("{label}", name ? name.textContent.trim() : ""));
    });
  }
  function walk(root) {
    if (root.nodeType === 3) { fixText(root); return; }
    if (root.nodeType !== 1) { return; }
    fixAttrs(root);
    if (root.tagName === "IFRAME") { attach(root); }
    var it = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (var n = it.nextNode(); n; n = it.nextNode()) {
      if (n.nodeType === 3) { fixText(n); } else { fixAttrs(n); if (n.tagName === "IFRAME") { attach(n); } }
    }
    labelSparklines(root.closest('[data-testid="stMetric"]') ? root.closest('[data-testid="stMetric"]').parentElement : root);
  }
  // Presentation mode (frame.screen_fill): a page's main block (a chart, a table) takes the height the screen
  // leaves, so the page is one slide at any screen size. Fills in one row share the free height; rows divide it.
  // Measured again whenever the page's content or the window changes size; a fill never goes under FILL_MIN.
  var FILL = '[class*="st-key-screen_fill"]', FILL_MIN = 200;
  function fitFills() {
    var main = document.querySelector('[data-testid="stMain"]');
    var block = document.querySelector('.stMainBlockContainer');
    if (!main || !block) { return; }
    var shown = Array.prototype.filter.call(document.querySelectorAll(FILL), function (f) { return f.offsetParent; });
    if (!shown.length) { return; }
    var free = main.clientHeight - block.getBoundingClientRect().height;
    var rows = {};
    shown.forEach(function (f) { rows[Math.round(f.getBoundingClientRect().top)] = true; });
    var share = free / Object.keys(rows).length, changed = false;
    shown.forEach(function (f) {
      var now = f.getBoundingClientRect().height, height = Math.max(FILL_MIN, Math.floor(now + share));
      // a body that scrolls within (a long tab) is reached by the keyboard too (axe: scrollable-region-focusable)
      if (f.className.indexOf("st-key-screen_fill_scroll") >= 0 && !f.hasAttribute("tabindex")) { f.tabIndex = 0; }
      if (Math.abs(share) < 1 || Math.abs(height - now) < 1) { return; }
      changed = true;
      f.style.setProperty("height", height + "px", "important");
      f.style.setProperty("flex", "0 0 " + height + "px", "important");
    });
    document.body.setAttribute("data-screen-fit", changed ? "fitting" : "settled");  // what browser tests wait for
  }
  function fitScreen() {
    var pending = false;
    var fit = function () {
      if (pending) { return; }
      pending = true;
      requestAnimationFrame(function () { pending = false; fitFills(); });
    };
    var sizes = new ResizeObserver(fit);
    var seen = null;
    new MutationObserver(function () {
      var block = document.querySelector('.stMainBlockContainer');
      if (block && block !== seen) { seen = block; sizes.observe(block); }
      fit();
    }).observe(document.body, {subtree: true, childList: true});
    window.addEventListener("resize", fit);
    fit();
  }
  function watch(body) {
    new MutationObserver(function (records) {
      records.forEach(function (r) {
        if (r.type === "characterData") { fixText(r.target); }
        else if (r.type === "attributes") { fixAttrs(r.target); }
        else { r.addedNodes.forEach(walk); }
      });
    }).observe(body, {subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ATTRS.concat(["data-carte-title"])});
    walk(body);
  }
  watch(document.body);  // st.html is not in an iframe
  fitScreen();
  // Escape closes the maps' popups wherever the focus is: a key pressed in the page never reaches a frame, so it is
  // handed to each map's own document, whose handler closes the popup (geo/maps/keyboard.py FrameName).
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    document.querySelectorAll("iframe[data-carte-map]").forEach(function (frame) {
      try {
        frame.contentDocument.dispatchEvent(new KeyboardEvent("keydown", {key: "Escape"}));
      } catch (err) { /* a frame being replaced: its next map closes its own popups */ }
    });
  });
})();
