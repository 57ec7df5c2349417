/** `npm run -s cost`: prints README.md's "Cost" section (lib/cost.ts). */
import { costReport } from './cost';

process.stdout.write(costReport());
