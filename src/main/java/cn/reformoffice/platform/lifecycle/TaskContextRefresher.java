package cn.reformoffice.platform.lifecycle;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Brings the open steps of a reform task in line when its record changed under them (an approved extension
 * moved the 完成时限): their descriptions name it. (Their form context, like the 延期审批 form's history, is
 * computed when the form is opened, {@link FormContextOnOpen}.)
 * Must be called inside an engine command or with engine access (it uses the task service).
 */
@Component
public class TaskContextRefresher {

    private static final java.util.regex.Pattern DEADLINE = java.util.regex.Pattern
            .compile("完成时限：\\d{4}-\\d{2}-\\d{2}");

    private final ReformTaskRepository repository;
    private final TaskService taskService;

    TaskContextRefresher(ReformTaskRepository repository, TaskService taskService) {
        this.repository = repository;
        this.taskService = taskService;
    }

    /** Markdown of user text that shows literally (see TaskContextBuilder.literal). */
    public static String literal(String text) {
        return TaskContextBuilder.literal(text);
    }

    /**
     * Brings the 完成时限 in the description of every open step of the reform task up to date (their form
     * context is computed when the form is opened, {@link FormContextOnOpen}, so it needs no refresh).
     */
    public void refreshOpenSteps(String code) {
        ReformTask task = repository.findByCode(code).orElse(null);
        if (task == null || task.processInstanceId() == null) {
            return;
        }
        for (Task step : taskService.createTaskQuery().processInstanceId(task.processInstanceId())
                .processDefinitionKey(ReformTaskService.PROCESS_KEY).list()) {
            if (task.deadline() != null && step.getDescription() != null
                    && DEADLINE.matcher(step.getDescription()).find()) {
                step.setDescription(DEADLINE.matcher(step.getDescription())
                        .replaceAll("完成时限：" + task.deadline()));
                taskService.saveTask(step);
            }
        }
    }
}
