import { z } from "zod";
import { listOf, num, optNum, optStr } from "@/lib/schema-helpers";

const lastPrice = z.object({ price: optNum, change: optNum, change_percent: optNum, date: optStr, source: optStr });

/** Backend rows carry `price` as an object {price, change, change_percent, date, source} or null; flat numbers work too. */
export const watchItemSchema = z
  .object({
    id: z.union([z.number(), z.string()]),
    symbol: z.string(),
    name: optStr,
    notes: optStr,
    price: z.union([num, lastPrice]).nullish(),
    change: optNum,
    change_percent: optNum,
  })
  .transform(({ price, ...w }) => {
    const p = typeof price === "object" && price !== null ? price : null;
    return {
      ...w,
      price: p ? p.price : typeof price === "number" ? price : null,
      change: p ? p.change : w.change,
      change_percent: p ? p.change_percent : w.change_percent,
    };
  });
export type WatchItem = z.infer<typeof watchItemSchema>;
export const watchListSchema = listOf(watchItemSchema);
