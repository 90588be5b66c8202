/// <reference types="pulso/react" />
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryAdapter } from 'pulso'; // importing pulso defines every <pulso-*> element

// Rows the app already has; for an API, new JsonAdapter({ base: '/api/cs' }).
const adapter = new MemoryAdapter({
  surveys: [
    { at: '2025-03-03', kind: 'csat', score: 5, channel: 'chat' },
    { at: '2025-03-05', kind: 'csat', score: 4, channel: 'chat' },
    { at: '2025-03-10', kind: 'csat', score: 2, channel: 'phone' },
    { at: '2025-03-12', kind: 'csat', score: 3, channel: 'phone' },
    { at: '2025-03-20', kind: 'csat', score: 5, channel: 'email' },
  ],
});

function App() {
  const [channel, setChannel] = useState('');
  return (
    <>
      <pulso-kpi adapter={adapter} metric="csat" from="2025-03-01" to="2025-04-01" />
      <pulso-channel-csat
        adapter={adapter}
        from="2025-03-01"
        to="2025-04-01"
        onpulso-select={(event) => setChannel(event.detail.filters.channel ?? '')}
      />
      <p>Chosen channel: <output>{channel}</output></p>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
