import '@mantine/core/styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { startI18n } from './i18n';

startI18n();
createRoot(document.getElementById('root')!).render(<App />);
