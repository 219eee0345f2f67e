package cn.reformoffice.platform.lifecycle;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.task.TaskNames;

/**
 * A unit cannot apply for close-out while a quarterly report or a rectification of the same task is
 * still open: nothing of it would be lost, but the office would review an incomplete picture. Checked
 * before the submission runs ({@link FormSubmissions}) and again as the close-out task completes.
 */
@Component("closeOutGuard")
class CloseOutGuard implements TaskListener {

    @Override
    public void notify(DelegateTask task) {
        String blocking = blockingMessage(task);
        if (blocking != null) {
            throw new FormFieldValidationException("openWork", blocking);
        }
    }

    /** Why the close-out application cannot be submitted now, or null (also null for other steps). */
    String blockingMessage(DelegateTask task) {
        if (!"Task_ImplementAndApplyCloseOut".equals(task.getTaskDefinitionKey())) {
            return null;
        }
        List<Task> open = Context.getCommandContext().runWithoutAuthorization(() -> task.getProcessEngineServices()
                .getTaskService().createTaskQuery().processInstanceId(task.getProcessInstanceId()).list());
        List<String> blocking = open.stream().filter(t -> !t.getId().equals(task.getId()))
                .map(t -> TaskNames.stageOf(t.getName())).distinct().toList();
        return blocking.isEmpty() ? null : "暂不能申请销号：本任务尚有未办结的“" + String.join("”“", blocking)
                + "”，请先办结后再提交销号申请。您填写的内容仍保留在表单中。";
    }
}
