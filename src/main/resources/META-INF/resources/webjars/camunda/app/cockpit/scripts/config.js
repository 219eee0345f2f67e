// Cockpit configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
import { LOCALES, product } from '../../reform-webapps.js';

export default {
  // header and browser tab: 改革任务督办平台｜流程监控
  app: product('流程监控'),
  // Chinese, or English for browsers that prefer it
  locales: LOCALES,
  // dates as 2026-11-30 07:00 (Cockpit's own format is 2026-11-30T07:00:12)
  customScripts: ['scripts/chinese-dates'],
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
