// A host app's entry (test/e2e/bundler-host.node.test.ts): it imports the npm entry `pulso`, which
// its bundler merges into its own chunk, and touches the DOM as it loads, as an app's entry does.
import { MemoryAdapter, registerAdapter } from 'pulso';

const DAY = 86_400_000;
const customers = [];
const surveys = [];
for (let i = 0; i < 60; i++) {
  customers.push({ customer_id: `C${i}`, signup_at: new Date(Date.UTC(2025, 0, 1) + i * DAY).toISOString(), churned_at: null, plan: i % 2 ? 'A' : 'B' });
  for (let m = 0; m < 6; m++) surveys.push({ at: new Date(Date.UTC(2025, m, 10 + (i % 15))).toISOString(), kind: 'nps', score: (i * 7 + m) % 11, customer_id: `C${i}` });
}
registerAdapter('host', new MemoryAdapter({ customers, activity: [], surveys, tickets: [] }));

const app = document.querySelector('#app');
const trend = document.createElement('pulso-nps-trend');
trend.setAttribute('source', 'host');
trend.setAttribute('from', '2025-01-01');
trend.setAttribute('to', '2025-07-01');
app.append(trend);
