/** The Studio console: sign-in, workflows (list and builder) and results, served at /console/. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import './i18n';
import { App } from './App';

createRoot(document.getElementById('root')!).render(<App />);
