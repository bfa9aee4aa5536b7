// Small line charts drawn as inline SVG: no library, nothing loaded from elsewhere. Colours come
// from the style sheet (classes series-0, series-1, ...), so the charts follow the dark mode.
const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 640;
const HEIGHT = 180;
const LEFT = 44;
const RIGHT = 8;
const TOP = 10;
const BOTTOM = 22;

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/** A round upper bound for an axis: 1, 2 or 5 times a power of ten, at least the maximum. */
export function niceMax(max) {
  if (!(max > 0)) {
    return 1;
  }
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((f) => f * power).find((v) => v >= max);
}

function label(value) {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
}

/**
 * A line chart of several series over the same time buckets.
 * @param {object} chart title (for screen readers), from and step (epoch ms), series: [{name, values}],
 *     area (fill under the first series)
 * @returns {SVGSVGElement} the chart
 */
export function lineChart({ title, from, step, series, area = false }) {
  const count = Math.max(1, ...series.map((s) => s.values.length));
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const x = (i) => LEFT + (count <= 1 ? 0 : (i * (WIDTH - LEFT - RIGHT)) / (count - 1));
  const y = (v) => TOP + (HEIGHT - TOP - BOTTOM) * (1 - v / max);
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart', role: 'img', 'aria-label': title });
  root.append(svg('title', {}, title));
  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    root.append(svg('line', { x1: LEFT, x2: WIDTH - RIGHT, y1: y(value), y2: y(value), class: 'grid' }));
    root.append(svg('text', { x: LEFT - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis' }, label(value)));
  }
  const minutes = Math.round((count * step) / 60000);
  for (const fraction of [0, 1 / 3, 2 / 3, 1]) {
    const i = Math.round(fraction * (count - 1));
    const ago = Math.round(minutes * (1 - fraction));
    const anchor = fraction === 0 ? 'start' : fraction === 1 ? 'end' : 'middle';
    root.append(svg('text', { x: x(i), y: HEIGHT - 6, 'text-anchor': anchor, class: 'axis' },
      ago === 0 ? 'now' : `-${ago} min`));
  }
  series.forEach((s, index) => {
    const points = s.values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    if (area && index === 0 && points.length > 0) {
      root.append(svg('polygon', { class: `fill series-${index}`,
        points: `${x(0)},${y(0)} ${points.join(' ')} ${x(s.values.length - 1)},${y(0)}` }));
    }
    const line = svg('polyline', { class: `line series-${index}`, points: points.join(' ') });
    line.append(svg('title', {}, s.name));
    root.append(line);
  });
  root.dataset.from = String(from);
  return root;
}

/** The legend of a chart: one swatch and name a series, with a figure of it (valueOf(series)). */
export function legend(series, valueOf) {
  const list = document.createElement('ul');
  list.className = 'legend';
  series.forEach((s, index) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch series-${index}`;
    item.append(swatch, `${s.name} `);
    const value = document.createElement('strong');
    value.textContent = valueOf(s);
    item.append(value);
    list.append(item);
  });
  return list;
}
