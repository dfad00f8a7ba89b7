/** Types and form inputs for auth and the user's profile; responses are parsed with the generated schemas (src/api). */
import { z } from "zod";
import type { UserOutput } from "@/api";

export type Me = UserOutput;

export const signInInputSchema = z.object({ username: z.string().trim().min(1), password: z.string().min(1) });
export const signUpInputSchema = z
  .object({
    username: z.string().trim().min(1).max(150),
    email: z.email(),
    password: z.string().min(8),
    password_confirm: z.string(),
  })
  .refine((v) => v.password === v.password_confirm, { path: ["password_confirm"] });
