import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../lib/register-service-worker.ts';
import { App } from './app.tsx';
import './global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(<App />);
registerServiceWorker();
