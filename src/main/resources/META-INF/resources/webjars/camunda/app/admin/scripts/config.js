// Admin configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
export default {
  app: {
    name: '系统管理',
    vendor: '改革任务督办平台'
  },
  // the browser tab shows the product's name
  customScripts: ['scripts/brand-title'],
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  }
};
