package cn.reformoffice.platform.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.security.RefusedException;
import cn.reformoffice.platform.security.SecurityAudit;

/**
 * What a submission of a user task may carry: the fields of the step's own Camunda Form, as plain
 * values (text, numbers, booleans, dates). Anything else — a process variable that steers the
 * process, a serialized object, a file — is refused before the engine changes anything.
 * Must be called inside an engine command.
 */
@Component
public class FormSubmissions {

    private final FormCatalog forms;

    FormSubmissions(FormCatalog forms) {
        this.forms = forms;
    }

    public void check(TaskEntity task, Map<String, ?> variables) {
        if (variables == null || variables.isEmpty()) {
            return;
        }
        List<String> allowed = formKeys(task);
        List<String> foreign = new ArrayList<>();
        List<String> notPlain = new ArrayList<>();
        variables.forEach((name, value) -> {
            if (!allowed.contains(name)) {
                foreign.add(name);
            } else if (!isPlain(value)) {
                notPlain.add(name);
            }
        });
        if (!foreign.isEmpty()) {
            SecurityAudit.refused(null, "submission of task " + task.getId() + " (" + task.getTaskDefinitionKey()
                    + ") with variables outside its form: " + foreign);
            throw RefusedException.badRequest("提交被拒绝：提交内容中有本环节表单之外的字段（" + String.join("、", foreign)
                    + "）。只能提交本环节表单中的内容，请刷新页面后在表单中填写并提交。");
        }
        if (!notPlain.isEmpty()) {
            SecurityAudit.refused(null, "submission of task " + task.getId() + " with non-plain values: " + notPlain);
            throw RefusedException.badRequest("提交被拒绝：字段（" + String.join("、", notPlain)
                    + "）只能是文字、数字、日期或是/否。请刷新页面后在表单中填写并提交。");
        }
    }

    private List<String> formKeys(TaskEntity task) {
        Expression formRef = task.getTaskDefinition() == null ? null
                : task.getTaskDefinition().getCamundaFormDefinitionKey();
        if (formRef == null || task.getProcessDefinition() == null) {
            return List.of();
        }
        return forms.form(task.getProcessDefinition().getDeploymentId(), formRef.getExpressionText()).keys();
    }

    private static boolean isPlain(Object value) {
        if (value instanceof TypedValue typed) {
            return typed.getType() == null || typed.getType().isPrimitiveValueType();
        }
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.util.Date;
    }
}
