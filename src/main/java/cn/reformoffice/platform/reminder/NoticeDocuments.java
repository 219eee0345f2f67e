package cn.reformoffice.platform.reminder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.document.WordDocument;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.reminder.ReminderRepository.DeliveryRow;
import cn.reformoffice.platform.reminder.ReminderRepository.ReminderRow;
import cn.reformoffice.platform.security.CurrentUser;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * A 督办单 as the printable 督办通知单 (Word): its number, the unit it is addressed to, the task, the overdue
 * step with its due date and the working days overdue on the day of issue, what is required by when, who
 * is copied, the office's signature and the date of issue. Everything comes from the records of the day
 * it was issued, so the document reads the same whenever it is downloaded:
 * <ul>
 * <li>致: the unit that held the step when the notice was issued (the ledger's NOTICE event), else the
 * task's primary lead unit;</li>
 * <li>办结反馈时限: the stage's repeat interval of the office's reminder rules (reminder-rules.dmn, the
 * version deployed when the notice was issued), since the next notice comes then, or
 * {@code reform.reminders.notice-reply-working-days} (5) when the stage repeats none; counted in working
 * days from the day after issue;</li>
 * <li>抄送: the lead leaders and the office as the notice was delivered to them (its in-app deliveries);
 * the task's lead leaders and the office when no delivery was recorded.</li>
 * </ul>
 * Downloaded by the office (and admins), the unit addressed and the task's lead leaders.
 */
@Service
public class NoticeDocuments {

    private final ReminderRepository reminders;
    private final ReformTaskService tasks;
    private final OrganizationDirectory directory;
    private final WorkingCalendar calendar;
    private final ReminderProperties properties;
    private final JdbcClient jdbc;
    private final ProcessEngine engine;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final Map<String, DmnDecision> parsed = new ConcurrentHashMap<>();

    NoticeDocuments(ReminderRepository reminders, ReformTaskService tasks, OrganizationDirectory directory,
            WorkingCalendar calendar, ReminderProperties properties, JdbcClient jdbc, @Lazy ProcessEngine engine) {
        this.reminders = reminders;
        this.tasks = tasks;
        this.directory = directory;
        this.calendar = calendar;
        this.properties = properties;
        this.jdbc = jdbc;
        this.engine = engine;
    }

    /** Where a 督办单's document is downloaded (relative: works behind any host name). */
    public static String url(long reminderId) {
        return "/api/reminders/notices/" + reminderId + ".docx";
    }

    /** A 督办单 with what its document says. */
    public record Notice(ReminderRow reminder, ReformTask task, String unitId, LocalDate issued, int overdueDays,
            int replyDays, LocalDate replyBy, List<String> copyTo) {
    }

    /** The 督办单 of a reminder: 404 when there is no such reminder or it is not a 督办单. */
    Notice find(long reminderId) {
        ReminderRow reminder = reminders.find(reminderId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "督办单不存在：没有编号为 " + reminderId + " 的催办记录。"));
        if (reminder.noticeNo() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "编号为 " + reminderId + " 的催办记录是“"
                    + reminder.level().label() + "”，不是督办单，没有督办通知单。");
        }
        ReformTask task = tasks.find(reminder.taskCode()).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "督办单" + reminder.noticeNo() + "所督办的改革任务“" + reminder.taskCode() + "”已不存在。"));
        String unitId = unitOf(reminder, task);
        LocalDate issued = reminder.createdAt().atZoneSameInstant(ReminderSchedule.CHINA).toLocalDate();
        int overdue = Math.max(1, calendar.workingDaysBetween(reminder.dueDate(), issued));
        int replyDays = replyDays(reminder);
        return new Notice(reminder, task, unitId, issued, overdue, replyDays, calendar.addWorkingDays(issued, replyDays),
                copyTo(reminder, task));
    }

    /** The unit the notice is addressed to: the step's unit when it was issued, else the primary lead unit. */
    private String unitOf(ReminderRow reminder, ReformTask task) {
        return jdbc.sql("""
                select unit_id from ledger_event where event_type = 'NOTICE' and notice_no = ? and task_code = ?
                order by id""").params(reminder.noticeNo(), reminder.taskCode()).query(String.class).list().stream()
                .filter(u -> u != null).findFirst()
                .orElse(task.leadUnitIds().isEmpty() ? null : task.primaryLeadUnitId());
    }

    /** The office (and admins), the unit addressed and the task's lead leaders. */
    boolean mayDownload(Notice notice, CurrentUser user) {
        return mayDownload(notice.task(), notice.unitId(), user);
    }

    /** Whether the user may download the 督办通知单 of a 督办单 (false for other reminders). */
    public boolean mayDownload(ReminderRow reminder, CurrentUser user) {
        if (reminder.noticeNo() == null) {
            return false;
        }
        if (user.isOfficeOrAdmin()) {
            return true;
        }
        ReformTask task = tasks.find(reminder.taskCode()).orElse(null);
        return task != null && mayDownload(task, unitOf(reminder, task), user);
    }

    private static boolean mayDownload(ReformTask task, String unitId, CurrentUser user) {
        return user.isOfficeOrAdmin() || (unitId != null && user.groupIds().contains(unitId))
                || task.leaderIds().contains(user.id());
    }

    void requireDownload(Notice notice, CurrentUser user) {
        if (!mayDownload(notice, user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "您无权下载督办通知单" + notice.reminder().noticeNo()
                    + "：只有" + directory.office().name() + "、受督办单位"
                    + (notice.unitId() == null ? "" : "（" + directory.unitName(notice.unitId()) + "）")
                    + "和领衔领导可以下载。");
        }
    }

    String fileName(Notice notice) {
        return "督办通知单" + notice.reminder().noticeNo() + "（" + notice.task().code() + "）.docx";
    }

    WordDocument document(Notice notice) {
        ReminderRow r = notice.reminder();
        ReformTask task = notice.task();
        String office = directory.office().name();
        String unit = notice.unitId() == null ? "—" : directory.unitName(notice.unitId());
        String due = chinese(r.dueDate());
        String issued = chinese(notice.issued());
        String replyBy = chinese(notice.replyBy()) + "前（" + notice.replyDays() + "个工作日内）";
        WordDocument doc = new WordDocument().title("督办通知单", true).subtitle(r.noticeNo());
        doc.line("致：" + unit);
        doc.paragraph("你单位承办的改革任务“" + task.code() + " " + task.title() + "”的“" + r.stageName() + "”环节应于" + due
                + "办结，截至" + issued + "已逾期" + notice.overdueDays() + "个工作日，仍未办结。现予督办。");
        doc.paragraph("请于收到本通知单后" + notice.replyDays() + "个工作日内（" + chinese(notice.replyBy())
                + "前）办结，并将办理情况书面反馈" + office + "。逾期仍未办结的，将再次督办。");
        doc.table(List.of("督办事项", "内容"), List.of(
                List.of("督办单编号", r.noticeNo()),
                List.of("任务编号", task.code()),
                List.of("改革任务", task.title()),
                List.of("领衔领导", names(task.leaderIds(), directory::personName)),
                List.of("牵头单位", names(task.leadUnitIds(), directory::unitName)),
                List.of("逾期环节", r.stageName()),
                List.of("应办结日期", due),
                List.of("逾期工作日", notice.overdueDays() + "个工作日（截至" + issued + "）"),
                List.of("办结反馈时限", replyBy)));
        doc.line("抄送：" + (notice.copyTo().isEmpty() ? "无" : String.join("、", notice.copyTo())));
        doc.blank().right(office).right(issued);
        return doc;
    }

    private static String names(List<String> ids, java.util.function.Function<String, String> name) {
        return ids.isEmpty() ? "无" : ids.stream().map(name).collect(Collectors.joining("、"));
    }

    static String chinese(LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    /** Leaders, then the office, as the notice reached them; all of them when no delivery is recorded. */
    private List<String> copyTo(ReminderRow reminder, ReformTask task) {
        List<DeliveryRow> deliveries = reminders.deliveries(reminder.id()).stream()
                .filter(d -> RecordReminderDelegate.IN_APP.equals(d.channel())).toList();
        List<String> copy = new ArrayList<>();
        String office = "group:" + directory.officeGroupId();
        for (String leader : task.leaderIds()) {
            if (deliveries.isEmpty() || deliveries.stream().anyMatch(d -> d.recipient().equals("user:" + leader))) {
                copy.add(directory.personName(leader));
            }
        }
        if (deliveries.isEmpty() || deliveries.stream().anyMatch(d -> d.recipient().equals(office))) {
            copy.add(directory.office().name());
        }
        return copy;
    }

    /** The stage's repeat interval in the reminder rules in force when the notice was issued, else the setting. */
    private int replyDays(ReminderRow reminder) {
        Instant issuedAt = reminder.createdAt().toInstant();
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
                .getProcessEngineConfiguration();
        Integer repeat = configuration.getCommandExecutorTxRequired().execute(context -> context
                .runWithoutAuthorization(() -> {
                    String activity = activityOf(reminder.camundaTaskId());
                    DmnDecision decision = activity == null ? null : rulesInForce(issuedAt);
                    if (decision == null) {
                        return null;
                    }
                    DmnDecisionResult result = dmn.evaluateDecision(decision,
                            Variables.createVariables().putValue("stage", activity));
                    Object value = result.isEmpty() ? null : result.getFirstResult().getEntryMap().get("repeatEveryDays");
                    return value instanceof Number n ? n.intValue() : null;
                }));
        return repeat != null && repeat > 0 ? repeat : properties.noticeReplyWorkingDays();
    }

    private String activityOf(String camundaTaskId) {
        String activity = jdbc.sql("""
                select activity_id from ledger_event where camunda_task_id = ? and event_type = 'STEP_OPEN'""")
                .param(camundaTaskId).query(String.class).list().stream().findFirst().orElse(null);
        if (activity != null) {
            return activity;
        }
        HistoricTaskInstance step = engine.getHistoryService().createHistoricTaskInstanceQuery().taskId(camundaTaskId)
                .singleResult();
        return step == null ? null : step.getTaskDefinitionKey();
    }

    /** The latest version of the rules deployed before the notice was issued (the first version if none was). */
    private DmnDecision rulesInForce(Instant issuedAt) {
        List<DecisionDefinition> versions = engine.getRepositoryService().createDecisionDefinitionQuery()
                .decisionDefinitionKey(ReminderRuleTable.DECISION).list().stream()
                .sorted(Comparator.comparingInt(DecisionDefinition::getVersion).reversed()).toList();
        if (versions.isEmpty()) {
            return null;
        }
        DecisionDefinition chosen = versions.get(versions.size() - 1);
        for (DecisionDefinition version : versions) {
            Deployment deployment = engine.getRepositoryService().createDeploymentQuery()
                    .deploymentId(version.getDeploymentId()).singleResult();
            if (deployment != null && !deployment.getDeploymentTime().toInstant().isAfter(issuedAt)) {
                chosen = version;
                break;
            }
        }
        DecisionDefinition definition = chosen;
        return parsed.computeIfAbsent(definition.getId(), id -> {
            try (InputStream model = engine.getRepositoryService().getResourceAsStream(definition.getDeploymentId(),
                    definition.getResourceName())) {
                return dmn.parseDecision(ReminderRuleTable.DECISION, model);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
