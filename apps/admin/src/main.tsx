import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { restoreSession } from './auth/auth-actions';
import { ToastProvider } from './components/Toast';
import { I18nProvider } from './i18n/I18nProvider';
import { startHandoverQueueSync } from './offline/handover-queue';
import { registerServiceWorker } from './offline/register-service-worker';
import { router } from './router';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/pages.css';
import './styles/media.css';
import './styles/mobile.css';
import './styles/field.css';

// a reload keeps the session: trade the tab's refresh token for a new pair before the first page needs it
void restoreSession();
// handovers kept on this device: sent when a session starts and whenever the connection returns
startHandoverQueueSync();
registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </I18nProvider>
  </StrictMode>,
);
