package cn.reformoffice.platform.lifecycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.security.RefusedException;
import cn.reformoffice.platform.security.SecurityAudit;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;

/**
 * What a submission of a user task may carry, checked before the engine changes anything (called by
 * the engine-level guard for every client's complete and submit-form):
 * <ul>
 * <li>only the fields of the step's own Camunda Form, as plain values (text, numbers, booleans, dates):
 * anything else — a process variable that steers the process, a serialized object, a file — is refused
 * as an attack shape (logged);</li>
 * <li>the form's rules: required fields (also those required only for the decision taken), options,
 * dates (a date people can read, not in the past, not after the reform task's 完成时限), and for the
 * close-out application that no quarterly report or rectification is open.</li>
 * </ul>
 * A user's mistake is refused with 400 and a Chinese message that says only what to fix, logged by the
 * engine at DEBUG; the task listeners keep the same checks for callers that come another way.
 * Must be called inside an engine command.
 */
@Component
public class FormSubmissions {

    private final FormCatalog forms;
    private final ReformTaskRepository repository;
    private final CloseOutGuard closeOutGuard;

    FormSubmissions(FormCatalog forms, ReformTaskRepository repository, CloseOutGuard closeOutGuard) {
        this.forms = forms;
        this.repository = repository;
        this.closeOutGuard = closeOutGuard;
    }

    /** Today in China. */
    static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of(ReformPlatformApplication.CHINA_ZONE))
                .toLocalDate();
    }

    public void check(TaskEntity task, Map<String, ?> submitted) {
        Map<String, ?> variables = submitted == null ? Map.of() : submitted;
        TaskForm form = formOf(task);
        List<String> allowed = form == null ? List.of() : form.keys();
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
        if (form == null || task.getProcessInstance() == null) {
            return;
        }
        // the reform task's processes (reform-task, extensionRequest) carry its code as business key
        String code = task.getProcessInstance().getBusinessKey();
        if (code == null) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (String key : form.keys()) {
            values.put(key, variables.containsKey(key) ? plainValue(variables.get(key)) : task.getVariable(key));
        }
        List<String> problems = new ArrayList<>(form.problems(values, today(),
                repository.findByCode(code).map(ReformTask::deadline).orElse(null)));
        if (problems.isEmpty()) {
            String blocking = closeOutGuard.blockingMessage(task);
            if (blocking != null) {
                throw RefusedException.badRequest(blocking);
            }
            return;
        }
        throw RefusedException.badRequest("任务未提交：" + String.join("；", problems) + "。");
    }

    private TaskForm formOf(TaskEntity task) {
        Expression formRef = task.getTaskDefinition() == null ? null
                : task.getTaskDefinition().getCamundaFormDefinitionKey();
        if (formRef == null || task.getProcessDefinition() == null) {
            return null;
        }
        return forms.form(task.getProcessDefinition().getDeploymentId(), formRef.getExpressionText());
    }

    private static Object plainValue(Object value) {
        return value instanceof TypedValue typed ? typed.getValue() : value;
    }

    private static boolean isPlain(Object value) {
        if (value instanceof TypedValue typed) {
            return typed.getType() == null || typed.getType().isPrimitiveValueType();
        }
        return value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof java.util.Date;
    }
}
