// Cockpit configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
// The webapps load the preferred and the fallback locale, and the one loaded last sets the language
// of relative dates ("3 天后"): the fallback equals the browser's choice, so only one is loaded.
// English for browsers that prefer it; Chinese for everyone else.
const FIRST_LANGUAGE = (navigator.languages && navigator.languages[0]) || navigator.language || '';
const FALLBACK_LOCALE = FIRST_LANGUAGE.toLowerCase().startsWith('en') ? 'en' : 'zh';

export default {
  app: {
    name: '流程监控',
    vendor: '改革任务督办平台'
  },
  // the browser tab shows the product's name
  customScripts: ['scripts/brand-title'],
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: FALLBACK_LOCALE
  },
  dateFormat: {
    normal: 'YYYY-MM-DD HH:mm:ss'
  },
  runtimeActivityInstanceMetrics: {
    display: true
  },
  historicActivityInstanceMetrics: {
    adjustablePeriod: true,
    period: {
      unit: 'month'
    }
  }
};
