/** A step's heading: focused when the step appears, so screen readers and keyboards start there. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Heading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => { ref.current?.focus(); }, []);
  return <h2 tabIndex={-1} ref={ref}>{children}</h2>;
}
