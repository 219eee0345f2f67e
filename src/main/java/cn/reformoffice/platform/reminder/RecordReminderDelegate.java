package cn.reformoffice.platform.reminder;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.ledger.LedgerRecorder;
import cn.reformoffice.platform.operations.ReformMetrics;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;

/**
 * 登记提醒: records the planned reminder once (its key includes the task, level, sequence and due
 * date), gives a supervision notice its number, puts the reminder on the task (comment, higher
 * priority: the in-app channel) and lists the e-mail and robot deliveries that
 * {@link DeliverReminderDelegate} sends. A reminder of a task that has ended is skipped.
 */
@Component("recordReminderDelegate")
class RecordReminderDelegate implements JavaDelegate {

    static final String IN_APP = "IN_APP";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy年M月d日");

    private final ReminderRepository reminders;
    private final LedgerRecorder ledger;
    private final ReformTaskRepository tasks;
    private final RecipientResolver recipients;
    private final EmailChannel email;
    private final WebhookChannel webhook;
    private final WorkingCalendar calendar;
    private final ReminderProperties properties;
    private final ReformMetrics metrics;
    private final ReminderRuleTable ruleTable;

    RecordReminderDelegate(ReminderRepository reminders, ReformTaskRepository tasks, RecipientResolver recipients,
            EmailChannel email, WebhookChannel webhook, WorkingCalendar calendar, ReminderProperties properties,
            LedgerRecorder ledger, ReformMetrics metrics, ReminderRuleTable ruleTable) {
        this.metrics = metrics;
        this.ruleTable = ruleTable;
        this.ledger = ledger;
        this.reminders = reminders;
        this.tasks = tasks;
        this.recipients = recipients;
        this.email = email;
        this.webhook = webhook;
        this.calendar = calendar;
        this.properties = properties;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariable("reminderId", null);
        execution.setVariable("lastReminderAt", execution.getVariable("nextReminderAt"));
        String taskId = (String) execution.getVariable("taskId");
        TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
        if (task == null) {
            return;
        }
        Level level = Level.valueOf((String) execution.getVariable("nextReminderLevel"));
        int sequence = (Integer) execution.getVariable("reminderSequence");
        LocalDate due = DueDates.toChinaDate((Date) execution.getVariable("dueDate"));
        String key = taskId + ":" + level + ":" + sequence + ":" + due;
        reminders.lockWatch(execution.getProcessInstanceId());
        if (reminders.findByKey(key).isPresent()) {
            return;
        }
        ReformTask reformTask = tasks.findByCode((String) execution.getVariable("taskCode")).orElseThrow();
        ReminderRules rules = ruleTable.rulesFor((String) execution.getVariable("stage"));
        List<Recipient> to = recipients.forLevel(execution.getProcessEngineServices(), task, reformTask, level, rules);
        String stageName = (String) execution.getVariable("stageName");
        String noticeNo = level == Level.ESCALATION ? noticeNumber(DueDates.today().getYear()) : null;
        String message = message(level, noticeNo, reformTask, stageName, due, to);

        long reminderId = reminders.insert(key, reformTask.code(), taskId, stageName, level, sequence, noticeNo, due,
                message);
        if (noticeNo != null) {
            ledger.noticeIssued(reformTask.code(), taskId, stageName, noticeNo, due);
        }
        TaskService taskService = execution.getProcessEngineServices().getTaskService();
        taskService.createComment(taskId, task.getProcessInstanceId(), message);
        if (task.getPriority() < level.taskPriority()) {
            taskService.setPriority(taskId, level.taskPriority());
        }
        for (Recipient recipient : to) {
            reminders.insertDelivery(reminderId, IN_APP, recipient.key(), null, "DELIVERED");
            if (email.enabled() && recipient.email() != null) {
                reminders.insertDelivery(reminderId, EmailChannel.NAME, recipient.key(), recipient.email(), "PENDING");
            }
            if (webhook.enabled() && recipient.webhook() != null) {
                reminders.insertDelivery(reminderId, WebhookChannel.NAME, recipient.key(), recipient.webhook(),
                        "PENDING");
            }
        }
        if (webhook.enabled() && webhook.defaultUrl() != null) {
            reminders.insertDelivery(reminderId, WebhookChannel.NAME, "robot", webhook.defaultUrl(), "PENDING");
        }
        execution.setVariable("reminderId", reminderId);
        int inApp = to.size();
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                committed -> {
                    metrics.reminderRecorded(level.name());
                    for (int i = 0; i < inApp; i++) {
                        metrics.deliverySent(IN_APP);
                    }
                });
    }

    private String noticeNumber(int year) {
        return properties.noticePrefix() + "〔" + year + "〕" + reminders.nextNoticeNumber(year) + "号";
    }

    private String message(Level level, String noticeNo, ReformTask task, String stageName, LocalDate due,
            List<Recipient> to) {
        String unit = to.stream().map(Recipient::name).collect(Collectors.joining("、"));
        String subject = "改革任务“" + task.code() + " " + task.title() + "”的“" + stageName + "”";
        return switch (level) {
            case DUE_SOON -> "【临期提醒】" + unit + "：" + subject + "将于" + DAY.format(due) + "到期，请抓紧办理。";
            case URGE -> "【逾期催办】" + unit + "：" + subject + "已于" + DAY.format(due)
                    + "到期，至今未办结，请立即办理。本任务已提高优先级。";
            case ESCALATION -> "【督办单 " + noticeNo + "】" + unit + "：" + subject + "已于" + DAY.format(due)
                    + "到期，逾期" + calendar.workingDaysBetween(due, DueDates.today())
                    + "个工作日仍未办结。请于收到本督办单后立即办理并向市委改革办报告。抄送："
                    + (to.size() > 1 ? to.subList(1, to.size()).stream().map(Recipient::name)
                            .collect(Collectors.joining("、")) : "无") + "。";
        };
    }
}
