// The view as the viewer sees it at the moment of an action (viewlink.py). Runs in the page itself (a component
// of st.components.v2, no frame), where the Carte's map writes its view into the link with no run: Streamlit's
// page keeps its own copy of the link and sends that copy with every run, so only this code reads the fresh one.
// Labels come from the app as data and are set with textContent only.
export default function (component) {
  const { data, parentElement, setStateValue, setTriggerValue } = component;
  const modes = { form: inForm, actions: actions, deliver: deliver, table: table };
  return (modes[data && data.mode] || (() => undefined))(data, parentElement, setStateValue, setTriggerValue);
}

// The component's own box in its root, emptied for each render (the root also holds the component's style).
function box(root, className) {
  let node = Array.from(root.children).find((child) => child.classList.contains(className));
  if (!node) { node = document.createElement("div"); node.className = className; root.appendChild(node); }
  node.textContent = "";
  return node;
}

// What the map shows now (geo/maps/controls.js registers it), or nothing on a page with no map.
function mapNow() {
  try { return window.carteMapNow ? window.carteMapNow() : null; } catch (e) { return null; }  // a map since removed
}

// Inside a form: the link is the component's value, refreshed before anything can submit the form (a press,
// a click or a key, caught before Streamlit's own handlers); a value set in a form waits for its submit, no run.
function inForm(data, root, setStateValue) {
  let sent = null;
  const refresh = () => {
    if (window.location.search !== sent) { sent = window.location.search; setStateValue("link", sent); }
  };
  refresh();
  const events = ["pointerdown", "click", "keydown"];
  events.forEach((type) => document.addEventListener(type, refresh, true));
  return () => events.forEach((type) => document.removeEventListener(type, refresh, true));
}

// Buttons whose run reads the view at the click: the link, and the map's box.
function actions(data, root, setStateValue, setTriggerValue) {
  const buttons = box(root, "viewlink-actions");
  data.buttons.forEach(([name, label, help]) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.title = help;
    button.dataset.action = name;
    button.addEventListener("click", () => {
      const seen = mapNow();  // the page says it is preparing the file (st.spinner) during the click's run
      setTriggerValue("action", { action: name, search: window.location.search, bounds: seen ? seen.bounds : null });
    });
    buttons.appendChild(button);
  });
}

// The file a run prepared on an action: saved at once, and a link to save it again (until the next run).
let delivered = null;
function deliver(data, root) {
  const place = box(root, "viewlink-file");
  if (delivered) { URL.revokeObjectURL(delivered); delivered = null; }
  if (!data.file) { return; }
  const bytes = Uint8Array.from(atob(data.file), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: data.mime }));
  delivered = url;
  const link = document.createElement("a");
  link.href = url;
  link.download = data.name;
  link.textContent = data.again;
  link.className = "viewlink-again";
  place.appendChild(link);
  if (window.viewlinkDelivered !== data.nonce) {  // once per prepared file, not on each later render
    window.viewlinkDelivered = data.nonce;
    link.click();
  }
}

// The map's table alternative: every structure's row, those the map hides hidden, as its filters change (the map
// tells its page, geo/maps/controls.js); before the map has spoken, the view the run was given.
function table(data, root) {
  const place = box(root, "viewlink-table");
  const empty = document.createElement("p");
  empty.textContent = data.empty;
  const grid = document.createElement("table");
  const head = grid.createTHead().insertRow();
  data.columns.forEach((name) => {
    const cell = document.createElement("th");
    cell.scope = "col";
    cell.textContent = name;
    head.appendChild(cell);
  });
  const body = grid.createTBody();
  const rows = data.rows.map(([cells, kind, status]) => {
    const row = body.insertRow();
    cells.forEach((value) => { row.insertCell().textContent = value; });
    return { row: row, kind: kind, status: status };
  });
  place.append(empty, grid);
  const show = (state) => {
    const on = state.layers.indexOf("structures") !== -1;
    let shown = 0;
    rows.forEach((r) => {
      r.row.hidden = !(on && state.kinds.indexOf(r.kind) !== -1 && state.statuses.indexOf(r.status) !== -1);
      shown += r.row.hidden ? 0 : 1;
    });
    grid.hidden = shown === 0;
    empty.hidden = shown !== 0;
  };
  const seen = mapNow();
  show(seen ? seen.state : data.state);
  const follow = (event) => show(event.detail.state);
  window.addEventListener("carte:view", follow);
  return () => window.removeEventListener("carte:view", follow);
}
