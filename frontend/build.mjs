// Builds the front-end files the pages load into build/static/, the one folder of them that
// Django collects (STATICFILES_DIRS): the NHS.UK frontend's styles compiled without its
// public web font (nhsuk.scss), its script and icons, and htmx. Only these, so that
// collectstatic hashes and compresses a few dozen files, not the packages' thousand.
// Run by `npm run build`, which `make run`, `make test`, `make serve` and the Dockerfile run.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { compile } from "sass";

const out = "build/static";
const nhsuk = "node_modules/nhsuk-frontend/dist/nhsuk";

rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/rotaplan`, { recursive: true });
const styles = compile("frontend/nhsuk.scss", { loadPaths: ["node_modules"], style: "compressed" });
writeFileSync(`${out}/rotaplan/nhsuk.css`, styles.css);
for (const file of ["nhsuk-frontend.min.js", "nhsuk-frontend.min.js.map"]) {
  cpSync(`${nhsuk}/${file}`, `${out}/nhsuk/${file}`);
}
cpSync(`${nhsuk}/assets/images`, `${out}/nhsuk/assets/images`, { recursive: true });
cpSync("node_modules/htmx.org/dist/htmx.min.js", `${out}/htmx/htmx.min.js`);
