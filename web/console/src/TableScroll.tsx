/**
 * A table that may be wider than the screen scrolls sideways in a box of its own, not the whole
 * page (WCAG 2.1 1.4.10 Reflow at 320 px). The box is a group named as its table (a region would
 * repeat the landmark of the page section it sits in) and is focusable, so a keyboard user can
 * scroll it with the arrow keys.
 */
import type { ReactNode } from 'react';

type Name = { label: string; labelledBy?: never } | { labelledBy: string; label?: never };

export function TableScroll({ children, ...name }: Name & { children: ReactNode }) {
  return (
    <div className="table-scroll" role="group" tabIndex={0} {...(name.labelledBy ? { 'aria-labelledby': name.labelledBy } : { 'aria-label': name.label })}>
      {children}
    </div>
  );
}
