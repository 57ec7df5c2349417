/**
 * A status that screen readers speak: a polite live region (`role="status"`). They announce a
 * region's changes only once the region is in the accessibility tree, and often say nothing of
 * one that appears with its text already in it; so the element is always rendered (empty when
 * there is nothing to say, then hidden but still in the tree: app.css `.status:empty`), its first
 * text comes a moment after it appears, and each later text replaces the last in the same element.
 */
import { useEffect, useState } from 'react';

/** How long a new region stays empty before its first text, so the accessibility tree has it (react-aria's announcer waits as long). */
export const FIRST_TEXT_DELAY_MS = 100;

interface Props {
  /** What to say now; nothing empties the region (it stays in the page). */
  text?: string;
  /** A spinner before the text (hidden from screen readers). */
  spinner?: boolean;
  className?: string;
  id?: string;
}

export function LiveStatus({ text, spinner = false, className = 'status', id }: Props) {
  const [known, setKnown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setKnown(true), FIRST_TEXT_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <p id={id} role="status" aria-live="polite" className={className}>
      {known && text ? <>{spinner && <span className="spinner" aria-hidden="true" />}{text}</> : null}
    </p>
  );
}
