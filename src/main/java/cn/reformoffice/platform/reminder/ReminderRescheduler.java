package cn.reformoffice.platform.reminder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.reformoffice.platform.calendar.CalendarChangedEvent;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Moves due dates and pending reminder timers: when an extension is granted, and when the office
 * changes the working-day calendar (every open task is recomputed from its creation day; only
 * those whose due date or next reminder changed are touched).
 */
@Service
public class ReminderRescheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReminderRescheduler.class);

    private final TaskService taskService;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final ReformTaskRepository tasks;
    private final DueDates dueDates;
    private final WorkingCalendar calendar;
    private final ReminderProperties properties;
    private final org.camunda.bpm.engine.ProcessEngine engine;
    private final ReminderRuleTable ruleTable;

    ReminderRescheduler(org.camunda.bpm.engine.ProcessEngine engine, ReformTaskRepository tasks, DueDates dueDates,
            WorkingCalendar calendar, ReminderProperties properties, ReminderRuleTable ruleTable) {
        this.engine = engine;
        this.ruleTable = ruleTable;
        this.taskService = engine.getTaskService();
        this.runtimeService = engine.getRuntimeService();
        this.managementService = engine.getManagementService();
        this.tasks = tasks;
        this.dueDates = dueDates;
        this.calendar = calendar;
        this.properties = properties;
    }

    /** Runs after the calendar change committed; a failure here is logged and never undoes the change. */
    @EventListener
    public void calendarChanged(CalendarChangedEvent event) {
        if (event.changedDays().isEmpty()) {
            return;
        }
        try {
            rescheduleOpenTasks(event);
        } catch (RuntimeException e) {
            LOG.error("Working calendar {} changed but open tasks could not be rescheduled", event.year(), e);
        }
    }

    /** Each engine call commits on its own: a task rescheduled stays rescheduled if a later one fails. */
    private void rescheduleOpenTasks(CalendarChangedEvent event) {
        int moved = 0;
        for (Task task : taskService.createTaskQuery().processDefinitionKey(ReformTaskService.PROCESS_KEY).list()) {
            ReformTask reformTask = tasks.findByCode(codeOf(task))
                    .orElse(null);
            if (reformTask == null) {
                continue;
            }
            LocalDate created = DueDates.toChinaDate(task.getCreateTime());
            LocalDate due = dueDates.dueDate(task.getTaskDefinitionKey(), created, reformTask,
                    taskService.getVariable(task.getId(), "rectificationDeadline"), task.getName());
            if (moveDueDate(task.getId(), due, false)) {
                moved++;
            }
        }
        LOG.info("Working calendar {} changed ({} days): {} open tasks rescheduled", event.year(),
                event.changedDays().size(), moved);
    }

    /**
     * Sets a task's due date and re-plans its reminders from now (an extension restarts the levels).
     * Returns whether anything changed.
     */
    @Transactional
    public boolean moveDueDate(String taskId, LocalDate newDue, boolean restartLevels) {
        Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
        Date due = dueDates.endOfDay(newDue);
        boolean changed = task.getDueDate() == null || !task.getDueDate().equals(due);
        if (changed) {
            task.setDueDate(due);
            taskService.saveTask(task);
        }
        ProcessInstance watch = runtimeService.createProcessInstanceQuery()
                .processDefinitionKey(TaskReminderListener.PROCESS_KEY).processInstanceBusinessKey(taskId)
                .singleResult();
        if (watch == null) {
            return moveWatchStart(task, newDue) || changed;
        }
        Job timer = managementService.createJobQuery().processInstanceId(watch.getId())
                .activityId(TaskReminderListener.WAITING_AT).timers().singleResult();
        if (timer == null) {
            return changed;
        }
        runtimeService.setVariable(watch.getId(), "dueDate", due);
        if (restartLevels) {
            runtimeService.setVariable(watch.getId(), "lastReminderAt", ClockUtil.getCurrentTime());
        }
        Date last = (Date) runtimeService.getVariable(watch.getId(), "lastReminderAt");
        Instant after = last != null ? last.toInstant() : ClockUtil.getCurrentTime().toInstant();
        ReminderRules rules = ruleTable.rulesFor(engine,
                (String) runtimeService.getVariable(watch.getId(), "stage"));
        Optional<ReminderSchedule.Planned> next = new ReminderSchedule(calendar, properties.reminderTime())
                .next(newDue, rules, after);
        if (next.isEmpty()) {
            return changed;
        }
        Date at = Date.from(next.get().at());
        runtimeService.setVariable(watch.getId(), "nextReminderAt", at);
        runtimeService.setVariable(watch.getId(), "nextReminderLevel", next.get().level().name());
        runtimeService.setVariable(watch.getId(), "reminderSequence", next.get().sequence());
        if (!at.equals(timer.getDuedate())) {
            managementService.setJobDuedate(timer.getId(), at);
            return true;
        }
        return changed;
    }

    /**
     * A task still waiting for its first reminder has no watch, only the job that starts it: moves that job to the
     * first reminder after now for the new due date, or deletes it when the rules leave none.
     */
    private boolean moveWatchStart(Task task, LocalDate newDue) {
        Job start = managementService.createJobQuery().jobId(ReminderWatchStart.jobId(task.getId())).singleResult();
        if (start == null) {
            return false;
        }
        Optional<ReminderSchedule.Planned> first = new ReminderSchedule(calendar, properties.reminderTime())
                .next(newDue, ruleTable.rulesFor(engine, task.getTaskDefinitionKey()),
                        ClockUtil.getCurrentTime().toInstant());
        if (first.isEmpty()) {
            managementService.deleteJob(start.getId());
            return true;
        }
        Date at = Date.from(first.get().at());
        if (at.equals(start.getDuedate())) {
            return false;
        }
        managementService.setJobDuedate(start.getId(), at);
        return true;
    }

    /** The reform task's code: the business key of the task's process instance. */
    private String codeOf(Task task) {
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(task.getProcessInstanceId())
                .singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }
}
