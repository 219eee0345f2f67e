// Welcome page configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
// The links replace Camunda's documentation link: everything a user needs is in this deployment.
// A link marked officeOnly shows only to the office and the administrators (scripts/links-by-role.js):
// the import, the extension approvals and the working calendar are the office's work.
import { LOCALES, product } from '../../reform-webapps.js';

export default {
  // header and browser tab: 改革任务督办平台｜首页
  app: product('首页'),
  // Chinese, or English for browsers that prefer it
  locales: LOCALES,
  customScripts: ['scripts/links-by-role'],
  links: [
    {
      label: '改革任务台账',
      href: '/ledger/index.html',
      description: '年度改革任务的台账：编号、牵头单位、完成时限、当前环节和每一步的办理记录。'
    },
    {
      label: '导入年度工作要点',
      href: '/office/import.html',
      description: '市委改革办上传年度工作要点（Word、文本）或工作台账（Excel），预览无误后确认导入。',
      officeOnly: true
    },
    {
      label: '延期申请',
      href: '/ledger/extensions.html',
      description: '市委改革办审批各单位提交的延期申请；同意后期限和催办提醒随之调整。',
      officeOnly: true
    },
    {
      label: '工作日历',
      href: '/office/calendar.html',
      description: '法定节假日和调休补班安排；所有期限按工作日计算。',
      officeOnly: true
    }
  ]
};
