// Zoom and pan for the route map (src/render/map.ts), with no library: the wheel zooms about the
// pointer, dragging pans, and the +, − and reset buttons do the same from the keyboard. Zooming
// scales the map's `g.zoomed` group with a transform (the legend stays put); lines keep their
// width, airport dots and labels keep their size, and each airport label shows once the zoom
// reaches its `data-min-zoom`.

const MIN = 1;
const MAX = 32;

/**
 * Makes a route-map SVG zoomable; returns the buttons to put beside it and a `zoomBy` function.
 * The current zoom is kept on the SVG as `data-zoom` (a test or a person can read it).
 */
export function zoomable(svg, make) {
  const group = svg.querySelector('g.zoomed');
  const [, , width, height] = (svg.getAttribute('viewBox') ?? '0 0 960 520').split(/\s+/).map(Number);
  let k = 1;
  let x = 0;
  let y = 0;
  const labels = [...svg.querySelectorAll('.airport-label')];
  const dots = [...svg.querySelectorAll('.airports circle')];
  const labelGroup = svg.querySelector('.airport-labels');

  function apply() {
    // Keep the map covering the frame: no panning past its edges.
    x = Math.min(0, Math.max(width - width * k, x));
    y = Math.min(0, Math.max(height - height * k, y));
    group.setAttribute('transform', `translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${k.toFixed(4)})`);
    svg.dataset.zoom = k.toFixed(2);
    labelGroup?.setAttribute('font-size', (11 / k).toFixed(3));
    for (const d of dots) d.setAttribute('r', (2.2 / Math.sqrt(k)).toFixed(3));
    for (const l of labels) l.setAttribute('visibility', k >= Number(l.dataset.minZoom) ? 'visible' : 'hidden');
    reset.disabled = k === 1;
  }

  /** Zooms by `factor` about the point (px, py) of the viewBox (default: the centre). */
  function zoomBy(factor, px = width / 2, py = height / 2) {
    const next = Math.min(MAX, Math.max(MIN, k * factor));
    x = px - ((px - x) * next) / k;
    y = py - ((py - y) * next) / k;
    k = next;
    apply();
  }

  /** A pointer event's position in viewBox units. */
  function at(e) {
    const box = svg.getBoundingClientRect();
    return [((e.clientX - box.left) / box.width) * width, ((e.clientY - box.top) / box.height) * height];
  }

  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    zoomBy(Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)), ...at(e));
  }, { passive: false });
  svg.addEventListener('dblclick', (e) => zoomBy(2, ...at(e)));

  let drag = null;
  let dragged = false;
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    drag = { start: at(e), x, y, moved: false, id: e.pointerId };
    dragged = false;
  });
  // A drag is not a click: the route under the pointer is not selected.
  svg.addEventListener('click', (e) => { if (dragged) e.stopImmediatePropagation(); }, { capture: true });
  svg.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const [px, py] = at(e);
    const dx = px - drag.start[0];
    const dy = py - drag.start[1];
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) svg.setPointerCapture(e.pointerId);
    drag.moved = true;
    x = drag.x + dx;
    y = drag.y + dy;
    apply();
  });
  const end = (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    dragged = drag.moved;
    drag = null;
  };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointercancel', end);

  const button = (label, title, onclick, cls) => make('button', { type: 'button', class: `zoom ${cls}`, title, 'aria-label': title, onclick }, label);
  const reset = button('Reset', 'show the whole map', () => { k = 1; x = 0; y = 0; apply(); }, 'zoom-reset');
  const controls = make('div', { class: 'zoom-controls' },
    button('+', 'zoom in', () => zoomBy(2), 'zoom-in'),
    button('−', 'zoom out', () => zoomBy(0.5), 'zoom-out'),
    reset);
  apply();
  return { controls, zoomBy };
}
