// Starts the NHS.UK frontend's components (the header's menu, the error summary's focus,
// buttons, radios with conditional questions), as its page template does inline; a file
// lets the Content-Security-Policy forbid inline scripts. The import names the frontend's
// file without its hashed name (collectstatic does not rewrite imports), which WhiteNoise
// serves too.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

initAll();
