/**
 * The API contract in the web app. `generated/` is written by `make schema` (@hey-api/openapi-ts) from
 * docs/openapi.yaml, which drf-spectacular writes from the serializers that render each response: `zod.gen.ts`
 * holds a Zod schema per component and per operation response (`z<Operation>Response`), `types.gen.ts` the
 * matching TypeScript types. Every fetcher parses its response with one of these schemas (or with an extension
 * from ./open-fields where the contract leaves an object open), so a response that breaks the contract fails
 * loudly instead of rendering a blank panel. Never edit `generated/` by hand.
 */
export * from "./generated/zod.gen";
export type * from "./generated/types.gen";
export * from "./open-fields";
