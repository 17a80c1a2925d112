import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

/** A page's heading (`h1#page-title`, focused after navigation so screen readers announce the new page) and the document title. */
export function PageTitle({ children, text }: { readonly children?: ComponentChildren; readonly text: string }) {
  useEffect(() => {
    document.title = `${text} · MLOps suite`;
  }, [text]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children ?? text}
    </h1>
  );
}
