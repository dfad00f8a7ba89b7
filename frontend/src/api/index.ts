/**
 * The API contract in TypeScript: `generated/schema.ts` is written by `make schema` (openapi-typescript) from
 * docs/openapi.yaml, which drf-spectacular writes from the serializers that render each response. A feature's
 * Zod schema declares `satisfies z.ZodType<ApiSchema<"Name">>`, so the web app stops compiling when the
 * backend's contract and the schema disagree.
 */
import type { components } from "./generated/schema";

export type ApiSchema<Name extends keyof components["schemas"]> = components["schemas"][Name];
