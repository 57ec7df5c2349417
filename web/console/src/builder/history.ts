/** Undo/redo over immutable values: every edit pushes the present onto the past. */
import { useCallback, useState } from 'react';

export interface History<T> { past: T[]; present: T; future: T[] }
const LIMIT = 200;

export const start = <T>(value: T): History<T> => ({ past: [], present: value, future: [] });
export const push = <T>(h: History<T>, next: T): History<T> =>
  (next === h.present ? h : { past: [...h.past, h.present].slice(-LIMIT), present: next, future: [] });
export function undo<T>(h: History<T>): History<T> {
  const prev = h.past.at(-1);
  return prev === undefined ? h : { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
}
export function redo<T>(h: History<T>): History<T> {
  const [next, ...rest] = h.future;
  return next === undefined ? h : { past: [...h.past, h.present], present: next, future: rest };
}

export function useHistory<T>(initial: T) {
  const [s, setS] = useState<History<T>>(() => start(initial));
  return {
    present: s.present, canUndo: s.past.length > 0, canRedo: s.future.length > 0,
    set: useCallback((next: T) => setS((c) => push(c, next)), []),
    undo: useCallback(() => setS(undo), []),
    redo: useCallback(() => setS(redo), []),
    /** Starts over from `value` (a loaded version): nothing to undo. */
    reset: useCallback((value: T) => setS(start(value)), []),
  };
}
