// Admin configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
export default {
  app: {
    name: '系统管理',
    vendor: '改革任务督办平台'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'zh'
  }
};
