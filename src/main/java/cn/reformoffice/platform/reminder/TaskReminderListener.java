package cn.reformoffice.platform.reminder;

import java.time.LocalDate;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.lifecycle.ReformTaskQueries;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;

/**
 * On every user task of a reform task (registered by the lifecycle's parse listener): on create,
 * sets the due date in working days and schedules the start of its {@code task-reminders} watch
 * (business key = the task id) at the first reminder ({@link ReminderWatchStart}); on complete or
 * delete, deletes that start job, or ends a watch that is only waiting for its next reminder (one that
 * is sending finishes sending, then ends by itself). Depends on no engine service.
 */
@Component
public class TaskReminderListener implements TaskListener {

    static final String PROCESS_KEY = "task-reminders";
    static final String WAITING_AT = "TimerEvent_ReminderDue";

    private final ReformTaskRepository tasks;
    private final DueDates dueDates;
    private final ReminderWatchStart watchStart;

    TaskReminderListener(ReformTaskRepository tasks, DueDates dueDates, ReminderWatchStart watchStart) {
        this.tasks = tasks;
        this.dueDates = dueDates;
        this.watchStart = watchStart;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> watch(task);
            case EVENTNAME_COMPLETE, EVENTNAME_DELETE -> stopWatching(task);
            default -> { }
        }
    }

    private void watch(DelegateTask task) {
        String code = ReformTaskQueries.codeOf(task);
        ReformTask reformTask = tasks.findByCode(code).orElseThrow();
        LocalDate due = dueDates.dueDate(task, reformTask);
        task.setDueDate(dueDates.endOfDay(due));
        watchStart.schedule(task);
    }

    private static void stopWatching(DelegateTask task) {
        if (ReminderWatchStart.cancel(task.getId())) {
            return; // its first reminder had not come: no watch was started
        }
        RuntimeService runtime = task.getProcessEngineServices().getRuntimeService();
        Context.getCommandContext().runWithoutAuthorization(() -> {
            ProcessInstance watch = runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
                    .processInstanceBusinessKey(task.getId()).singleResult();
            if (watch != null && runtime.createExecutionQuery().processInstanceId(watch.getId())
                    .activityId(WAITING_AT).count() > 0) {
                runtime.deleteProcessInstance(watch.getId(), "任务已办结", true, true);
            }
            return null;
        });
    }
}
