const SERIES_VARIABLES = ['--c1', '--c2', '--c3', '--c4', '--c5', '--c6', '--c7', '--c8'];

/**
 * Canvas charts cannot use CSS variables, so the theme's colours are read from the stylesheet when a
 * chart is built (and again after a theme change).
 */
export function readChartColors(): { series: string[]; text: string; grid: string } {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    series: SERIES_VARIABLES.map((name) => read(name, '#888')),
    text: read('--muted', '#666'),
    grid: read('--grid', '#8883'),
  };
}

/** The same colour index for the same key across charts and legends of one page. */
export function colorIndex(index: number, otherKey: boolean): number {
  return otherKey ? SERIES_VARIABLES.length - 1 : index % (SERIES_VARIABLES.length - 1);
}
