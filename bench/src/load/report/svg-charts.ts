/** Colors of the series, in order; chosen to stay apart for the common forms of color blindness. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#999999'];

const WIDTH = 760;
const HEIGHT = 300;
const MARGIN = { top: 30, right: 150, bottom: 50, left: 60 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const TICKS = 5;

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function color(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#000000';
}

/** Rounds the data maximum up to 1, 2 or 5 times a power of ten, for the y axis. */
export function niceMaximum(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

function yAxis(maximum: number, label: string): string {
  const parts: string[] = [];
  for (let tick = 0; tick <= TICKS; tick += 1) {
    const value = (maximum * tick) / TICKS;
    const y = MARGIN.top + PLOT_HEIGHT - (PLOT_HEIGHT * tick) / TICKS;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${y}" y2="${y}" stroke="#ddd"/>`,
      `<text x="${MARGIN.left - 6}" y="${y + 4}" text-anchor="end">${Number(value.toPrecision(3))}</text>`,
    );
  }
  parts.push(
    `<text transform="translate(14 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escapeXml(label)}</text>`,
  );
  return parts.join('');
}

function legend(names: readonly string[]): string {
  return names
    .map((name, index) => {
      const y = MARGIN.top + index * 18;
      const x = WIDTH - MARGIN.right + 12;
      return (
        `<rect x="${x}" y="${y}" width="12" height="12" fill="${color(index)}"/>` +
        `<text x="${x + 18}" y="${y + 10}">${escapeXml(name)}</text>`
      );
    })
    .join('');
}

function frame(title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" ` +
    `font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(title)}">` +
    `<text x="${WIDTH / 2}" y="16" text-anchor="middle" font-size="13">${escapeXml(title)}</text>` +
    `${body}</svg>`
  );
}

export interface BarSeries {
  name: string;
  /** One value per group; null draws no bar. */
  values: readonly (number | null)[];
}

/** Draws a grouped bar chart: one group per label, one bar per series in each group. */
export function barChart(
  title: string,
  groups: readonly string[],
  series: readonly BarSeries[],
  unit: string,
): string {
  const values = series.flatMap((entry) => entry.values.filter((value) => value !== null));
  const maximum = niceMaximum(Math.max(0, ...values));
  const groupWidth = PLOT_WIDTH / Math.max(1, groups.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, series.length);
  const bars: string[] = [];
  groups.forEach((group, groupIndex) => {
    const groupX = MARGIN.left + groupIndex * groupWidth + groupWidth * 0.1;
    series.forEach((entry, seriesIndex) => {
      const value = entry.values[groupIndex];
      if (value === null || value === undefined) return;
      const height = (PLOT_HEIGHT * value) / maximum;
      const x = groupX + seriesIndex * barWidth;
      const y = MARGIN.top + PLOT_HEIGHT - height;
      bars.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${height.toFixed(1)}" fill="${color(seriesIndex)}">` +
          `<title>${escapeXml(`${entry.name} ${group}: ${value.toFixed(2)} ${unit}`)}</title></rect>`,
      );
    });
    bars.push(
      `<text x="${(groupX + groupWidth * 0.4).toFixed(1)}" y="${MARGIN.top + PLOT_HEIGHT + 16}" text-anchor="middle">${escapeXml(group)}</text>`,
    );
  });
  return frame(
    title,
    yAxis(maximum, unit) + bars.join('') + legend(series.map((entry) => entry.name)),
  );
}

export interface LineSeries {
  name: string;
  points: readonly { x: number; y: number | null }[];
}

/** Draws a line chart over x from 0 to the largest x; a null y breaks the line. */
export function lineChart(
  title: string,
  series: readonly LineSeries[],
  axes: { x: string; y: string; yMaximum?: number },
): string {
  const points = series.flatMap((entry) => entry.points);
  const xMaximum = Math.max(1, ...points.map((point) => point.x));
  const yValues = points.flatMap((point) => (point.y === null ? [] : [point.y]));
  const yMaximum = axes.yMaximum ?? niceMaximum(Math.max(0, ...yValues));
  const toX = (x: number) => MARGIN.left + (PLOT_WIDTH * x) / xMaximum;
  const toY = (y: number) =>
    MARGIN.top + PLOT_HEIGHT - (PLOT_HEIGHT * Math.min(y, yMaximum)) / yMaximum;
  const lines = series.map((entry, index) => {
    let path = '';
    let drawing = false;
    for (const point of entry.points) {
      if (point.y === null) {
        drawing = false;
        continue;
      }
      path += `${drawing ? 'L' : 'M'}${toX(point.x).toFixed(1)} ${toY(point.y).toFixed(1)} `;
      drawing = true;
    }
    return `<path d="${path.trim()}" fill="none" stroke="${color(index)}" stroke-width="1.5"/>`;
  });
  const xLabel =
    `<text x="${MARGIN.left + PLOT_WIDTH / 2}" y="${HEIGHT - 12}" text-anchor="middle">${escapeXml(axes.x)}</text>` +
    `<text x="${MARGIN.left}" y="${MARGIN.top + PLOT_HEIGHT + 16}" text-anchor="middle">0</text>` +
    `<text x="${MARGIN.left + PLOT_WIDTH}" y="${MARGIN.top + PLOT_HEIGHT + 16}" text-anchor="middle">${xMaximum}</text>`;
  return frame(
    title,
    yAxis(yMaximum, axes.y) + xLabel + lines.join('') + legend(series.map((entry) => entry.name)),
  );
}
