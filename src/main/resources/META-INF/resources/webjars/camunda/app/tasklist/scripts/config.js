// Tasklist configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
// Chinese is chosen for browsers whose first language is Chinese and for languages without a
// locale; English stays available for browsers that prefer it. Dates follow the locale's
// dateLocales (zh: 2026年3月31日 18:00).
import { LOCALES, product } from '../../reform-webapps.js';

export default {
  // header and browser tab: 改革任务督办平台｜任务办理
  app: product('任务办理'),
  // Chinese, or English for browsers that prefer it
  locales: LOCALES,
  // Chinese validation messages for Camunda Forms, form links opening in a new tab, task lists
  // sorted by due date by default, what a field shows is what 完成/保存 submit or save, and half-filled
  // forms kept as drafts (per user and task, in this browser) until the task is completed.
  customScripts: ['scripts/form-messages-zh', 'scripts/form-links', 'scripts/sort-by-due-date',
    'scripts/form-submit-flush', 'scripts/form-drafts'],
  dateFormat: {
    normal: 'LLL',
    long: 'LLLL'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: '认领当前选中的任务'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: '将焦点移到第一个过滤器'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: '将焦点移到列表中的第一个任务'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: '将焦点移到任务表单的第一个输入框'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: '打开“启动流程”对话框'
    }
  }
};
