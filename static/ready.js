// The Carte's first view (ready.py): once the map is drawn, ask for the run that adds the rest of the page.
// The map tells its page it is up with a `carte:view` event on the page's window (geo/maps/controls.js); its shared
// shapes (communes, EPCI borders) may still be on their way then: each layer filled from a file is in its frame's
// `carteLayers` and fires `carte:features` once it holds them (geo/maps/encoded.py). The run is asked when they are
// all in, one frame later, so the browser paints the map before it builds the panels. If the map never speaks,
// the run is asked anyway after data.timeout milliseconds: the panels come late, never not at all.
const MAP_FRAME = "iframe[data-carte-map]";  // set by the map itself (geo/maps/keyboard.py)

export default function (component) {
  const { data, setStateValue } = component;
  let sent = false;
  const send = () => {
    if (sent) { return; }
    sent = true;
    stop();
    setStateValue("ready", true);
  };
  const painted = () => requestAnimationFrame(() => setTimeout(send, 0));
  const up = () => {
    window.removeEventListener("carte:view", up);
    whenShapesIn(painted);
  };
  const timer = setTimeout(send, data.timeout);
  const stop = () => { window.removeEventListener("carte:view", up); clearTimeout(timer); };
  window.addEventListener("carte:view", up);
  return stop;
}

// `then` once every shared layer of the page's maps holds its features.
function whenShapesIn(then) {
  const waiting = [];
  document.querySelectorAll(MAP_FRAME).forEach((frame) => {
    let layers = [];
    try { layers = frame.contentWindow.carteLayers || []; } catch (e) { /* a frame we cannot read: nothing to wait for */ }
    layers.forEach((layer) => { if (layer.getLayers().length === 0) { waiting.push(layer); } });
  });
  let left = waiting.length;
  if (left === 0) { then(); return; }
  waiting.forEach((layer) => layer.once("carte:features", () => { left -= 1; if (left === 0) { then(); } }));
}
