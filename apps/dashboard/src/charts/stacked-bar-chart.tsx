import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { TableHead } from '../components/table-head.tsx';
import { THEME_CHANGE_EVENT } from '../components/theme-toggle.tsx';
import { OTHER_KEY, type StackedSeries } from '../shape/stacked-series.ts';
import { colorIndex, readChartColors } from './chart-colors.ts';

const AXIS_LABEL_WIDTH_PX = 64;
/**
 * Module-level, not a default parameter: the chart rebuilds whenever a prop function changes identity, and
 * a year of bars takes a few hundred ms to rebuild, so every prop must stay the same object between renders.
 */
const sameKey = (key: string) => key;

/**
 * Daily stacked bars drawn by uPlot. Stacking is data shaping (`stackDays` gives each series its
 * cumulative values); uPlot draws the cumulative series back to front, so each bar shows through only
 * its own slice, and the legend shows each series' own value for the hovered day.
 */
export function StackedBarChart({
  stacked,
  formatValue,
  formatAxis,
  labelOf = sameKey,
  weekly = false,
  title,
  heightPx = 240,
}: {
  stacked: StackedSeries;
  formatValue: (value: number) => string;
  formatAxis: (value: number) => string;
  labelOf?: (key: string) => string;
  /** True when each bar is a week of days (`inChartBuckets`), labelled by its Monday. */
  weekly?: boolean;
  title: string;
  heightPx?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const xLabel = weekly ? 'Week of' : 'Day';
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    let chart: uPlot | null = null;
    const build = () => {
      chart?.destroy();
      const colors = readChartColors();
      const drawOrder = [...stacked.series].reverse();
      const count = stacked.dates.length;
      const labelEvery = (width: number) =>
        Math.max(1, Math.ceil(count / Math.max(1, width / AXIS_LABEL_WIDTH_PX)));
      chart = new uPlot(
        {
          width: Math.max(element.clientWidth, 200),
          height: heightPx,
          scales: { x: { time: false, range: () => [-0.5, count - 0.5] } },
          cursor: { points: { show: false }, drag: { x: false, y: false } },
          legend: { live: true },
          series: [
            { label: xLabel, value: (_u, index) => (index == null ? '' : (stacked.dates[index] ?? '')) },
            ...drawOrder.map((series) => {
              const color =
                colors.series[colorIndex(stacked.series.indexOf(series), series.key === OTHER_KEY)]!;
              return {
                label: labelOf(series.key),
                fill: color,
                stroke: color,
                width: 0,
                points: { show: false },
                paths: uPlot.paths.bars!({ size: [0.7, 48] }),
                value: (_u: uPlot, _v: number | null, _s: number, index: number | null) =>
                  index == null ? '' : formatValue(series.values[index] ?? 0),
              };
            }),
          ],
          axes: [
            {
              stroke: colors.text,
              grid: { show: false },
              ticks: { stroke: colors.grid },
              splits: (u) => {
                const every = labelEvery(u.width);
                return stacked.dates.map((_, i) => i).filter((i) => (count - 1 - i) % every === 0);
              },
              values: (_u, splits) => splits.map((i) => (stacked.dates[i] ?? '').slice(5)),
            },
            {
              stroke: colors.text,
              grid: { stroke: colors.grid },
              ticks: { stroke: colors.grid },
              size: 56,
              values: (_u, splits) => splits.map(formatAxis),
            },
          ],
        },
        [stacked.dates.map((_, i) => i), ...drawOrder.map((series) => series.cumulative)],
        element,
      );
    };
    build();
    const resize = new ResizeObserver(() =>
      chart?.setSize({ width: Math.max(element.clientWidth, 200), height: heightPx }),
    );
    resize.observe(element);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', build);
    window.addEventListener(THEME_CHANGE_EVENT, build);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', build);
      window.removeEventListener(THEME_CHANGE_EVENT, build);
      chart?.destroy();
    };
  }, [stacked, formatValue, formatAxis, labelOf, xLabel, heightPx]);

  return (
    <figure class="chart">
      <div ref={container} role="img" aria-label={title} />
      <details class="chart-table">
        <summary>{title} as a table</summary>
        <div class="table-scroll">
          <table>
            <TableHead columns={[xLabel, 'Total', ...stacked.series.map((series) => labelOf(series.key))]} />
            <tbody>
              {stacked.dates.map((date, d) => (
                <tr key={date}>
                  <th scope="row">{date}</th>
                  <td>{formatValue(stacked.totals[d] ?? 0)}</td>
                  {stacked.series.map((series) => (
                    <td key={series.key}>{formatValue(series.values[d] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
