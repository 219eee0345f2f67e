// Welcome page configuration of 改革任务督办平台 (overrides the webjar's scripts/config.js).
// The links replace Camunda's documentation link: everything a user needs is in this deployment.
// A link marked officeOnly shows only to the office and the administrators (scripts/links-by-role.js):
// the import, the extension approvals, the working calendar and the process versions are the office's work.
import { LOCALES, product } from '../../reform-webapps.js';

// 延期审批: for the office (users of Cockpit) the link reads 延期审批（N）, N being the 延期审批 tasks it may
// see, and opens the Tasklist filter 延期审批; for everybody else it is the 延期申请 page. The welcome app
// renders the links through AngularJS, which reads label and href again at every digest: the getters below
// answer from the last look-up and start a new one (at most every 15 s) so the count follows logins and
// decisions without a reload. Only GET requests of the webapps' own engine API, allowed to every user.
const ENGINE = '/camunda/api/engine/engine/default';
const extensions = { office: false, count: null, filterId: null, checkedAt: 0, checking: false };

async function getJson(path) {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(String(response.status));
  return response.json();
}

function checkExtensions() {
  if (extensions.checking || Date.now() - extensions.checkedAt < 15000) return;
  extensions.checking = true;
  extensions.checkedAt = Date.now();
  getJson('/camunda/api/admin/auth/user/default')
    .then(async (user) => {
      extensions.office = (user.authorizedApps || []).includes('cockpit');
      if (!extensions.office) return;
      const filters = await getJson(ENGINE + '/filter?name=' + encodeURIComponent('延期审批'));
      extensions.filterId = filters.length ? filters[0].id : null;
      extensions.count = extensions.filterId
        ? (await getJson(ENGINE + '/filter/' + encodeURIComponent(extensions.filterId) + '/count')).count
        : (await getJson(ENGINE + '/task/count?processDefinitionKey=extensionRequest')).count;
    })
    .catch(() => { extensions.office = false; extensions.count = null; })
    .finally(() => {
      extensions.checking = false;
      showExtensionLink();
    });
}

/** The page may not run a digest after the look-up: bring the rendered link up to date directly. */
function showExtensionLink() {
  document.querySelectorAll('.custom-links .custom-link-wrapper').forEach((wrapper) => {
    const anchor = wrapper.querySelector('a');
    const label = anchor && anchor.querySelector('.h4');
    if (!label || !/^延期(申请|审批)/.test(label.textContent.trim())) return;
    label.textContent = extensionLink.label;
    anchor.setAttribute('href', extensionLink.href);
    const description = wrapper.querySelector('.custom-link-description');
    if (description) description.textContent = extensionLink.description;
  });
}

const extensionLink = {
  // units ask for an extension from their task form; the link is the office's (scripts/links-by-role.js)
  officeOnly: true,
  get label() {
    checkExtensions();
    return extensions.office && extensions.count !== null ? '延期审批（' + extensions.count + '）' : '延期申请';
  },
  get href() {
    return extensions.office && extensions.filterId
      ? '/camunda/app/tasklist/default/#/?filter=' + encodeURIComponent(extensions.filterId)
      : '/ledger/extensions.html';
  },
  get description() {
    return extensions.office
      ? '等待市委改革办审批的延期申请，点此在任务办理中逐件审批；同意后期限和催办提醒随之调整。'
      : '市委改革办审批各单位提交的延期申请；同意后期限和催办提醒随之调整。';
  }
};

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
      label: '督查督办驾驶舱',
      href: '/dashboard/index.html',
      description: '红黄绿灯、所处环节、逾期任务、季度报送和督办单的统计图表，本周新增红灯一览；点击图表即可查看台账。'
    },
    {
      label: '单位考核得分',
      href: '/scores/index.html',
      description: '按季度、半年、全年统计各单位的报送、逾期、督办单和按时完成情况，计算得分并排名；单位可查看本单位得分的依据。'
    },
    {
      label: '导入年度工作要点',
      href: '/office/import.html',
      description: '市委改革办上传年度工作要点（Word、文本）或工作台账（Excel），预览无误后确认导入。',
      officeOnly: true
    },
    extensionLink,
    {
      label: '工作日历',
      href: '/office/calendar.html',
      description: '法定节假日和调休补班安排；所有期限按工作日计算。',
      officeOnly: true
    },
    {
      label: '流程版本迁移',
      href: '/office/versions.html',
      description: '改革任务流程修改后，把在办的改革任务迁移到新版本：先预览哪些能迁移、哪些不能及原因，再开始迁移。',
      officeOnly: true
    }
  ]
};
