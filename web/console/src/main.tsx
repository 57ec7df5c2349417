/** The Studio console: sign-in, workflows (list and builder) and results, served at /console/. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import i18n from './i18n';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';

/** What an error no page caught leaves: words and a way out, rather than a blank page. */
const Crashed = ({ error }: { error: Error }) => (
  <main className="page">
    <p role="alert" className="error">{i18n.t('keep.appCrashed', { message: error.message })}</p>
    <button type="button" onClick={() => location.reload()}>{i18n.t('keep.reloadPage')}</button>
  </main>
);

createRoot(document.getElementById('root')!).render(<ErrorBoundary fallback={(error) => <Crashed error={error} />}><App /></ErrorBoundary>);
