/**
 * The Content-Security-Policy of every RunnerDock UI: the headless host sends it as a header and
 * the Electron session adds it to responses. No inline script, no eval, no remote anything.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
