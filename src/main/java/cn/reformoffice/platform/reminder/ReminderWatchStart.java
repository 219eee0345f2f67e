package cn.reformoffice.platform.reminder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TimerEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.deployment.LatestVersions;
import cn.reformoffice.platform.task.TaskNames;

/**
 * Starts a step's 催办督办 watch ({@code task-reminders}) when the step's first reminder falls due instead of when
 * the step is created. Until then the step has one timer job and nothing else: handler type {@value #TYPE}, the
 * Camunda task id as configuration, and an id derived from the task id ({@link #jobId}), so a step has at most
 * one and finding it is a primary-key lookup. Most steps are done before their first reminder and so never get
 * a watch (no process instance, variables or history for them); Cockpit's 催办督办 instances are the steps
 * actually being chased.
 *
 * <p>When the job fires and the step is still open, the watch starts with the reminder that fell due, at
 * 登记提醒 (a job of its own, as before), or at its timer when the reminder now lies later (the due date moved
 * without the job being moved); from there the watch runs as it always did. The step's end deletes the job
 * ({@link TaskReminderListener}); an extension or a calendar change moves it ({@link ReminderRescheduler}).
 */
@Component
@Order(26)
public class ReminderWatchStart extends AbstractProcessEnginePlugin
        implements JobHandler<ReminderWatchStart.WatchedTask> {

    static final String TYPE = "reform-reminder-watch";
    private static final String JOB_ID_PREFIX = "reminder-watch-";

    private final WorkingCalendar calendar;
    private final ReminderProperties properties;
    private final ReminderRuleTable ruleTable;
    private final LatestVersions versions;

    ReminderWatchStart(WorkingCalendar calendar, ReminderProperties properties, ReminderRuleTable ruleTable,
            LatestVersions versions) {
        this.calendar = calendar;
        this.properties = properties;
        this.ruleTable = ruleTable;
        this.versions = versions;
    }

    /** The configuration of a start job: the watched Camunda task. */
    public record WatchedTask(String taskId) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return taskId;
        }
    }

    /** The id of the job that starts the watch of a task (it exists while the task waits for its first reminder). */
    public static String jobId(String taskId) {
        return JOB_ID_PREFIX + taskId;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<JobHandler> handlers = configuration.getCustomJobHandlers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomJobHandlers());
        handlers.add(this);
        configuration.setCustomJobHandlers(handlers);
    }

    /**
     * Inside the command that creates {@code task} (its due date already set): schedules the start job at the
     * task's first reminder; nothing when the rules leave none.
     */
    void schedule(DelegateTask task) {
        Optional<ReminderSchedule.Planned> first = next(task.getDueDate(), task.getTaskDefinitionKey(),
                ClockUtil.getCurrentTime().toInstant());
        if (first.isEmpty()) {
            return;
        }
        TimerEntity timer = new TimerEntity();
        timer.setId(jobId(task.getId()));
        timer.setJobHandlerType(TYPE);
        timer.setJobHandlerConfigurationRaw(task.getId());
        timer.setDuedate(Date.from(first.get().at()));
        timer.setTenantId(task.getTenantId());
        Context.getCommandContext().getJobManager().schedule(timer);
    }

    /** The step's first reminder strictly after {@code after}, by the rules of its stage, inside an engine command. */
    private Optional<ReminderSchedule.Planned> next(Date due, String stage, Instant after) {
        return new ReminderSchedule(calendar, properties.reminderTime()).next(DueDates.toChinaDate(due),
                ruleTable.rulesFor(stage), after);
    }

    /** Inside the command that ends a task: deletes its pending start job; whether there was one. */
    static boolean cancel(String taskId) {
        JobEntity pending = Context.getCommandContext().getJobManager().findJobById(jobId(taskId));
        if (pending == null) {
            return false;
        }
        pending.delete();
        return true;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public void execute(WatchedTask configuration, ExecutionEntity execution, CommandContext commandContext,
            String tenantId) {
        TaskEntity task = commandContext.getTaskManager().findTaskById(configuration.taskId());
        if (task == null || task.getDueDate() == null) {
            return; // ended meanwhile (its end normally deletes this job)
        }
        RuntimeService runtime = commandContext.getProcessEngineConfiguration().getRuntimeService();
        String watched = task.getId();
        // no watch can exist yet: this job is the only way one starts, and it is deleted when it has run
        commandContext.runWithoutAuthorization(() -> {
            Date due = task.getDueDate();
            Instant fellDue = commandContext.getCurrentJob().getDuedate().toInstant();
            Optional<ReminderSchedule.Planned> planned = next(due, task.getTaskDefinitionKey(), fellDue.minusMillis(1));
            if (planned.isEmpty()) {
                return null; // the rules no longer remind at this stage
            }
            Map<String, Object> variables = new HashMap<>();
            variables.put("taskId", watched);
            variables.put("taskCode", task.getProcessInstance().getBusinessKey());
            variables.put("stage", task.getTaskDefinitionKey());
            variables.put("stageName", TaskNames.stageOf(task.getName()));
            variables.put("dueDate", due);
            variables.put("nextReminderAt", Date.from(planned.get().at()));
            variables.put("nextReminderLevel", planned.get().level().name());
            variables.put("reminderSequence", planned.get().sequence());
            boolean dueNow = !planned.get().at().isAfter(ClockUtil.getCurrentTime().toInstant());
            runtime.createProcessInstanceById(versions.processDefinitionId(TaskReminderListener.PROCESS_KEY))
                    .businessKey(watched)
                    .setVariables(variables)
                    .startBeforeActivity(dueNow ? "Task_RecordReminder" : TaskReminderListener.WAITING_AT)
                    .execute();
            return null;
        });
    }

    @Override
    public WatchedTask newConfiguration(String canonicalString) {
        return new WatchedTask(canonicalString);
    }

    @Override
    public void onDelete(WatchedTask configuration, JobEntity jobEntity) {
        // nothing was started yet
    }
}
