/** Types and the form input of the alert endpoints; responses are parsed with the generated schemas (src/api). */
import { z } from "zod";
import { zKindEnum, type AlertOutput, type KindEnum, type NotificationOutput } from "@/api";

export const ALERT_KINDS = zKindEnum.options;
export type AlertKind = KindEnum;

/** `armed`: whether the alert can still fire; a fired alert is re-armed with PATCH {armed: true}. */
export type Alert = AlertOutput;
export type AlertNotification = NotificationOutput;

export const alertInputSchema = z.object({
  symbol: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9.-]{0,11}$/),
  kind: zKindEnum,
  threshold: z.coerce.number().finite(),
});
