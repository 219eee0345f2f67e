package cn.reformoffice.platform.reminder;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.lifecycle.TaskContextRefresher;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.RefusedException;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.TaskRecord.RecordedField;
import cn.reformoffice.platform.task.TaskNames;

/**
 * 延期申请: the unit responsible for a task asks, before its due date passes, for a later one with a
 * reason; the office approves (the due date and the pending reminders move) or rejects. Both steps
 * leave a comment on the task.
 * <p>The new due date must be after the current one and after today, and at most the end of the year after the
 * reform task's plan year (or after the current due date's year, for a task already running past its plan
 * year): 延期 moves a step by weeks or months, not into another decade. Approval checks the same again.
 */
@Service
public class ExtensionRequests {

    public record ExtensionRequest(long id, String taskCode, String camundaTaskId, String stageName,
            String requestedBy, String reason, LocalDate currentDue, LocalDate requestedDue, String status,
            String decidedBy, String decisionComment, OffsetDateTime createdAt, OffsetDateTime decidedAt,
            String processInstanceId) {
    }

    /** The process in which the office decides a request (one user task, see processes/extension-request.bpmn). */
    public static final String PROCESS_KEY = "extensionRequest";
    static final String DECISION_TASK = "TaskDecideExtension";
    static final String REQUEST_ID = "extensionRequestId";
    static final String CLOSE_OUT_STEP = "Task_ImplementAndApplyCloseOut";

    private final JdbcClient jdbc;
    private final TaskService taskService;
    private final ReminderRescheduler rescheduler;
    private final ReformTaskService reformTasks;
    private final RuntimeService runtimeService;
    private final IdentityService identityService;
    private final ReformTaskRepository repository;
    private final TaskContextRefresher contexts;
    private final OrganizationDirectory directory;

    /** Who decides, for a decision made through the API without an engine authentication (tests, scripts). */
    private final ThreadLocal<String> decidingUser = new ThreadLocal<>();

    ExtensionRequests(JdbcClient jdbc, TaskService taskService, ReminderRescheduler rescheduler,
            ReformTaskService reformTasks, RuntimeService runtimeService, IdentityService identityService,
            ReformTaskRepository repository, TaskContextRefresher contexts, OrganizationDirectory directory) {
        this.jdbc = jdbc;
        this.taskService = taskService;
        this.rescheduler = rescheduler;
        this.reformTasks = reformTasks;
        this.runtimeService = runtimeService;
        this.identityService = identityService;
        this.repository = repository;
        this.contexts = contexts;
        this.directory = directory;
    }

    /** The latest due date an extension may ask for: 31 December of the year after the plan year (see above). */
    LocalDate latestDueDate(String taskCode, LocalDate currentDue) {
        int planYear = reformTasks.find(taskCode).map(task -> task.year()).orElse(currentDue.getYear());
        return LocalDate.of(Math.max(planYear, currentDue.getYear()) + 1, 12, 31);
    }

    private static LocalDate today() {
        return DueDates.toChinaDate(ClockUtil.getCurrentTime());
    }

    /** Called with the requesting user authenticated: a task the user cannot see is "not found". */
    @Transactional
    public ExtensionRequest request(String taskId, LocalDate requestedDue, String reason, String userId,
            List<String> groupIds) {
        Task task = taskService.createTaskQuery().taskId(taskId).processDefinitionKey(ReformTaskService.PROCESS_KEY)
                .singleResult();
        if (task == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "任务不存在，或您无权查看该任务。");
        }
        boolean responsible = userId.equals(task.getAssignee()) || taskService.getIdentityLinksForTask(taskId)
                .stream().anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType())
                        && link.getGroupId() != null && groupIds.contains(link.getGroupId()));
        if (!responsible) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "只有负责办理该任务的单位或人员可以申请延期。");
        }
        if (reason == null || reason.isBlank()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "请填写延期理由。");
        }
        if (task.getDueDate() == null || !ClockUtil.getCurrentTime().before(task.getDueDate())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "该任务已到期，不能再申请延期；请尽快办理。");
        }
        LocalDate currentDue = DueDates.toChinaDate(task.getDueDate());
        if (requestedDue == null || !requestedDue.isAfter(currentDue)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "申请的新期限必须晚于当前期限" + currentDue + "。");
        }
        if (!requestedDue.isAfter(today())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "申请的新期限必须晚于今天（" + today() + "）。");
        }
        String code = reformTasks.codeOf(task);
        LocalDate latest = latestDueDate(code, currentDue);
        if (requestedDue.isAfter(latest)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "申请的新期限" + requestedDue + "过晚：最晚可申请延至"
                    + latest + "（任务年度次年年底）；需要更长时间的，请联系改革办调整任务完成时限。");
        }
        if (jdbc.sql("select count(*) from extension_request where camunda_task_id = ? and status = 'PENDING'")
                .param(taskId).query(Long.class).single() > 0) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "该任务已有待审批的延期申请，请勿重复提交。");
        }
        String stage = TaskNames.stageOf(task.getName());
        try {
            jdbc.sql("""
                    insert into extension_request (task_code, camunda_task_id, pending_task_id, stage_name,
                        requested_by, reason, current_due, requested_due, status, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)""")
                    .params(code, taskId, taskId, stage, userId, reason.trim(), currentDue, requestedDue,
                            OffsetDateTime.now())
                    .update();
        } catch (DuplicateKeyException e) {
            // a request for the same task submitted at the same moment won the race
            throw new ResponseStatusException(HttpStatus.CONFLICT, "该任务已有待审批的延期申请，请勿重复提交。");
        }
        taskService.createComment(taskId, task.getProcessInstanceId(),
                "【延期申请】申请将期限由" + currentDue + "延至" + requestedDue + "，理由：" + reason.trim());
        ExtensionRequest stored = jdbc.sql(
                "select * from extension_request where camunda_task_id = ? and status = 'PENDING'")
                .param(taskId).query(ExtensionRequest.class).single();
        startDecision(stored);
        return find(stored.id());
    }

    /**
     * Starts the office's 延期审批 task of a request (business key: the reform task's code). The unit asking may
     * not start processes: the platform starts it, without the user's engine authentication.
     */
    private void startDecision(ExtensionRequest request) {
        ReformTask reformTask = reformTasks.get(request.taskCode());
        Map<String, Object> variables = new HashMap<>();
        variables.put(REQUEST_ID, request.id());
        // shown on the task cards of the Tasklist filters, like a reform task's steps
        variables.put("taskCode", reformTask.code());
        variables.put("taskTitle", reformTask.title());
        variables.put("leadUnitName", reformTask.leadUnitIds().isEmpty() ? null
                : directory.unitName(reformTask.primaryLeadUnitId()));
        Authentication user = identityService.getCurrentAuthentication();
        identityService.clearAuthentication();
        try {
            String instanceId = runtimeService.startProcessInstanceByKey(PROCESS_KEY, reformTask.code(), variables)
                    .getId();
            jdbc.sql("update extension_request set process_instance_id = ? where id = ?")
                    .params(instanceId, request.id()).update();
        } finally {
            if (user != null) {
                identityService.setAuthentication(user);
            }
        }
    }

    /**
     * Requests still pending from before decisions were user tasks get their 延期审批 task (at start-up). Each
     * is claimed by setting its process instance in the same transaction, so two nodes start it once.
     */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void startMissingDecisions() {
        for (ExtensionRequest request : jdbc.sql(
                "select * from extension_request where status = 'PENDING' and process_instance_id is null")
                .query(ExtensionRequest.class).list()) {
            if (jdbc.sql("update extension_request set process_instance_id = 'starting' where id = ? "
                    + "and process_instance_id is null").param(request.id()).update() == 1) {
                startDecision(request);
            }
        }
    }

    /**
     * The office's decision through the API ({@code POST /api/extensions/{id}/decision}): completes the request's
     * 延期审批 user task with the decision form's fields, so Tasklist and the API take one path
     * ({@link #applyDecision}, run by the task's complete listener). A request is decided once: the second
     * decision is refused (409).
     */
    @Transactional
    public ExtensionRequest decide(long id, boolean approve, String comment, String officeUserId) {
        ExtensionRequest request = find(id);
        if (!"PENDING".equals(request.status())) {
            throw alreadyDecided();
        }
        if (!approve && (comment == null || comment.isBlank())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "不同意延期时请填写审批意见。");
        }
        Task decision = decisionTaskOf(request);
        if (decision == null) {
            throw alreadyDecided();
        }
        Map<String, Object> form = new HashMap<>();
        form.put("extensionDecision", approve ? "approve" : "reject");
        form.put("extensionComment", comment == null || comment.isBlank() ? null : comment.trim());
        decidingUser.set(officeUserId);
        try {
            taskService.complete(decision.getId(), form);
        } catch (ProcessEngineException e) {
            throw asApiError(e);
        } finally {
            decidingUser.remove();
        }
        return find(id);
    }

    /** The open 延期审批 task of a pending request; started now for a request from before such tasks existed. */
    private Task decisionTaskOf(ExtensionRequest request) {
        if (request.processInstanceId() == null || "starting".equals(request.processInstanceId())) {
            startDecision(request);
            request = find(request.id());
        }
        return taskService.createTaskQuery().processInstanceId(request.processInstanceId())
                .taskDefinitionKey(DECISION_TASK).singleResult();
    }

    private static ResponseStatusException asApiError(ProcessEngineException e) {
        if (e instanceof OptimisticLockingException) {
            return alreadyDecided();
        }
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof RefusedException refused) {
                return new ResponseStatusException(HttpStatus.valueOf(refused.status()), refused.getMessage());
            }
        }
        throw e;
    }

    private static ResponseStatusException alreadyDecided() {
        return new ResponseStatusException(HttpStatus.CONFLICT, "该延期申请已处理，请勿重复审批。");
    }

    /** Who decides: the engine's authenticated user (Tasklist, the API), else the API's caller. */
    String decidingUser() {
        return decidingUser.get();
    }

    /**
     * Applies the office's decision (the 延期审批 task's complete listener runs it, inside that command): checks
     * that it may be made, marks the request decided (once: of two decisions at the same moment, the second is
     * refused), on approval moves the step's due date and its reminders — and, for 实施并申请销号, the reform
     * task's 完成时限 — comments on the step and records a 延期 row in the ledger. Approval must still move the
     * deadline later than it is now (it may have moved since). Refusals are {@link ResponseStatusException}s.
     */
    void applyDecision(long id, boolean approve, String comment, String actorId, String decisionTaskId) {
        ExtensionRequest request = find(id);
        if (!"PENDING".equals(request.status())) {
            throw alreadyDecided();
        }
        if (!approve && (comment == null || comment.isBlank())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "不同意延期时请填写审批意见。");
        }
        Task task = taskService.createTaskQuery().taskId(request.camundaTaskId()).singleResult();
        if (approve && task == null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "该环节已办结，不能再延期；请选择“不同意”并说明情况，以结束此审批。");
        }
        if (approve && !request.requestedDue().isAfter(today())) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "申请延至的" + request.requestedDue()
                    + "已不晚于今天，不能同意此申请；请选择“不同意”，由牵头单位重新申请。");
        }
        if (approve && request.requestedDue().isAfter(latestDueDate(request.taskCode(), request.currentDue()))) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "申请延至的" + request.requestedDue()
                    + "过晚：最晚可延至" + latestDueDate(request.taskCode(), request.currentDue())
                    + "（任务年度次年年底），不能同意此申请；请选择“不同意”并说明情况。");
        }
        if (approve && task.getDueDate() != null
                && !request.requestedDue().isAfter(DueDates.toChinaDate(task.getDueDate()))) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "该任务的期限已调整为"
                    + DueDates.toChinaDate(task.getDueDate()) + "，不早于申请延至的" + request.requestedDue()
                    + "，无需同意此申请；请选择“不同意”并说明情况。");
        }
        String trimmed = comment == null || comment.isBlank() ? null : comment.trim();
        int decided = jdbc.sql("""
                update extension_request set status = ?, decided_by = ?, decision_comment = ?, decided_at = ?,
                    pending_task_id = null
                where id = ? and status = 'PENDING'""")
                .params(approve ? "APPROVED" : "REJECTED", actorId, trimmed, OffsetDateTime.now(), id).update();
        if (decided == 0) {
            throw alreadyDecided();
        }
        if (approve) {
            if (CLOSE_OUT_STEP.equals(task.getTaskDefinitionKey())) {
                // the step is due on the task's 完成时限: the deadline moves with it (first, so that the ledger,
                // refreshed when the step's due date moves, shows both)
                repository.updateDeadline(request.taskCode(), request.requestedDue());
            }
            rescheduler.moveDueDate(request.camundaTaskId(), request.requestedDue(), true);
        }
        if (task != null) {
            taskService.createComment(request.camundaTaskId(), task.getProcessInstanceId(),
                    (approve ? "【同意延期】期限延至" + request.requestedDue() : "【不同意延期】期限仍为" + request.currentDue())
                            + (trimmed == null ? "" : "。意见：" + trimmed));
        }
        List<RecordedField> fields = new ArrayList<>();
        fields.add(new RecordedField("extensionStage", "延期环节", request.stageName(), request.stageName()));
        fields.add(new RecordedField("extensionCurrentDue", "原期限", request.currentDue().toString(),
                request.currentDue().toString()));
        fields.add(new RecordedField("extensionRequestedDue", "申请延至", request.requestedDue().toString(),
                request.requestedDue().toString()));
        fields.add(new RecordedField("extensionReason", "延期理由", request.reason(), request.reason()));
        String requester = directory.personName(request.requestedBy());
        fields.add(new RecordedField("extensionRequestedBy", "申请人", request.requestedBy(), requester));
        String outcome = approve ? "approve" : "reject";
        fields.add(new RecordedField("extensionDecision", "审批结果", outcome, approve ? "同意" : "不同意"));
        if (trimmed != null) {
            fields.add(new RecordedField("extensionComment", "审批意见", trimmed, trimmed));
        }
        repository.insertRecord(request.taskCode(), "ExtensionDecision", "延期", decisionTaskId, actorId, outcome,
                fields);
        contexts.refreshOpenSteps(request.taskCode());
    }

    public ExtensionRequest find(long id) {
        return jdbc.sql("select * from extension_request where id = ?").param(id).query(ExtensionRequest.class)
                .optional().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "延期申请不存在。"));
    }

    public List<ExtensionRequest> list(String status) {
        return query(null, status);
    }

    /** One reform task's requests, newest first. */
    public List<ExtensionRequest> listForTask(String taskCode, String status) {
        return query(taskCode, status);
    }

    /** Newest first; conditions only for the filters given (PostgreSQL cannot type a bare null parameter). */
    private List<ExtensionRequest> query(String taskCode, String status) {
        requireKnownStatus(status);
        StringBuilder sql = new StringBuilder("select * from extension_request where 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (taskCode != null) {
            sql.append(" and task_code = ?");
            params.add(taskCode);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        return jdbc.sql(sql.append(" order by created_at desc, id desc").toString()).params(params)
                .query(ExtensionRequest.class).list();
    }

    private static void requireKnownStatus(String status) {
        if (status != null && !List.of("PENDING", "APPROVED", "REJECTED").contains(status)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "status 只能是 PENDING（待审批）、APPROVED（已同意）或 REJECTED（未同意）。");
        }
    }
}
