package cn.reformoffice.platform.migration;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.batch.BatchStatistics;
import org.camunda.bpm.engine.batch.history.HistoricBatch;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationInstructionValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.CatchEvent;
import org.camunda.bpm.model.bpmn.instance.ConditionalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.EventDefinition;
import org.camunda.bpm.model.bpmn.instance.Expression;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SignalEventDefinition;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Moves running reform tasks to another version of {@code reform-task} (the office, from the product):
 * the versions with their running instances, a dry run that says which instances would move and which
 * cannot (and why, in Chinese), and Camunda's batch migration with its progress.
 * <p>The plan maps equal activities ({@code mapEqualActivities()}), but decides event triggers one by
 * one: a timer or message whose definition is the same in both versions keeps its job or subscription as
 * it is — the quarterly timer keeps its due date (also when the office asked for a report early and the
 * timer was moved a quarter on, which a recomputation would undo) and the 督查 message start stays ready —
 * and only a trigger the new version defines differently is recomputed ({@code updateEventTrigger()}).
 * User tasks are migrated, not recreated: their ids, and so the reminder watches (business key = task
 * id) and the ledger's open steps, stay valid.
 * <p>Who may is decided by the controller (office and admins); the engine calls here run without the
 * engine's authorization checks, as the office holds no migration permissions of its own (the engine's
 * migration routes stay closed to all but admins). The batch records the user who started it.
 */
@Component
public class ProcessMigrations {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessMigrations.class);
    static final String KEY = ReformTaskService.PROCESS_KEY;
    private static final String MULTI_INSTANCE_BODY = "#multiInstanceBody";
    private static final Pattern FAILED_INSTANCE = Pattern.compile("process instance '([^']+)'");

    public record Version(int version, String definitionId, String deploymentId, Date deployedAt,
            long runningInstances, boolean latest) {
    }

    public record Step(String activityId, String name) {
    }

    /** A timer, message or signal of the plan: kept as it is, or recomputed from the new version. */
    public record EventTrigger(String activityId, String name, String kind, boolean recomputed, String note) {
    }

    /** One running reform task: where it waits and, when it cannot move, why (Chinese; Camunda's text in details). */
    public record Instance(String processInstanceId, String code, String title, List<Step> waitingAt, String message,
            List<String> reasons, List<String> details) {
    }

    public record DryRun(int from, int to, String sourceDefinitionId, String targetDefinitionId, int running,
            List<Step> added, List<Step> removed, List<EventTrigger> eventTriggers, List<String> planProblems,
            List<Instance> movable, List<Instance> blocked, boolean canStart, String summary) {
    }

    public record Started(String batchId, int from, int to, int instances, List<Instance> skipped, String message) {
    }

    public record BatchFailure(String processInstanceId, String code, String message, String detail) {
    }

    public record Progress(String batchId, String state, String stateLabel, int total, int completed, int remaining,
            int failed, String createdBy, Date startTime, Date endTime, List<BatchFailure> failures, String message) {
    }

    private record Analysis(MigrationPlan plan, DryRun view) {
    }

    private record Plan(MigrationPlan plan, List<EventTrigger> triggers, List<String> problems) {
    }

    /** A trial that failed while migrating (rolled back); the message is for the log and the details. */
    private static final class TrialFailed extends BadUserRequestException {
        private static final long serialVersionUID = 1L;

        TrialFailed(Throwable cause) {
            super(String.valueOf(cause.getMessage()), cause);
        }
    }

    private final ProcessEngineConfigurationImpl configuration;
    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final HistoryService history;
    private final ReformTaskService tasks;
    private final TransactionTemplate rolledBack;

    ProcessMigrations(ProcessEngine engine, ReformTaskService tasks, PlatformTransactionManager transactionManager) {
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        this.repository = engine.getRepositoryService();
        this.runtime = engine.getRuntimeService();
        this.management = engine.getManagementService();
        this.history = engine.getHistoryService();
        this.tasks = tasks;
        this.rolledBack = new TransactionTemplate(transactionManager);
        this.rolledBack.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    // --- versions --------------------------------------------------------------------------------

    /** Every deployed version of reform-task, oldest first, with the number of its running instances. */
    public List<Version> versions() {
        return platform(() -> {
            List<ProcessDefinition> definitions = definitions();
            int latest = definitions.isEmpty() ? 0 : definitions.get(definitions.size() - 1).getVersion();
            return definitions.stream().map(definition -> new Version(definition.getVersion(), definition.getId(),
                    definition.getDeploymentId(), repository.createDeploymentQuery()
                            .deploymentId(definition.getDeploymentId()).singleResult().getDeploymentTime(),
                    runtime.createProcessInstanceQuery().processDefinitionId(definition.getId()).count(),
                    definition.getVersion() == latest)).toList();
        });
    }

    private List<ProcessDefinition> definitions() {
        return repository.createProcessDefinitionQuery().processDefinitionKey(KEY).withoutTenantId()
                .orderByProcessDefinitionVersion().asc().list();
    }

    // --- dry run ---------------------------------------------------------------------------------

    /** What a migration from one version to another would do, changing nothing. */
    public DryRun dryRun(Integer from, Integer to) {
        return analyse(from, to).view();
    }

    /**
     * Starts Camunda's batch migration of the instances the dry run finds movable (checked again now); the
     * others stay on their version and are listed as skipped. 409 when the plan has problems or nothing can move.
     */
    public Started start(Integer from, Integer to, String actorId) {
        Analysis analysis = analyse(from, to);
        DryRun view = analysis.view();
        if (!view.planProblems().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "迁移方案有问题，未开始迁移："
                    + String.join("；", view.planProblems()));
        }
        if (view.movable().isEmpty()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "版本 " + from + " 上没有可以迁移到版本 " + to
                    + " 的改革任务" + (view.blocked().isEmpty() ? "。" : "（" + view.blocked().size()
                            + " 个不能迁移，原因见预览）。"));
        }
        List<String> ids = view.movable().stream().map(Instance::processInstanceId).toList();
        Batch batch = platform(() -> runtime.newMigration(analysis.plan()).processInstanceIds(ids).executeAsync());
        LOG.info("Migration of {} version {} to {} started by {}: batch {}, {} instances, {} skipped", KEY, from, to,
                actorId, batch.getId(), ids.size(), view.blocked().size());
        return new Started(batch.getId(), from, to, ids.size(), view.blocked(), "已开始把 " + ids.size()
                + " 个改革任务从版本 " + from + " 迁移到版本 " + to + "（批处理 " + batch.getId() + "）"
                + (view.blocked().isEmpty() ? "。" : "；" + view.blocked().size() + " 个不能迁移，留在版本 " + from
                        + "。"));
    }

    private Analysis analyse(Integer from, Integer to) {
        if (from == null || to == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "请给出迁移的原版本（from）和目标版本（to），例如 {\"from\": 1, \"to\": 2}。");
        }
        if (from.equals(to)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "原版本和目标版本相同（版本 " + from + "），无需迁移。");
        }
        List<ProcessDefinition> definitions = platform(this::definitions);
        ProcessDefinition source = pick(definitions, from);
        ProcessDefinition target = pick(definitions, to);
        BpmnModelInstance sourceModel = platform(() -> repository.getBpmnModelInstance(source.getId()));
        BpmnModelInstance targetModel = platform(() -> repository.getBpmnModelInstance(target.getId()));

        Map<String, String> sourceSteps = steps(sourceModel);
        Map<String, String> targetSteps = steps(targetModel);
        List<Step> added = targetSteps.entrySet().stream().filter(e -> !sourceSteps.containsKey(e.getKey()))
                .map(e -> new Step(e.getKey(), e.getValue())).toList();
        List<Step> removed = sourceSteps.entrySet().stream().filter(e -> !targetSteps.containsKey(e.getKey()))
                .map(e -> new Step(e.getKey(), e.getValue())).toList();

        Plan plan = plan(source, target, sourceModel, targetModel);
        List<String> problems = new ArrayList<>(plan.problems());
        problems.addAll(platform(() -> missingForms(target, targetModel)));

        List<String> instanceIds = platform(() -> runtime.createProcessInstanceQuery()
                .processDefinitionId(source.getId()).orderByProcessInstanceId().asc().list().stream()
                .map(ProcessInstance::getId).toList());
        List<Instance> movable = new ArrayList<>();
        List<Instance> blocked = new ArrayList<>();
        for (String id : instanceIds) {
            Instance checked = check(id, plan, problems, sourceModel, to);
            if (checked == null) {
                continue; // ended meanwhile
            }
            (checked.reasons().isEmpty() ? movable : blocked).add(checked);
        }
        boolean canStart = problems.isEmpty() && !movable.isEmpty();
        String summary = "版本 " + from + " → 版本 " + to + "：运行中的改革任务 " + (movable.size() + blocked.size())
                + " 个，可以迁移 " + movable.size() + " 个，不能迁移 " + blocked.size() + " 个。"
                + (problems.isEmpty() ? "" : "迁移方案有问题，不能开始迁移：" + String.join("；", problems));
        return new Analysis(plan.plan(), new DryRun(from, to, source.getId(), target.getId(),
                movable.size() + blocked.size(), added, removed, plan.triggers(), List.copyOf(problems),
                movable, blocked, canStart, summary));
    }

    private static ProcessDefinition pick(List<ProcessDefinition> definitions, int version) {
        return definitions.stream().filter(d -> d.getVersion() == version).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "改革任务流程没有版本 " + version
                        + "。现有版本：" + definitions.stream().map(d -> String.valueOf(d.getVersion()))
                                .collect(Collectors.joining("、")) + "。"));
    }

    /**
     * Camunda's instructions for equal activities, rebuilt one by one so that each event trigger is
     * recomputed only if the new version defines it differently (see the class comment). Each build is a
     * command of its own: a refused plan must not roll back a command around it.
     */
    private Plan plan(ProcessDefinition source, ProcessDefinition target, BpmnModelInstance sourceModel,
            BpmnModelInstance targetModel) {
        try {
            MigrationPlan generated = platform(() -> runtime.createMigrationPlan(source.getId(), target.getId())
                    .mapEqualActivities().build());
            MigrationPlanBuilder builder = runtime.createMigrationPlan(source.getId(), target.getId());
            List<EventTrigger> triggers = new ArrayList<>();
            for (MigrationInstruction instruction : generated.getInstructions()) {
                var mapping = builder.mapActivities(instruction.getSourceActivityId(),
                        instruction.getTargetActivityId());
                String sourceTrigger = trigger(sourceModel, instruction.getSourceActivityId());
                boolean recompute = instruction.isUpdateEventTrigger() || sourceTrigger != null
                        && !sourceTrigger.equals(trigger(targetModel, instruction.getTargetActivityId()));
                if (recompute) {
                    mapping.updateEventTrigger();
                }
                if (sourceTrigger != null) {
                    triggers.add(eventTrigger(sourceModel, instruction.getSourceActivityId(), sourceTrigger,
                            recompute));
                }
                builder = mapping;
            }
            MigrationPlanBuilder complete = builder;
            return new Plan(platform(complete::build), triggers, List.of());
        } catch (MigrationPlanValidationException e) {
            List<String> problems = new ArrayList<>();
            for (MigrationInstructionValidationReport report : e.getValidationReport().getInstructionReports()) {
                MigrationInstruction instruction = report.getMigrationInstruction();
                problems.add("“" + name(sourceModel, instruction.getSourceActivityId()) + "”对应到新版本的“"
                        + name(targetModel, instruction.getTargetActivityId()) + "”无效（"
                        + String.join("; ", report.getFailures()) + "）");
            }
            if (problems.isEmpty()) {
                problems.add("迁移方案无效（" + e.getMessage() + "）");
            }
            return new Plan(null, List.of(), problems);
        }
    }

    /** The definition of a catch event's trigger, to compare two versions; null for anything else. */
    private static String trigger(BpmnModelInstance model, String activityId) {
        if (!(model.getModelElementById(activityId) instanceof CatchEvent event)
                || event.getEventDefinitions().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (EventDefinition definition : event.getEventDefinitions()) {
            if (definition instanceof TimerEventDefinition timer) {
                parts.add("timer:" + text(timer.getTimeDate()) + "|" + text(timer.getTimeCycle()) + "|"
                        + text(timer.getTimeDuration()));
            } else if (definition instanceof MessageEventDefinition message) {
                parts.add("message:" + (message.getMessage() == null ? "" : message.getMessage().getName()));
            } else if (definition instanceof SignalEventDefinition signal) {
                parts.add("signal:" + (signal.getSignal() == null ? "" : signal.getSignal().getName()));
            } else if (definition instanceof ConditionalEventDefinition conditional) {
                parts.add("conditional:" + (conditional.getCondition() == null ? ""
                        : conditional.getCondition().getTextContent().trim()));
            } else {
                parts.add(definition.getElementType().getTypeName());
            }
        }
        return String.join(",", parts);
    }

    private static String text(Expression expression) {
        return expression == null ? "" : expression.getTextContent().trim();
    }

    private static EventTrigger eventTrigger(BpmnModelInstance model, String activityId, String trigger,
            boolean recompute) {
        String name = name(model, activityId);
        String kind = trigger.startsWith("timer:") ? "定时" : trigger.startsWith("message:") ? "消息"
                : trigger.startsWith("signal:") ? "信号" : trigger.startsWith("conditional:") ? "条件" : "事件";
        String note;
        if (recompute) {
            note = "“" + name + "”的" + kind + "设置在新版本中改变了，迁移时按新版本重新设置"
                    + ("定时".equals(kind) ? "（到期时间从迁移时起重新计算）。" : "。");
        } else if ("定时".equals(kind)) {
            note = "“" + name + "”的定时原样保留：到期时间不变（包括改革办提前发起季度报送后顺延的时间），不重新计算。";
        } else {
            note = "“" + name + "”的" + kind + "订阅原样保留，迁移后仍可照常触发。";
        }
        return new EventTrigger(activityId, name, kind, recompute, note);
    }

    /** The steps of a version the office would recognise: activities and catch events with a trigger, by id. */
    private static Map<String, String> steps(BpmnModelInstance model) {
        Map<String, String> steps = new LinkedHashMap<>();
        for (Activity activity : model.getModelElementsByType(Activity.class)) {
            steps.put(activity.getId(), nameOf(activity));
        }
        for (CatchEvent event : model.getModelElementsByType(CatchEvent.class)) {
            if (!event.getEventDefinitions().isEmpty()) {
                steps.put(event.getId(), nameOf(event));
            }
        }
        return steps;
    }

    /**
     * Each version takes its forms from its own deployment ({@code formRefBinding="deployment"}), which the
     * platform's server-side checks read as {@code forms/<id>.form}: a version deployed without them could
     * neither show nor accept the forms of the migrated steps.
     */
    private List<String> missingForms(ProcessDefinition target, BpmnModelInstance targetModel) {
        Set<String> resources = new LinkedHashSet<>(repository.getDeploymentResourceNames(target.getDeploymentId()));
        List<String> missing = new ArrayList<>();
        for (UserTask task : targetModel.getModelElementsByType(UserTask.class)) {
            String form = task.getCamundaFormRef();
            if (form != null && "deployment".equals(task.getCamundaFormRefBinding())
                    && !resources.contains("forms/" + form + ".form")) {
                missing.add("版本 " + target.getVersion() + " 的部署中缺少环节“" + nameOf(task) + "”的表单 forms/" + form
                        + ".form，迁移后该环节无法打开和提交");
            }
        }
        return missing;
    }

    /** One instance against the plan: Camunda's validation, then a trial migration rolled back. Null if ended. */
    private Instance check(String processInstanceId, Plan plan, List<String> planProblems,
            BpmnModelInstance sourceModel, int to) {
        ProcessInstance instance = platform(() -> runtime.createProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult());
        List<Step> waitingAt = instance == null ? null : platform(() -> waitingAt(processInstanceId, sourceModel));
        if (instance == null || waitingAt == null) {
            return null;
        }
        String code = instance.getBusinessKey();
        String title = code == null ? null : tasks.find(code).map(ReformTask::title).orElse(null);
        String what = "改革任务 " + (code == null ? processInstanceId : code) + (title == null ? "" : "《" + title + "》");
        String where = waitingAt.stream().map(s -> "“" + s.name() + "”").collect(Collectors.joining("、"));
        if (plan.plan() == null || !planProblems.isEmpty()) {
            String reason = "迁移方案有问题，见上方说明";
            return new Instance(processInstanceId, code, title, waitingAt, what + "（当前在" + where + "）暂不能迁移："
                    + reason + "。", List.of(reason), List.of());
        }
        List<String> reasons = new ArrayList<>();
        List<String> details = new ArrayList<>();
        try {
            List<MigrationCheck.Failure> failures = trial(processInstanceId, plan.plan());
            if (failures == null) {
                return null;
            }
            for (MigrationCheck.Failure failure : failures) {
                reasons.add(reason(failure, sourceModel, to));
                details.add((failure.activityId() == null ? "" : failure.activityId() + ": ") + failure.failure());
            }
        } catch (TrialFailed e) {
            LOG.warn("Trial migration of {} ({}) to version {} failed: {}", processInstanceId, code, to,
                    e.getMessage(), e.getCause());
            reasons.add("试迁移时出错，不能迁移。请系统管理员查看日志中该改革任务的记录。");
            details.add(e.getMessage());
        }
        String message = reasons.isEmpty() ? what + "可以迁移（当前在" + where + "）。"
                : what + "不能迁移：" + String.join("；", reasons);
        return new Instance(processInstanceId, code, title, waitingAt, message, List.copyOf(reasons),
                List.copyOf(details));
    }

    /**
     * Validates the instance and, if it passes, migrates it, in a transaction of its own that is always
     * rolled back: nothing changes, but whatever would fail on migrating it fails here. Must not run
     * inside an engine command (which it would join, and so commit).
     */
    private List<MigrationCheck.Failure> trial(String processInstanceId, MigrationPlan plan) {
        CommandExecutor executor = configuration.getCommandExecutorTxRequired();
        return rolledBack.execute(status -> {
            status.setRollbackOnly();
            return executor.execute(context -> context.runWithoutAuthorization(() -> {
                try {
                    return new MigrationCheck(executor, plan).check(context, processInstanceId, true);
                } catch (RuntimeException e) {
                    // nothing of the half-migrated instance may be flushed; logged by the engine at DEBUG only
                    throw new TrialFailed(e);
                }
            }));
        });
    }

    private String reason(MigrationCheck.Failure failure, BpmnModelInstance sourceModel, int to) {
        String step = failure.activityId() == null ? "" : "“" + name(sourceModel, failure.activityId()) + "”";
        String text = failure.failure();
        if (text.startsWith("There is no migration instruction for this instance's activity")) {
            return "停在" + step + "，版本 " + to + " 中没有这个环节（已删除或改了 ID），不能迁移。"
                    + "请先办完该环节再迁移，或在新版本中保留同一 ID 的环节";
        }
        if (text.startsWith("The type of the source activity is not supported")) {
            return step + "这类环节不支持迁移";
        }
        if (text.startsWith("The variable '")) {
            return step + "的流程变量与版本 " + to + " 中的同名变量冲突";
        }
        if (text.startsWith("Target activity is not async")) {
            return step + "在版本 " + to + " 中的异步设置不同，正在等待执行的作业不能迁移";
        }
        if (text.startsWith("Process instance contains not migrated")) {
            return "流程中有版本 " + to + " 无法对应的作业或事件订阅";
        }
        return (step.isEmpty() ? "" : step + "：") + "Camunda 不允许迁移（原因见 details）";
    }

    /** The leaves of the instance's activity tree: the steps it waits in. Null when it has ended. */
    private List<Step> waitingAt(String processInstanceId, BpmnModelInstance model) {
        ActivityInstance root = runtime.getActivityInstance(processInstanceId);
        if (root == null) {
            return null;
        }
        Set<String> ids = new LinkedHashSet<>();
        collectLeaves(root, ids);
        return ids.stream().map(id -> new Step(id, name(model, id))).toList();
    }

    private static void collectLeaves(ActivityInstance instance, Collection<String> ids) {
        for (TransitionInstance transition : instance.getChildTransitionInstances()) {
            ids.add(transition.getActivityId());
        }
        for (ActivityInstance child : instance.getChildActivityInstances()) {
            if (child.getChildActivityInstances().length == 0 && child.getChildTransitionInstances().length == 0) {
                ids.add(child.getActivityId());
            } else {
                collectLeaves(child, ids);
            }
        }
    }

    private static String name(BpmnModelInstance model, String activityId) {
        String id = activityId.endsWith(MULTI_INSTANCE_BODY)
                ? activityId.substring(0, activityId.length() - MULTI_INSTANCE_BODY.length()) : activityId;
        ModelElementInstance element = model.getModelElementById(id);
        return element instanceof FlowElement flowElement ? nameOf(flowElement) : id;
    }

    private static String nameOf(FlowElement element) {
        return element.getName() == null || element.getName().isBlank() ? element.getId() : element.getName();
    }

    // --- progress --------------------------------------------------------------------------------

    /** A migration batch while it runs (jobs done, left, failed with the reform task) and after it ended. */
    public Progress progress(String batchId) {
        Progress progress = platform(() -> {
            Batch batch = management.createBatchQuery().batchId(batchId).singleResult();
            if (batch != null) {
                return batch.getType().equals(Batch.TYPE_PROCESS_INSTANCE_MIGRATION) ? running(batch) : null;
            }
            HistoricBatch ended = history.createHistoricBatchQuery().batchId(batchId).singleResult();
            return ended == null || !ended.getType().equals(Batch.TYPE_PROCESS_INSTANCE_MIGRATION) ? null
                    : ended(ended);
        });
        if (progress == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "没有找到流程版本迁移批处理 " + batchId + "。");
        }
        return progress;
    }

    private Progress running(Batch batch) {
        BatchStatistics statistics = management.createBatchStatisticsQuery().batchId(batch.getId()).singleResult();
        List<BatchFailure> failures = new ArrayList<>();
        for (Job job : management.createJobQuery().jobDefinitionId(batch.getBatchJobDefinitionId()).withException()
                .list()) {
            failures.add(failure(job.getExceptionMessage(), job.getRetries() > 0));
        }
        int total = batch.getTotalJobs();
        int completed = statistics == null ? 0 : statistics.getCompletedJobs();
        int remaining = statistics == null ? total : statistics.getRemainingJobs();
        int failed = statistics == null ? 0 : statistics.getFailedJobs();
        boolean failing = !failures.isEmpty();
        String message = "迁移进行中：共 " + total + " 个改革任务，已完成 " + completed + " 个，待迁移 " + remaining + " 个"
                + (failing ? "，出错 " + failures.size() + " 个（见 failures；出错的会自动重试，重试用完后在流程监控中显示为事件）。"
                        : "。");
        return new Progress(batch.getId(), failing ? "FAILING" : "RUNNING", failing ? "进行中（有出错）" : "进行中",
                total, completed, remaining, failed, batch.getCreateUserId(), batch.getStartTime(), null, failures,
                message);
    }

    private Progress ended(HistoricBatch batch) {
        int total = batch.getTotalJobs();
        int completed = (int) history.createHistoricJobLogQuery().jobDefinitionId(batch.getBatchJobDefinitionId())
                .successLog().count();
        boolean complete = completed >= total;
        return new Progress(batch.getId(), complete ? "COMPLETED" : "ENDED", complete ? "已完成" : "已结束（未全部完成）",
                total, Math.min(completed, total), 0, complete ? 0 : total - completed, batch.getCreateUserId(),
                batch.getStartTime(), batch.getEndTime(), List.of(), complete
                        ? "迁移已完成：" + total + " 个改革任务已迁移到新版本。"
                        : "批处理已结束，但只完成了 " + completed + " 个（共 " + total + " 个），可能被管理员取消。"
                                + "请在版本列表中核对各版本上运行中的改革任务数，必要时再次预览并迁移。");
    }

    private BatchFailure failure(String exceptionMessage, boolean willRetry) {
        String text = exceptionMessage == null ? "" : exceptionMessage;
        Matcher matcher = FAILED_INSTANCE.matcher(text);
        String instanceId = matcher.find() ? matcher.group(1) : null;
        String code = instanceId == null ? null : runtime.createProcessInstanceQuery().processInstanceId(instanceId)
                .list().stream().map(ProcessInstance::getBusinessKey).findFirst().orElse(null);
        String message = (code == null ? "一个改革任务" : "改革任务 " + code) + "迁移出错"
                + (willRetry ? "，将自动重试。" : "，已停止重试：请在流程监控中查看该批处理的事件，或再次预览迁移找出原因。");
        return new BatchFailure(instanceId, code, message, text);
    }

    // ---------------------------------------------------------------------------------------------

    /** Runs engine calls as one command without the engine's authorization checks (see the class comment). */
    private <T> T platform(Callable<T> work) {
        return configuration.getCommandExecutorTxRequired()
                .execute(context -> context.runWithoutAuthorization(work));
    }
}
