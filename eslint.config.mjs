import tseslint from "typescript-eslint";
import jest from "eslint-plugin-jest";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "coverage/", "tmp/", "**/*.js", "**/*.mjs"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
      "no-restricted-syntax": [
        "error",
        { selector: "NewExpression[callee.object.name='pulumi'][callee.property.name='Config']", message: "Only src/config/ reads pulumi.Config." },
      ],
    },
  },
  // The program's one config reader, and examples (other teams' programs) may read config.
  { files: ["src/config/**/*.ts", "examples/**/*.ts"], rules: { "no-restricted-syntax": "off" } },
  {
    files: ["tests/**/*.ts", "examples/**/*.test.ts"],
    ...jest.configs["flat/recommended"],
    rules: {
      ...jest.configs["flat/recommended"].rules,
      "jest/valid-expect": "error",
      "jest/no-disabled-tests": "error",
      "jest/expect-expect": ["error", { assertFunctionNames: ["expect", "expect*"] }],
    },
  },
);
