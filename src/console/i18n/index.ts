import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export const LANGUAGES = [{ value: 'en', label: 'English' }, { value: 'zh-CN', label: '简体中文' }] as const;
const KEY = 'microlend.console.language';

/** English and Simplified Chinese; the browser's language first, then what the user picked. */
export function startI18n(): typeof i18n {
  const saved = localStorage.getItem(KEY);
  const lng = saved ?? (navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng, fallbackLng: 'en', interpolation: { escapeValue: false },
  });
  i18n.on('languageChanged', (l) => {
    localStorage.setItem(KEY, l);
    document.documentElement.lang = l;
  });
  document.documentElement.lang = lng;
  return i18n;
}
