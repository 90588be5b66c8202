// Loaded first on the strict-CSP test page. Every Content-Security-Policy violation (the
// Trusted Types ones included) is rethrown as an uncaught error, which fails the running
// test (or the file) with the directive and the blocked source named. The one exception
// is a violation a test provokes on purpose to prove the policy is enforced: its sample
// (the start of the blocked value, or the refused policy name) carries EXPECTED_VIOLATION.
import { EXPECTED_VIOLATION } from './expected-violation.js';

document.addEventListener('securitypolicyviolation', (e) => {
  if (e.sample.includes(EXPECTED_VIOLATION)) return;
  const where = `${e.sourceFile || 'page'}:${e.lineNumber}`;
  const what = `${e.violatedDirective} blocked ${e.blockedURI || 'inline code'} at ${where}${e.sample ? ` (${e.sample})` : ''}`;
  setTimeout(() => {
    throw new Error(`CSP violation: ${what}`);
  });
});
