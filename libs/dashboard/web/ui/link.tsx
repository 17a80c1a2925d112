import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';

import { navigate } from '../app/router.js';

type LinkProps = AnchorHTMLAttributes & { readonly href: string; readonly children: ComponentChildren };

/** A link to a dashboard page: a real `<a href>` (shareable, opens in a new tab), followed without a reload. */
export function Link({ href, children, ...rest }: LinkProps) {
  const onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(href);
  };
  return (
    <a {...rest} href={href} onClick={onClick}>
      {children}
    </a>
  );
}
