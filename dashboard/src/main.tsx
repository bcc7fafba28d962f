import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { AppProviders } from './app-providers.js';
import { createI18n } from './i18n/setup-i18n.js';
import { createQueryClient } from './lib/queries.js';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <AppProviders i18n={createI18n()} queryClient={createQueryClient()}>
      <App />
    </AppProviders>
  </StrictMode>,
);
