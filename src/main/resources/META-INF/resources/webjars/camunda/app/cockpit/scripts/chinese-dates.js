// Dates in Cockpit the Chinese way: Cockpit writes dates as 2026-11-30T07:00:12 (its own format,
// which config.js dateFormat does not change). Loaded through config.js customScripts, which run
// before the app starts, so the format is set before any date is shown: 2026-11-30 07:00.
import { LOCALES } from '../../reform-webapps.js';

const cockpit = window.angular.module('cam.cockpit');

cockpit.config(['camDateFormatProvider', (formats) => {
  formats.setDateFormat('YYYY-MM-DD HH:mm', 'normal');
  if (LOCALES.fallbackLocale === 'zh') {
    formats.setDateFormat('YYYY年M月D日 HH:mm', 'abbr');
    formats.setDateFormat('YYYY年M月D日 dddd HH:mm', 'long');
    formats.setDateFormat('YYYY年M月D日', 'short');
  }
}]);

export default [];
