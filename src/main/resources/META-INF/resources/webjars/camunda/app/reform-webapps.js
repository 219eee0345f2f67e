// What the webapps of 改革任务督办平台 share, imported by each app's scripts/config.js (which the
// webapps load as a module before they start).
const PRODUCT = '改革任务督办平台';

// The webapps load the preferred and the fallback locale, and the one loaded last sets the language
// of relative dates ("3 天后"): the fallback equals the browser's choice, so only one is loaded.
// English for browsers that prefer it; Chinese for everyone else.
const FIRST_LANGUAGE = (navigator.languages && navigator.languages[0]) || navigator.language || '';

export const LOCALES = {
  availableLocales: ['zh', 'en'],
  fallbackLocale: FIRST_LANGUAGE.toLowerCase().startsWith('en') ? 'en' : 'zh'
};

/**
 * The app's name and vendor for the header, and the browser tab's title: pages that add their own
 * title (Cockpit's " | 仪表板") build on the one set here.
 */
export function product(appName) {
  document.title = PRODUCT + '｜' + appName;
  return { name: appName, vendor: PRODUCT };
}
