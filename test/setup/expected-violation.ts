// The marker of a CSP violation a test provokes on purpose (see csp-guard.ts): kept apart
// so a test can import it without loading the guard a second time.
export const EXPECTED_VIOLATION = 'pulso-expected-violation';
