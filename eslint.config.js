// ESLint flat config. `npm run lint` (part of `npm test`) must report zero problems, warnings included.
// Formatting is Prettier's job (`npm run format`); eslint-config-prettier, last, turns off every rule
// that would disagree with it.
//
// typescript-eslint's type-aware presets are not used: on this 2-core machine they took ~120 s of CPU
// against ~25 s for the whole lint without them, and `tsc` (also in `npm test`) already checks types.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "build/",
      "public/build/",
      "app/generated/",
      "node_modules/",
      "var/",
      "test-results/",
      "playwright-report/",
      "bench/results/",
      ".cache/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `const { secret: _secret, ...rest } = row` is how the code drops a field: a leading underscore
      // marks a name as deliberately unused.
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
      // Type-only imports say so (`import type`, `import { type X }`); with isolatedModules they are erased.
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports", disallowTypeAnnotations: false }],
      // `interface AppLoadContext extends TremplinLoadContext {}` is how a module's interface is augmented.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      // Cheap checks that need no type information.
      eqeqeq: ["error", "smart"],
      "array-callback-return": "error",
      "default-case-last": "error",
      "no-constructor-return": "error",
      "no-new-wrappers": "error",
      "no-self-compare": "error",
      "no-template-curly-in-string": "error",
      "no-unreachable-loop": "error",
      "no-useless-rename": "error",
      "prefer-object-has-own": "error",
      radix: "error",
    },
  },
  {
    // React code only. Playwright fixtures call a `use` callback that rules-of-hooks takes for React's
    // `use`, and the React Compiler behind the other hook rules is the slowest part of the lint, so
    // server modules and the pure domain are left out.
    files: ["app/**/*.{ts,tsx}", "emails/**/*.tsx"],
    ignores: ["app/**/*.server.ts", "app/domain/**"],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ["**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
    rules: {
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable table wrapper is a focusable `role="region"` so keyboard users can scroll it
      // (axe: scrollable-region-focusable); the preset already allows the same for tabpanel.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
  {
    // Playwright reads a fixture's first parameter, which must be a destructuring pattern even when empty.
    files: ["tests/e2e/**/*.ts"],
    rules: { "no-empty-pattern": ["error", { allowObjectPatternsAsParameters: true }] },
  },
  prettier,
);
