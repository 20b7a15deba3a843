// The NHS.UK frontend's marker classes, set before the page is drawn: "js-enabled" where
// scripts run, "nhsuk-frontend-supported" where its components can (browsers with ES
// modules). Its page template does this inline; a file lets the Content-Security-Policy
// forbid inline scripts.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
