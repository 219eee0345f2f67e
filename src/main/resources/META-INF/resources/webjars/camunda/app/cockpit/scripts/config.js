// Cockpit configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
import { LOCALES } from '../../reform-locale.js';

export default {
  app: {
    name: '流程监控',
    vendor: '改革任务督办平台'
  },
  // the browser tab shows the product's name
  customScripts: ['scripts/brand-title'],
  // Chinese, or English for browsers that prefer it
  locales: LOCALES,
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
