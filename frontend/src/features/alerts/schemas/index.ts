import { z } from "zod";
import { listOf, num, optNum, optStr } from "@/lib/schema-helpers";

export const ALERT_KINDS = ["price_above", "price_below", "change_pct_above", "change_pct_below", "rsi_above", "rsi_below"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** `armed` (backend) or `active`: whether the alert can still fire; a fired alert is re-armed with PATCH {armed: true}. */
export const alertSchema = z
  .object({
    id: z.union([z.number(), z.string()]),
    symbol: z.string(),
    kind: z.enum(ALERT_KINDS),
    threshold: num,
    armed: z.boolean().optional(),
    active: z.boolean().optional(),
    triggered_at: optStr,
    triggered_value: optNum,
    created_at: optStr,
  })
  .transform(({ armed, active, ...a }) => ({ ...a, armed: armed ?? active ?? true }));
export type Alert = z.infer<typeof alertSchema>;
export const alertListSchema = listOf(alertSchema);

export const notificationSchema = z.object({
  id: z.union([z.number(), z.string()]),
  symbol: optStr,
  message: optStr,
  kind: optStr,
  created_at: optStr,
  read: z.boolean().optional(),
});
export type AlertNotification = z.infer<typeof notificationSchema>;
export const notificationListSchema = listOf(notificationSchema);

export const alertInputSchema = z.object({
  symbol: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9.-]{0,11}$/),
  kind: z.enum(ALERT_KINDS),
  threshold: z.coerce.number().finite(),
});
