/** Undo/redo over immutable values: every edit pushes the present onto the past. */
import { useCallback, useState } from 'react';

interface State<T> { past: T[]; present: T; future: T[] }
const LIMIT = 200;

export function useHistory<T>(initial: T) {
  const [s, setS] = useState<State<T>>({ past: [], present: initial, future: [] });
  const set = useCallback((next: T) => setS((c) => (next === c.present ? c : { past: [...c.past, c.present].slice(-LIMIT), present: next, future: [] })), []);
  const undo = useCallback(() => setS((c) => {
    const prev = c.past.at(-1);
    return prev === undefined ? c : { past: c.past.slice(0, -1), present: prev, future: [c.present, ...c.future] };
  }), []);
  const redo = useCallback(() => setS((c) => {
    const [next, ...rest] = c.future;
    return next === undefined ? c : { past: [...c.past, c.present], present: next, future: rest };
  }), []);
  /** Starts over from `value` (a loaded version): nothing to undo. */
  const reset = useCallback((value: T) => setS({ past: [], present: value, future: [] }), []);
  return { present: s.present, set, undo, redo, reset, canUndo: s.past.length > 0, canRedo: s.future.length > 0 };
}
