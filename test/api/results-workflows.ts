/** Workflows of the results tests: a watchlist report decides approve (clear) or review (consider: last name "Consider"). */
import type { Json } from '../e2e/helpers';

export const SCREEN: Json = {
  name: 'Screen', start: 'watch',
  tasks: [
    { id: 'watch', type: 'watchlist_report', name: 'Screening', next: 'decide' },
    { id: 'decide', type: 'logic', name: 'Decide',
      branches: [{ name: 'Clear', when: { path: 'tasks.watch.output.result', op: 'eq', value: 'clear' }, next: 'approve' }], else: 'review' },
    { id: 'approve', type: 'result', outcome: 'approve', reasons: ['clear'] },
    { id: 'review', type: 'result', outcome: 'review', reasons: ['watchlist_hit'] },
  ],
};
