import { useState } from 'preact/hooks';
import { useSession } from '../auth/session.ts';
import { Segmented } from '../components/segmented.tsx';
import { customRangeError, PRESETS, type RangeSelection, selectionDates } from './range-presets.ts';

/** Preset buttons (the API's named ranges) and a custom from–to form; the choice goes into the URL. */
export function RangePicker({
  selection,
  onChange,
}: {
  selection: RangeSelection;
  onChange: (selection: RangeSelection) => void;
}) {
  const { user } = useSession();
  const dates = selectionDates(selection, Date.now(), user.timezone);
  const [start, setStart] = useState(dates.start);
  const [end, setEnd] = useState(dates.end);
  const [error, setError] = useState<string | null>(null);
  const isCustom = selection.kind === 'custom';

  function applyCustom(event: SubmitEvent) {
    event.preventDefault();
    const problem = customRangeError(start, end);
    setError(problem);
    if (!problem) onChange({ kind: 'custom', start, end });
  }

  return (
    <div class="range-picker">
      <Segmented label="Range" wrap>
        {PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            data-range={preset.id}
            aria-pressed={selection.kind === 'preset' && selection.id === preset.id}
            onClick={() => onChange({ kind: 'preset', id: preset.id })}
          >
            {preset.label}
          </button>
        ))}
      </Segmented>
      <details class="custom-range" open={isCustom}>
        <summary>Custom{isCustom ? `: ${dates.start} – ${dates.end}` : ''}</summary>
        <form onSubmit={applyCustom} class="inline-form">
          <label>
            From
            <input
              type="date"
              name="start"
              value={start}
              onInput={(e) => setStart(e.currentTarget.value)}
              required
            />
          </label>
          <label>
            To
            <input
              type="date"
              name="end"
              value={end}
              onInput={(e) => setEnd(e.currentTarget.value)}
              required
            />
          </label>
          <button type="submit">Apply</button>
          {error && (
            <span class="error" role="alert">
              {error}
            </span>
          )}
        </form>
      </details>
      <p class="muted small range-dates" aria-live="polite">
        {dates.start === dates.end ? dates.start : `${dates.start} – ${dates.end}`} · {user.timezone}
      </p>
    </div>
  );
}
