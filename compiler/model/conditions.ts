/** Conditions of logic branches: `{all}`, `{any}`, `{not}` or a comparison `{path, op, value?}`. */
import { z } from 'zod';

export const OPS = [
  'eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'in', 'not_in', 'contains', 'not_contains',
  'exists', 'not_exists', 'is_empty', 'is_not_empty', 'before', 'after',
] as const;
export const Op = z.enum(OPS);
export type Op = z.infer<typeof Op>;

/** `input.applicant.<field>`, `input.custom.<name>` or `tasks.<task id>.output[.<path>]`. */
export const PATH_PATTERN = /^(input\.(applicant|custom)\.[A-Za-z0-9_]+|tasks\.[a-z0-9_]{1,64}\.output)((\.[A-Za-z0-9_]+)|(\[\d+\]))*$/;
export const DataPath = z.string().regex(PATH_PATTERN, {
  message: 'a path is input.applicant.<field>, input.custom.<name> or tasks.<task id>.output.<path> (dots and [n])',
});

/** A signed ISO-8601 duration such as -P18Y or P1M2DT3H. */
export const DURATION_PATTERN = /^[+-]?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

const Literal = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.boolean()]))]);
export const PathValue = z.object({ path: DataPath }).strict();
export const RelativeDate = z.object({
  relative: z.string().regex(DURATION_PATTERN, { message: 'a relative date is a signed ISO-8601 duration such as -P18Y' }),
}).strict();
export const ComparisonValue = z.union([Literal, PathValue, RelativeDate]);
export type ComparisonValue = z.infer<typeof ComparisonValue>;

export const Comparison = z.object({ path: DataPath, op: Op, value: ComparisonValue.optional() }).strict();
export type Comparison = z.infer<typeof Comparison>;

export type Condition =
  | Comparison
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    Comparison,
    z.object({ all: z.array(Condition).min(1) }).strict(),
    z.object({ any: z.array(Condition).min(1) }).strict(),
    z.object({ not: Condition }).strict(),
  ]),
);
