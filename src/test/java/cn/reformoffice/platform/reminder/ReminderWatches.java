package cn.reformoffice.platform.reminder;

import java.util.Date;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * A step's reminders as tests drive them by hand (job executor off): before the step's first reminder there is
 * only the job that starts its watch ({@link ReminderWatchStart}); from then on the {@code task-reminders}
 * instance (business key = the Camunda task id) with its timer and its 登记/发送 jobs.
 */
public final class ReminderWatches {

    private final RuntimeService runtimeService;
    private final ManagementService managementService;

    public ReminderWatches(RuntimeService runtimeService, ManagementService managementService) {
        this.runtimeService = runtimeService;
        this.managementService = managementService;
    }

    /** The step's watch, or null before its first reminder (and after it ended). */
    public ProcessInstance watch(String taskId) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(TaskReminderListener.PROCESS_KEY)
                .processInstanceBusinessKey(taskId).singleResult();
    }

    /** The timer of the step's next reminder: the watch's, or before the first reminder the job that starts it. */
    public Job timer(String taskId) {
        ProcessInstance watch = watch(taskId);
        return watch == null
                ? managementService.createJobQuery().jobId(ReminderWatchStart.jobId(taskId)).singleResult()
                : managementService.createJobQuery().processInstanceId(watch.getId()).timers().singleResult();
    }

    /** The watch's pending 登记提醒 or 发送提醒 job, or null. */
    public Job message(String taskId) {
        ProcessInstance watch = watch(taskId);
        return watch == null ? null
                : managementService.createJobQuery().processInstanceId(watch.getId()).messages().singleResult();
    }

    /** Sets the clock and fires the step's next reminder: its timer, then recording and sending. */
    public void fire(String taskId, Date now) {
        ClockUtil.setCurrentTime(now);
        managementService.executeJob(timer(taskId).getId());
        for (int i = 0; i < 5; i++) {
            Job next = message(taskId);
            if (next == null) {
                break;
            }
            managementService.executeJob(next.getId());
        }
    }
}
