// The Carte's own controls (see geo/maps/controls.py): filtering on the client, the view written into the page's link.
// Labels come from the app as data and are set with textContent only.
window.carteMapControls = function (map, groups, cfg) {
  var state = cfg.state, text = cfg.text, P = cfg.params;
  var communes = firstLayer(groups.communes), structures = firstLayer(groups.structures);
  var markers = structures ? structures.getLayers() : [];
  var tiles = null, moved = false, home = null;

  function firstLayer(group) { return group ? group.getLayers()[0] : null; }
  function has(list, value) { return list.indexOf(value) !== -1; }
  var offered = cfg.kinds.map(function (k) { return k[0]; });

  // --- the viewer's choices, carried to the next map -----------------------------------------
  // The link's choices change here with no run, and Streamlit's page sends its own copy of the link, which never
  // saw them, with each run: a run that draws a new map (another territory, presentation mode) gets the choices of
  // the last link the server saw. So the page keeps the viewer's last choices (on window.parent: they end with the
  // page, so a link opened or reloaded shows exactly what it says) and a new map takes them, unless the link
  // names choices the last map was not given (an app's link), the link is a story's step (it shows what it
  // saved), or the browser went Back or Forward to a view a map has shown (each map marks its history entry).
  // Kinds are carried as those the viewer hid: a kind the last territory did not have is shown.
  var serial = 0, entry = null, hiddenBefore = [];
  function carryIn() {
    var win = window.parent, memory, current;
    try {
      serial = win.carteMapSerial = (win.carteMapSerial || 0) + 1;
      memory = win.carteCarry ? JSON.parse(win.carteCarry) : null;
      current = win.history.state || {};
      entry = current.carteEntry || null;
      if (!entry) {
        entry = serial + "-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
        win.history.replaceState(Object.assign({}, current, {carteEntry: entry}), "", win.location.href);
      }
    } catch (e) { return; }  // not our page: the link alone says the view
    var linked = JSON.stringify(cfg.carry.linked);
    if (!memory || !cfg.carry.allowed || (current.carteEntry && current.carteEntry !== memory.entry)
        || (linked !== "{}" && linked !== memory.linked)) { return; }
    var kept = memory.state, known = function (list) { return list.map(function (c) { return c[0]; }); };
    state.layers = kept.layers.filter(function (key) { return has(known(cfg.layers), key); });
    state.statuses = kept.statuses.filter(function (key) { return has(known(cfg.statuses), key); });
    state.background = has(known(cfg.backgrounds), kept.background || "") ? kept.background : null;
    state.colour = has(known(cfg.colourings), kept.colour || "") ? kept.colour : null;
    state.kinds = offered.filter(function (kind) { return !has(kept.hiddenKinds, kind); });
    hiddenBefore = kept.hiddenKinds;
  }
  function remember() {
    var win = window.parent;
    if (win.carteMapSerial !== serial) { return; }  // a newer map is on the page: its choices are the viewer's
    var hidden = hiddenBefore.filter(function (kind) { return !has(offered, kind); })
      .concat(offered.filter(function (kind) { return !has(state.kinds, kind); }));
    win.carteCarry = JSON.stringify({entry: entry, linked: JSON.stringify(cfg.carry.linked), state: {
      layers: state.layers, statuses: state.statuses, background: state.background, colour: state.colour,
      hiddenKinds: hidden}});
  }
  carryIn();
  function el(tag, className, parent, content) {
    var node = L.DomUtil.create(tag, className || "", parent);
    if (content !== undefined) { node.textContent = content; }
    return node;
  }

  // --- applying the state to the map ---------------------------------------------------------
  function applyLayers() {
    Object.keys(groups).forEach(function (key) {
      var on = has(state.layers, key);
      if (on && !map.hasLayer(groups[key])) { map.addLayer(groups[key]); }
      if (!on && map.hasLayer(groups[key])) { map.removeLayer(groups[key]); }
    });
  }
  function applyBackground() {
    var choice = cfg.backgrounds.filter(function (b) { return b[0] === (state.background || ""); })[0];
    if (tiles) { map.removeLayer(tiles); tiles = null; }
    if (choice && choice[2]) {
      tiles = L.tileLayer(choice[2], {attribution: choice[3], subdomains: "abcd", maxZoom: 19}).addTo(map);
      tiles.bringToBack();
    }
    map.getContainer().style.background = tiles ? cfg.ground.tiles : cfg.ground.offline;
  }
  function applyColour() {
    if (!communes) { return; }
    var index = cfg.colourings.map(function (c) { return c[0]; }).indexOf(state.colour || "") - 1;
    var colours = index >= 0 ? cfg.colourings[index + 1][2] : [];
    // Faint land over tiles, so the background reads; solid when it is the only ground or carries a colouring.
    var opacity = tiles && index < 0 ? 0.15 : 0.85;
    communes.eachLayer(function (layer) {
      var c = layer.feature.properties.c;
      layer.setStyle({fillColor: index >= 0 && c ? colours[c[index]][0] : cfg.ground.land, fillOpacity: opacity});
    });
    drawLegend(colours);
  }
  function kept(marker) {
    var p = marker.feature.properties;
    return has(state.kinds, p.k) && has(state.statuses, p.t);
  }
  function applyFilters() {
    var shown = 0;
    markers.forEach(function (marker) {
      var keep = kept(marker);
      shown += keep ? 1 : 0;
      if (keep && !structures.hasLayer(marker)) { structures.addLayer(marker); }
      if (!keep && structures.hasLayer(marker)) { structures.removeLayer(marker); }
    });
    var line;
    if (!cfg.total) { line = text.noKind; }
    else if (!shown) { line = text.nothing; }
    else { line = text.shown.replace("{shown}", shown.toLocaleString("fr-FR")).replace("{total}", cfg.total.toLocaleString("fr-FR")); }
    if (!has(state.layers, "structures") && cfg.total) { line += " " + text.hidden; }
    count.textContent = line;
    count.setAttribute("data-shown", String(shown));
  }

  // --- the link ------------------------------------------------------------------------------
  function sameSet(a, b) { return a.length === b.length && a.every(function (x) { return has(b, x); }); }
  function writeLink() {
    var win = window.parent, url, params;
    try { url = new URL(win.location.href); } catch (e) { return; }  // not our page: the view stays out of the link
    params = url.searchParams;
    // A map still on screen while the page moves to another territory or page must not write into that link.
    // (Its territory is the first one the link names once it is drawn: the server writes it before the map.)
    var place = [url.pathname, params.get(P.territory)];
    if (!home || (!home[1] && home[0] === place[0])) { home = place; }
    if (place[0] !== home[0] || place[1] !== home[1]) { return; }
    remember();
    function put(name, value) { if (value === null) { params.delete(name); } else { params.set(name, value); } }
    var layers = state.layers.concat(state.background ? [state.background] : []);
    put(P.layers, sameSet(layers, cfg.defaults.layers) ? null : layers.join(","));
    var fullFilters = sameSet(state.kinds, offered) && sameSet(state.statuses, cfg.defaults.statuses);
    put(P.filters, fullFilters ? null : state.kinds.concat(state.statuses).join(","));
    put(P.colour, state.colour || null);
    if (moved) {
      var centre = map.getCenter();
      put(P.centre, centre.lat.toFixed(4) + "," + centre.lng.toFixed(4));
      put(P.zoom, String(Math.round(map.getZoom() * 100) / 100));
    }
    var search = params.toString().replace(/%2C/g, ",");
    var href = url.pathname + (search ? "?" + search : "") + url.hash;
    if (href !== win.location.pathname + win.location.search + win.location.hash) {
      win.history.replaceState(win.history.state, "", href);
    }
    // The page's own parts that follow the view without a run (the table alternative) listen for this.
    win.dispatchEvent(new CustomEvent("carte:view", {detail: now()}));
  }
  // What the map shows at this moment, for an action the page takes on it (an export draws the same box:
  // viewlink.py reads this when the button is clicked). The link has centre and zoom; the box depends on
  // the map's size on this screen, which only the map knows.
  function now() {
    var b = map.getBounds();
    return {bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], state: JSON.parse(JSON.stringify(state))};
  }

  // --- the panel -----------------------------------------------------------------------------
  var panel = L.control({position: "topright"}), count, legend;
  function checkboxes(parent, title, choices, list, onChange) {
    var box = el("fieldset", "carte-controls-group", parent);
    el("legend", "", box, title);
    choices.forEach(function (choice) {
      var label = el("label", "", box), input = el("input", "", label);
      input.type = "checkbox"; input.value = choice[0]; input.checked = has(state[list], choice[0]);
      if (choice[2]) { el("span", "carte-controls-swatch", label).style.background = choice[2]; }
      el("span", "", label, choice[1]);
      L.DomEvent.on(input, "change", function () {
        state[list] = choices.map(function (c) { return c[0]; }).filter(function (key) {
          return key === input.value ? input.checked : has(state[list], key);
        });
        onChange();
        writeLink();
      });
    });
  }
  function radios(parent, title, name, choices, key, onChange) {
    var box = el("fieldset", "carte-controls-group", parent);
    el("legend", "", box, title);
    choices.forEach(function (choice) {
      var label = el("label", "", box), input = el("input", "", label);
      input.type = "radio"; input.name = name; input.value = choice[0];
      input.checked = (state[key] || "") === choice[0];
      el("span", "", label, choice[1]);
      L.DomEvent.on(input, "change", function () {
        if (input.checked) { state[key] = choice[0] || null; onChange(); writeLink(); }
      });
    });
  }
  function drawLegend(colours) {
    legend.textContent = "";
    colours.forEach(function (row) {
      var line = el("div", "carte-controls-class", legend);
      el("span", "carte-controls-swatch", line).style.background = row[0];
      el("span", "", line, row[1]);
    });
  }
  panel.onAdd = function () {
    var root = el("div", "carte-controls leaflet-bar");
    L.DomEvent.disableClickPropagation(root);
    L.DomEvent.disableScrollPropagation(root);
    count = el("p", "carte-controls-count", root);
    count.setAttribute("role", "status");
    if (text.gaps) { el("p", "carte-controls-gaps", root, text.gaps); }
    var details = el("details", "", root), body;
    // Folded at first: the map stays whole on a small screen; the count above stays in sight.
    details.open = false;
    el("summary", "", details, text.title);
    body = el("div", "carte-controls-body", details);
    checkboxes(body, text.layers, cfg.layers, "layers", function () { applyLayers(); applyFilters(); });
    if (cfg.kinds.length) { checkboxes(body, text.kinds, cfg.kinds, "kinds", applyFilters); }
    checkboxes(body, text.statuses, cfg.statuses, "statuses", applyFilters);
    radios(body, text.colour, "carte-colour", cfg.colourings, "colour", applyColour);
    legend = el("div", "carte-controls-legend", body);
    radios(body, text.background, "carte-background", cfg.backgrounds, "background", function () {
      applyBackground(); applyColour();
    });
    return root;
  };
  panel.addTo(map);

  var css = document.createElement("style");
  css.textContent = ".carte-controls{background:#fff;padding:6px 10px;font:13px/1.35 sans-serif;max-width:260px;"
    + "max-height:calc(100vh - 40px);overflow:auto}"
    + ".carte-controls summary{font-weight:600;cursor:pointer}"
    + ".carte-controls fieldset{border:0;margin:6px 0 0;padding:0}"
    + ".carte-controls legend{font-weight:600;padding:0;margin-bottom:2px}"
    + ".carte-controls label{display:flex;align-items:center;gap:6px;cursor:pointer}"
    + ".carte-controls input:focus-visible{outline:3px solid #1f5fa8;outline-offset:1px}"
    + ".carte-controls-count{margin:0 0 4px;font-weight:600}"
    + ".carte-controls-gaps{margin:0 0 4px;max-width:22em;color:#7a2e00}"
    + ".carte-controls-swatch{display:inline-block;width:12px;height:12px;border-radius:50%;border:1px solid #555}"
    + ".carte-controls-class{display:flex;align-items:center;gap:6px}";
  document.head.appendChild(css);

  applyBackground();
  applyLayers();
  applyColour();
  // The communes' shapes may arrive after this (a shared file, geo/maps/geometry_files.py): colour them then.
  if (communes) { communes.on("carte:features", applyColour); }
  applyFilters();
  // Only a view the user moved to goes into the link: the component itself re-fits the map once drawn.
  var touched = false;
  ["pointerdown", "wheel", "keydown", "touchstart"].forEach(function (type) {
    L.DomEvent.on(map.getContainer(), type, function () { touched = true; });
  });
  map.on("moveend", function () { if (touched) { moved = true; writeLink(); } });
  writeLink();
  // A rerun of the page may rewrite the link from the server's copy (which never saw these changes):
  // each time Streamlit renders the map again, the map writes its view back.
  if (window.carteLinkListener) { window.removeEventListener("message", window.carteLinkListener); }
  window.carteLinkListener = function (event) {
    if (event.data && event.data.type === "streamlit:render") { setTimeout(writeLink, 0); }
  };
  window.addEventListener("message", window.carteLinkListener);
  window.carteView = function () { return JSON.parse(JSON.stringify(state)); };
  try { window.parent.carteMapNow = now; } catch (e) { /* not our page: actions use the link alone */ }
};
