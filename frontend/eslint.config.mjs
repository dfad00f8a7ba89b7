import { readdirSync } from "node:fs";

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Import boundaries (bulletproof-react): app -> features -> shared. A feature never imports another feature
// (the app composes them, e.g. passing a stocks component into a portfolio form), and shared code imports
// neither features nor the app. `src/__tests__/boundaries.test.ts` proves a wrong import fails the lint.
const FEATURES = readdirSync(new URL("./src/features", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const SHARED = ["api", "components", "lib", "i18n", "stores"];

export const boundaryZones = [
  ...FEATURES.map((feature) => ({
    target: `./src/features/${feature}`,
    from: "./src/features",
    except: [`./${feature}`],
    message: "Features never import each other: compose them in src/app, or move the shared piece to src/components or src/lib.",
  })),
  {
    target: "./src/features",
    from: "./src/app",
    message: "Features must not import the app layer (src/app); the app imports features.",
  },
  ...SHARED.map((shared) => ({
    target: `./src/${shared}`,
    from: ["./src/features", "./src/app"],
    message: "Shared code (api, components, lib, i18n, stores) must not import features or the app.",
  })),
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "import/no-restricted-paths": ["error", { zones: boundaryZones }],
    },
  },
  {
    // A test composes features the way src/app does (e.g. a portfolio form given the stocks autocomplete).
    files: ["src/features/*/__tests__/**"],
    rules: { "import/no-restricted-paths": ["error", { zones: boundaryZones.filter((zone) => zone.from !== "./src/features") }] },
  },
  { ignores: [".next/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
];

export default config;
