/** The watchlist format: what the importers write, the seed list holds and stores return. */
import { z } from 'zod';

/** Which breakdown area of the report an entry counts towards. */
export const WatchlistCategory = z.enum(['sanction', 'politically_exposed_person', 'monitored_lists']);
export type WatchlistCategory = z.infer<typeof WatchlistCategory>;

export const WatchlistEntry = z.object({
  /** Stable id: `<source>:<id in the source>`, e.g. `ofac-sdn:6365` or `un:QDi.006`. */
  id: z.string().min(1),
  category: WatchlistCategory,
  entity_type: z.enum(['individual', 'entity', 'vessel', 'aircraft']),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the source gives. */
  dates_of_birth: z.array(z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)).default([]),
  /** ISO 3166-1 alpha-3 codes of nationality or citizenship. */
  nationalities: z.array(z.string().regex(/^[A-Z]{3}$/)).default([]),
  source: z.object({
    name: z.string(),                  // "OFAC SDN", "UN Security Council Consolidated List"
    reference: z.string().optional(),  // OFAC ent_num / UN reference number
    programs: z.array(z.string()).default([]),
    listed_on: z.string().optional(),
    url: z.string().optional(),
  }),
  remarks: z.string().optional(),
});
export type WatchlistEntry = z.infer<typeof WatchlistEntry>;
export type WatchlistEntryInput = z.input<typeof WatchlistEntry>;

export const WatchlistFile = z.object({
  description: z.string().optional(),
  generated_at: z.string().optional(),
  entries: z.array(WatchlistEntry),
});
export type WatchlistFile = z.infer<typeof WatchlistFile>;
