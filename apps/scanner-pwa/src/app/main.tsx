import { createRoot } from 'react-dom/client';
import { requestPersistentStorage } from '../db/persist-storage.ts';
import { registerServiceWorker } from '../lib/register-service-worker.ts';
import { App } from './app.tsx';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(<App />);
registerServiceWorker();
// The outbox may hold the only record of a pick: ask the browser never to evict it (rule 5).
void requestPersistentStorage();
