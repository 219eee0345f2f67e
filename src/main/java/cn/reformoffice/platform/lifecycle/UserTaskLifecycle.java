package cn.reformoffice.platform.lifecycle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.security.Authorizations;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.TaskNames;
import cn.reformoffice.platform.task.TaskRecord;
import cn.reformoffice.platform.task.TaskRecord.RecordedField;

/**
 * Depends on no engine service (it is wired into the engine's configuration).
 * Runs on every user task of the reform-task process (registered by {@link LifecycleParseListener}).
 * <p>On create: names the task after its reform task, clears the form's decision variables of an
 * earlier round, fills the form with the unit's previous submission when the step comes back after
 * a return, and lets co-lead units and lead leaders read the task. (The read-only context the form
 * shows is computed when the form is opened, {@link FormContextOnOpen}.)
 * <p>On complete: checks the form's required fields, options and dates on the server (a REST client
 * can skip the browser's checks), keeps dates as ISO dates, records the step with all submitted
 * fields in the task record, and removes long texts from the process variables (they live in the
 * record).
 */
@Component
class UserTaskLifecycle implements TaskListener {

    private final ReformTaskRepository repository;
    private final FormCatalog forms;
    private final OrganizationDirectory directory;

    UserTaskLifecycle(ReformTaskRepository repository, FormCatalog forms, OrganizationDirectory directory) {
        this.directory = directory;
        this.repository = repository;
        this.forms = forms;
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> created(task);
            case EVENTNAME_COMPLETE -> completing(task);
            default -> { }
        }
    }

    private void created(DelegateTask task) {
        String code = ReformTaskQueries.codeOf(task);
        ReformTask reformTask = repository.findByCode(code)
                .orElseThrow(() -> new IllegalStateException("No reform task " + code));
        TaskForm form = formOf(task);
        for (TaskForm.Field field : form.fields()) {
            if (field.kind() != TaskForm.Kind.TEXT && task.getVariable(field.key()) != null) {
                task.setVariable(field.key(), null);
            }
        }
        task.setName(taskName(task, reformTask));
        task.setDescription(description(task, reformTask));
        // the form's read-only context is computed when the form is opened (FormContextOnOpen), not stored
        prefillFromPreviousRound(task, form, repository.findRecords(code));
        List<String> coLeadUnits = isCandidate(task, reformTask.primaryLeadUnitId())
                ? reformTask.leadUnitIds().subList(1, reformTask.leadUnitIds().size()) : List.of();
        // the engine already authorizes the assignee; a second row for the same user would clash
        grantRead(task, coLeadUnits, reformTask.leaderIds().stream()
                .filter(leader -> !leader.equals(task.getAssignee())).toList());
    }

    /**
     * A step that comes back (a plan returned by a leader, a quarterly report returned for more, a
     * rectification that failed its re-check, a close-out application returned) opens with what the
     * unit submitted last time, as the variables the form shows (where a submission writes them, so the
     * new submission replaces them): nobody retypes their work. The
     * decision of a step is never filled in.
     */
    private static void prefillFromPreviousRound(DelegateTask task, TaskForm form, List<TaskRecord> newestFirst) {
        PreviousRounds.of(task.getTaskDefinitionKey(), TaskNames.stageOf(task.getName()), newestFirst)
                .ifPresent(previous -> {
                    TaskForm.Field decision = form.decision();
                    for (TaskForm.Field field : form.fields()) {
                        if (decision != null && decision.key().equals(field.key())) {
                            continue;
                        }
                        previous.fields().stream().filter(f -> f.key().equals(field.key()) && f.value() != null)
                                .findFirst().ifPresent(f -> task.setVariable(field.key(), f.value()));
                    }
                });
    }

    private static String taskName(DelegateTask task, ReformTask reformTask) {
        String stage = task.getName();
        // only a quarterly report reads the variable (a new task's own variables are looked up in the database)
        Object quarter = "Task_SubmitQuarterlyReport".equals(task.getTaskDefinitionKey())
                ? task.getVariable("reportQuarter") : null;
        if (quarter != null) {
            stage = quarter + "报送";
        }
        return TaskNames.of(stage, reformTask);
    }

    /** Shown on the task's 描述 tab in Tasklist: what the task is about, in one line. */
    private String description(DelegateTask task, ReformTask reformTask) {
        return "改革任务 " + reformTask.code() + "《" + reformTask.title() + "》｜当前环节："
                + TaskNames.stageOf(task.getName()) + "｜牵头单位："
                + reformTask.leadUnitIds().stream().map(directory::unitName).collect(Collectors.joining("、"))
                + (reformTask.deadline() == null ? "" : "｜完成时限：" + reformTask.deadline());
    }

    private static boolean isCandidate(DelegateTask task, String groupId) {
        return task.getCandidates().stream().map(IdentityLink::getGroupId).anyMatch(groupId::equals);
    }

    /**
     * Co-lead units see (but do not work) the primary lead unit's tasks; lead leaders see every
     * task of the reform tasks they lead.
     */
    private static void grantRead(DelegateTask task, List<String> groupIds, List<String> userIds) {
        var authorizations = task.getProcessEngineServices().getAuthorizationService();
        CommandContext commandContext = Context.getCommandContext();
        commandContext.runWithoutAuthorization(() -> {
            groupIds.forEach(groupId -> saveRead(authorizations, task.getId(), groupId, null));
            userIds.forEach(userId -> saveRead(authorizations, task.getId(), null, userId));
            return null;
        });
    }

    private static void saveRead(AuthorizationService authorizations, String taskId, String groupId, String userId) {
        Authorizations.grantNew(authorizations, userId, groupId, Resources.TASK, taskId, Permissions.READ);
    }

    private void completing(DelegateTask task) {
        TaskForm form = formOf(task);
        String code = ReformTaskQueries.codeOf(task);
        Map<String, Object> values = new LinkedHashMap<>();
        form.keys().forEach(key -> values.put(key, task.getVariable(key)));
        // REST and webapp clients are checked before the engine runs (FormSubmissions); this is the
        // last line for every other caller
        List<String> problems = form.problems(values, FormSubmissions.today(),
                repository.findByCode(code).map(ReformTask::deadline).orElse(null));
        if (!problems.isEmpty()) {
            throw new FormFieldValidationException("required", "任务未提交：" + String.join("；", problems) + "。");
        }
        // dates are kept as the ISO date meant, however they were typed (2026/12/20, 2026年12月20日)
        for (TaskForm.Field field : form.fields()) {
            java.time.LocalDate date = field.kind() == TaskForm.Kind.DATE ? FormDates.parse(values.get(field.key()))
                    : null;
            if (date != null) {
                values.put(field.key(), date.toString());
                task.setVariable(field.key(), date.toString());
            }
        }

        List<RecordedField> recorded = new ArrayList<>();
        for (TaskForm.Field field : form.fields()) {
            Object value = values.get(field.key());
            if (value != null) {
                String text = field.optionLabels().getOrDefault(String.valueOf(value), String.valueOf(value));
                recorded.add(new RecordedField(field.key(), field.label(), value, text));
            }
        }
        TaskForm.Field decision = form.decision();
        String outcome = decision == null ? null : (String) values.get(decision.key());
        repository.insertRecord(code, task.getTaskDefinitionKey(),
                TaskNames.stageOf(task.getName()), task.getId(), actor(task), outcome, recorded);

        form.fields().stream().filter(f -> f.kind() == TaskForm.Kind.TEXT)
                .forEach(f -> task.removeVariable(f.key()));
    }

    TaskForm formOf(DelegateTask task) {
        TaskEntity entity = (TaskEntity) task;
        String formId = entity.getTaskDefinition().getCamundaFormDefinitionKey().getExpressionText();
        String deploymentId = ((ExecutionEntity) task.getExecution()).getProcessDefinition().getDeploymentId();
        return forms.form(deploymentId, formId);
    }

    private static String actor(DelegateTask task) {
        String userId = Context.getCommandContext().getAuthenticatedUserId();
        return userId != null ? userId : task.getAssignee();
    }
}
