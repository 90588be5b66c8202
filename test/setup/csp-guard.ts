// Loaded first on the strict-CSP test page. Every Content-Security-Policy violation is
// rethrown as an uncaught error, which fails the running test (or the file) with the
// directive and the blocked source named.
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile || 'page'}:${e.lineNumber}`;
  const what = `${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} at ${where}`;
  setTimeout(() => {
    throw new Error(`CSP violation: ${what}`);
  });
});
