import { z } from 'zod';

/** One recorded case of the ASL conformance corpus (see the corpus README). */
export const caseSchema = z.looseObject({
  name: z.string(),
  queryLanguage: z.enum(['JSONata', 'JSONPath', 'mixed']),
  features: z.array(z.string()).optional(),
  definition: z.unknown(),
  input: z.unknown(),
  expected: z.looseObject({
    status: z.enum(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']),
    output: z.unknown().optional(),
    error: z.string().optional(),
    cause: z.string().optional(),
    causeJson: z.unknown().optional(),
  }),
  recordedEventSequence: z.array(z.string()).optional(),
});
export type ConformanceCase = z.infer<typeof caseSchema>;
