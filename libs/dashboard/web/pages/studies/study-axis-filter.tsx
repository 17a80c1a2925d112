import { useState } from 'preact/hooks';
import type { Brush, ParallelData } from './study-trials.js';

/** The lowest and highest value of an axis over the drawn trials. */
function axisRange(data: ParallelData, axis: string): { min: number; max: number } {
  const values = data.trials.map((trial) => trial.values[axis]).filter((value): value is number => value !== undefined);
  return { min: Math.min(...values), max: Math.max(...values) };
}

/**
 * The brush by keyboard: an axis and a range of its values (either end may stay empty), applied as
 * the same brush a drag over that axis makes (heights scaled to the axis as drawn).
 */
export function StudyAxisFilter({
  data,
  onBrush,
}: {
  readonly data: ParallelData;
  readonly onBrush: (brush: Brush | undefined) => void;
}) {
  const [axis, setAxis] = useState(data.dimensions[0] ?? '');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const { min, max } = axisRange(data, axis);
  const scaled = (value: number) => (max === min ? 0.5 : (value - min) / (max - min));
  const apply = (event: Event) => {
    event.preventDefault();
    const low = from.trim() === '' ? min : Number(from);
    const high = to.trim() === '' ? max : Number(to);
    if (!Number.isFinite(low) || !Number.isFinite(high)) return;
    onBrush({ dimensions: [axis], low: scaled(Math.min(low, high)), high: scaled(Math.max(low, high)) });
  };
  const clear = () => {
    setFrom('');
    setTo('');
    onBrush(undefined);
  };
  return (
    <form class="form-row" onSubmit={apply} aria-label="Filter the trials by a parameter">
      <div>
        <label for="axis-filter-axis">Parameter</label>
        <select id="axis-filter-axis" value={axis} onChange={(event) => setAxis(event.currentTarget.value)}>
          {data.dimensions.map((dimension) => (
            <option key={dimension} value={dimension}>
              {dimension}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="axis-filter-from">From</label>
        <input
          id="axis-filter-from"
          inputMode="decimal"
          placeholder={String(+min.toPrecision(4))}
          value={from}
          onInput={(event) => setFrom(event.currentTarget.value)}
        />
      </div>
      <div>
        <label for="axis-filter-to">To</label>
        <input
          id="axis-filter-to"
          inputMode="decimal"
          placeholder={String(+max.toPrecision(4))}
          value={to}
          onInput={(event) => setTo(event.currentTarget.value)}
        />
      </div>
      <button type="submit" class="secondary">
        Filter
      </button>
      <button type="button" class="secondary" onClick={clear}>
        Show all
      </button>
    </form>
  );
}
