/**
 * After a submit the form refused, focus its first field marked invalid (`aria-invalid`): a
 * screen reader then reads the field with its error (`aria-describedby`), and a keyboard user
 * is where the fix is (WCAG 3.3.1, 2.4.3). Each refusal focuses again, even with the same errors.
 */
import { useEffect, useRef, useState } from 'react';

export function useFocusInvalid() {
  const form = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);
  return { form, refused: () => setRefusals((n) => n + 1) };
}
