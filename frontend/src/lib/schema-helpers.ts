/** Small zod building blocks shared by every feature's schemas. */
import { z } from "zod";

/** A number that the API may send as a JSON number or a decimal string (DRF DecimalField). */
export const num = z.union([
  z.number(),
  z
    .string()
    .regex(/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?%?$/)
    .transform((s) => Number.parseFloat(s)),
]);

export const nullableNum = num.nullable();
/** Optional and nullable number, normalised to `number | null`. */
export const optNum = num.nullish().transform((v) => v ?? null);
export const optStr = z.string().nullish().transform((v) => v ?? null);

/** Accepts a plain array or a DRF paginated envelope and yields the array. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.union([
    z.array(item),
    z.object({ results: z.array(item) }).transform((v) => v.results),
  ]);
}
