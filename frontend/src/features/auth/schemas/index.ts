/** Zod schemas for auth and the user's profile. */
import { z } from "zod";
import { optStr } from "@/lib/schema-helpers";

export const tokenPairSchema = z.object({ access: z.string().min(1), refresh: z.string().min(1) });
export type TokenPair = z.infer<typeof tokenPairSchema>;

export const meSchema = z.object({
  id: z.union([z.number(), z.string()]),
  username: z.string(),
  email: z.string().nullish().transform((v) => v ?? ""),
  display_name: optStr,
  language: z.enum(["ko", "en"]).catch("ko"),
  base_currency: optStr,
});
export type Me = z.infer<typeof meSchema>;

export const signInInputSchema = z.object({ username: z.string().trim().min(1), password: z.string().min(1) });
export const signUpInputSchema = z
  .object({
    username: z.string().trim().min(1).max(150),
    email: z.email(),
    password: z.string().min(8),
    password_confirm: z.string(),
  })
  .refine((v) => v.password === v.password_confirm, { path: ["password_confirm"] });
