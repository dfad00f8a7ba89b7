/** Server-only environment, parsed with zod once at start-up. Never exposed to the browser. */
import { z } from "zod";

const serverEnvSchema = z.object({
  API_PORT: z.coerce.number().int().positive().default(8000),
  API_HOST: z.string().default("127.0.0.1"),
});

export type ServerEnv = z.infer<typeof serverEnvSchema>;

let cached: ServerEnv | undefined;

export function serverEnv(): ServerEnv {
  cached ??= serverEnvSchema.parse({
    API_PORT: process.env.API_PORT || undefined,
    API_HOST: process.env.API_HOST || undefined,
  });
  return cached;
}
