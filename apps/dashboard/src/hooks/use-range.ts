import { useCallback } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import {
  parseRangeQuery,
  RANGE_QUERY_NAMES,
  type RangeSelection,
  rangeParams,
  rangeQueryString,
} from '../range/range-presets.ts';

/**
 * The selected range lives in the page's query string, so a reload, a shared link and the back button
 * all keep it, and moving between pages carries it along.
 */
export function useRange(): {
  selection: RangeSelection;
  params: Record<string, string>;
  setSelection: (selection: RangeSelection) => void;
} {
  const location = useLocation();
  const selection = parseRangeQuery(location.query);
  const setSelection = useCallback(
    (next: RangeSelection) => {
      const others = new URLSearchParams(location.query);
      for (const name of RANGE_QUERY_NAMES) others.delete(name);
      const rest = others.toString();
      location.route(`${location.path}?${rangeQueryString(next)}${rest ? `&${rest}` : ''}`);
    },
    [location],
  );
  return { selection, params: rangeParams(selection), setSelection };
}
