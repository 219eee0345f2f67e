// Admin configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
import { LOCALES, product } from '../../reform-webapps.js';

export default {
  // header and browser tab: 改革任务督办平台｜系统管理
  app: product('系统管理'),
  // Chinese, or English for browsers that prefer it
  locales: LOCALES
};
