package cn.reformoffice.platform.reminder;

import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.lifecycle.ReformTaskQueries;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.TaskNames;

/**
 * On every user task of a reform task (registered by the lifecycle's parse listener): on create,
 * sets the due date in working days and starts its {@code task-reminders} watch (business key = the
 * task id); on complete or delete, ends a watch that is only waiting for its next reminder (one that
 * is sending finishes sending, then ends by itself). Depends on no engine service.
 */
@Component
public class TaskReminderListener implements TaskListener {

    static final String PROCESS_KEY = "task-reminders";
    static final String WAITING_AT = "TimerEvent_ReminderDue";

    private final ReformTaskRepository tasks;
    private final DueDates dueDates;

    TaskReminderListener(ReformTaskRepository tasks, DueDates dueDates) {
        this.tasks = tasks;
        this.dueDates = dueDates;
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
        RuntimeService runtime = task.getProcessEngineServices().getRuntimeService();
        Context.getCommandContext().runWithoutAuthorization(() -> runtime.startProcessInstanceByKey(PROCESS_KEY,
                task.getId(), Map.of("taskId", task.getId(), "taskCode", code,
                        "stage", task.getTaskDefinitionKey(),
                        "stageName", TaskNames.stageOf(task.getName()),
                        "dueDate", task.getDueDate())));
    }

    private static void stopWatching(DelegateTask task) {
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
