package cn.reformoffice.platform.reminder;


import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.lifecycle.TaskContextRefresher;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.reminder.ExtensionRequests.ExtensionRequest;
import cn.reformoffice.platform.security.RefusedException;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.TaskNames;

/**
 * The office's 延期审批 user task ({@code processes/extension-request.bpmn}, bean {@code extensionDecisions}).
 * <p>On create: names the task after the reform task ({@code 延期审批｜2026-002 要素市场化配置综合改革}), makes it
 * due when the step's current due date passes, and puts the request (title, step, old and new date, reason,
 * who asked) and the reform task's history into task-local variables for the form {@code extensionDecision}.
 * <p>On complete: checks the form (同意 / 不同意, 审批意见 required for 不同意) and applies the decision
 * ({@link ExtensionRequests#applyDecision}); a refusal (decided already, the date passed meanwhile …) fails
 * the completion with a Chinese message and changes nothing.
 * <p>Candidate group: the office. Only the office (and admins) read and work these tasks: the engine grants
 * the candidate group, and nobody else has any permission on the process ({@link ExtensionProcessSetup}).
 */
@Component("extensionDecisions")
public class ExtensionDecisions implements TaskListener {

    private static final java.time.format.DateTimeFormatter MINUTES = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneId.of(cn.reformoffice.platform.ReformPlatformApplication.CHINA_ZONE));

    private final ExtensionRequests extensions;
    private final ReformTaskService reformTasks;
    private final OrganizationDirectory directory;
    private final DueDates dueDates;

    ExtensionDecisions(ExtensionRequests extensions, ReformTaskService reformTasks,
            OrganizationDirectory directory, DueDates dueDates) {
        this.extensions = extensions;
        this.reformTasks = reformTasks;
        this.directory = directory;
        this.dueDates = dueDates;
    }

    /** The candidate group of the decision task. */
    public String officeGroupId() {
        return directory.officeGroupId();
    }

    @Override
    public void notify(DelegateTask task) {
        switch (task.getEventName()) {
            case EVENTNAME_CREATE -> created(task);
            case EVENTNAME_COMPLETE -> completing(task);
            default -> { }
        }
    }

    private static long requestId(DelegateTask task) {
        return ((Number) task.getVariable(ExtensionRequests.REQUEST_ID)).longValue();
    }

    private void created(DelegateTask task) {
        ExtensionRequest request = extensions.find(requestId(task));
        ReformTask reformTask = reformTasks.get(request.taskCode());
        task.setName(TaskNames.of("延期审批", reformTask));
        task.setDescription("改革任务 " + reformTask.code() + "《" + reformTask.title() + "》｜延期环节："
                + request.stageName() + "｜原期限：" + request.currentDue() + "｜申请延至：" + request.requestedDue());
        task.setDueDate(dueDates.endOfDay(request.currentDue()));
        // the request as it was made; the task's history is added when the form is opened (FormContextOnOpen)
        task.setVariableLocal("ctxExtension", describe(request, reformTask));
    }

    private String describe(ExtensionRequest request, ReformTask task) {
        String code = java.net.URLEncoder.encode(task.code(), java.nio.charset.StandardCharsets.UTF_8);
        return String.join("\n\n",
                "**改革任务：** " + literal(task.code()) + " " + literal(task.title()),
                "**牵头单位：** " + (task.leadUnitIds().isEmpty() ? "无"
                        : literal(directory.unitName(task.primaryLeadUnitId()))),
                "**延期环节：** " + literal(request.stageName())
                        + (task.deadline() == null ? "" : "　**任务完成时限：** " + task.deadline()),
                "**原期限：** " + request.currentDue() + "　**申请延至：** " + request.requestedDue(),
                "**申请人：** " + literal(directory.personName(request.requestedBy())) + "　**申请时间：** "
                        + MINUTES.format(request.createdAt()),
                "**延期理由：**\n\n" + literal(request.reason()),
                "**相关链接：** [查看台账记录](/ledger/task.html?code=" + code + ")"
                        + "　[全部延期申请](/ledger/extensions.html)");
    }

    private static String literal(String text) {
        return TaskContextRefresher.literal(text);
    }

    private void completing(DelegateTask task) {
        Object decision = task.getVariable("extensionDecision");
        Object comment = task.getVariable("extensionComment");
        if (!"approve".equals(decision) && !"reject".equals(decision)) {
            throw RefusedException.badRequest("任务未提交：请选择审批结果（同意或不同意）。");
        }
        boolean approve = "approve".equals(decision);
        String text = comment == null ? null : comment.toString();
        if (!approve && (text == null || text.isBlank())) {
            throw RefusedException.badRequest("任务未提交：不同意延期时请填写审批意见。");
        }
        CommandContext command = Context.getCommandContext();
        String actor = command.getAuthenticatedUserId() != null ? command.getAuthenticatedUserId()
                : extensions.decidingUser() != null ? extensions.decidingUser() : task.getAssignee();
        try {
            // completing the task was the authorization (office, admins): the step, its reminders, the ledger and
            // the reform task's open steps change on the platform's behalf
            command.runWithoutAuthorization(() -> {
                extensions.applyDecision(requestId(task), approve, text, actor, task.getId());
                return null;
            });
        } catch (ResponseStatusException e) {
            throw new RefusedException(e.getStatusCode().value(), e.getReason());
        }
    }
}
