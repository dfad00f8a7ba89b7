import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const results = await eslint.lintText(code, { filePath });
  return results
    .flatMap((result) => result.messages).filter((m) => m.ruleId === "import/no-restricted-paths").map((m) => m.message);
}

// The first lint loads every plugin and config (seconds on a busy machine); later ones take milliseconds.
const LOAD_TIMEOUT_MS = 120_000;

describe("import boundaries", () => {
  beforeAll(async () => {
    await eslint.lintText("export {};\n", { filePath: "src/lib/warm-up.ts" });
  }, LOAD_TIMEOUT_MS);

  it("refuses a feature importing another feature", async () => {
    const errors = await boundaryErrors(
      "src/features/portfolio/components/probe.tsx",
      'import { SymbolAutocomplete } from "@/features/stocks/components/symbol-autocomplete";\nexport const probe = SymbolAutocomplete;\n',
    );
    expect(errors).toEqual([expect.stringContaining("Features never import each other")]);
  });

  it("refuses shared code importing a feature", async () => {
    const errors = await boundaryErrors(
      "src/lib/probe.ts",
      'import { SymbolAutocomplete } from "@/features/stocks/components/symbol-autocomplete";\nexport const probe = SymbolAutocomplete;\n',
    );
    expect(errors).toEqual([expect.stringContaining("Shared code")]);
  });

  it("lets the app compose features and a feature use its own and shared code", async () => {
    expect(
      await boundaryErrors(
        "src/app/probe.tsx",
        'import { SymbolAutocomplete } from "@/features/stocks/components/symbol-autocomplete";\nexport const probe = SymbolAutocomplete;\n',
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        "src/features/stocks/components/probe.tsx",
        'import { SymbolAutocomplete } from "@/features/stocks/components/symbol-autocomplete";\nimport { apiRequest } from "@/lib/api-client";\nexport const probe = [SymbolAutocomplete, apiRequest];\n',
      ),
    ).toEqual([]);
  });
});
