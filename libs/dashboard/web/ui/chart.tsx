import type { TopLevelSpec } from '@mlops/charts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { View } from 'vega';

/** How a page uses a drawn chart (listen to clicks on marks, brush ...). */
export type ChartViewHandler = (view: View) => (() => void) | undefined;

/**
 * A chart from a @mlops/charts spec (the same spec the PDF report draws), rendered by vega as SVG.
 * vega and vega-lite load on the first chart only (a chunk of their own). `label` describes the
 * figure to screen readers; `onView` gets the vega view once drawn (its return value runs on unmount).
 */
export function Chart({
  spec,
  label,
  width = 640,
  onView,
}: {
  readonly spec: TopLevelSpec;
  readonly label: string;
  readonly width?: number;
  readonly onView?: ChartViewHandler;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  useEffect(() => {
    const element = container.current;
    if (!element) return undefined;
    let view: View | undefined;
    let release: (() => void) | undefined;
    let cancelled = false;
    import('./vega-render.js')
      .then(({ renderSpec }) => renderSpec(element, spec, width))
      .then((drawn) => {
        if (cancelled) return drawn.finalize();
        view = drawn;
        release = onView?.(drawn);
        return undefined;
      })
      .catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      cancelled = true;
      if (release) release();
      view?.finalize();
    };
  }, [spec, width, onView]);
  return (
    <figure class="chart">
      <div ref={container} role="img" aria-label={label} />
      {failure ? <p class="problem">The chart could not be drawn: {failure}</p> : null}
    </figure>
  );
}
