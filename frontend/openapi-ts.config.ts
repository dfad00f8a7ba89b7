/**
 * Generates the web app's side of the API contract from docs/openapi.yaml: TypeScript types (types.gen.ts) and
 * Zod schemas (zod.gen.ts) in src/api/generated/. Run through `make schema` (scripts/schema.sh), which passes the
 * same input and output explicitly and, with --check, regenerates into a temporary folder to diff.
 */
import { defineConfig } from "@hey-api/openapi-ts";

export default defineConfig({
  input: "../docs/openapi.yaml",
  output: { path: "src/api/generated" },
  // DRF renders datetimes with an offset (+00:00 or Z); the schemas accept exactly that.
  plugins: ["@hey-api/typescript", { name: "zod", dates: { offset: true } }],
});
