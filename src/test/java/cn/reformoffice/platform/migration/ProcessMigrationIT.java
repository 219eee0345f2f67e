package cn.reformoffice.platform.migration;

import static cn.reformoffice.platform.browser.ReformApi.LIST;
import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.lifecycle.Inspections;
import cn.reformoffice.platform.lifecycle.QuarterlyReports;
import cn.reformoffice.platform.reminder.ReminderWatches;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;
import cn.reformoffice.platform.task.TaskRecord;

/**
 * Migrating running reform tasks to a new version of reform-task from the product (H2, authorization on,
 * job executor off): reform tasks waiting at every user task of version 1 move, through the office's
 * {@code /api/process-versions} and Camunda's batch migration, to a version 2 with an extra step
 * (销号归档 after 同意销号, derived from processes/reform-task.bpmn by the test) and finish there. Their
 * task ids, reminder watches with their timers, quarterly timers (also one the office's early request
 * moved a quarter on), 督查 message subscriptions and open ledger steps are checked to be the same after
 * the migration, and the new step to work like every other. A version 3 without 复查 shows in the dry
 * run as what cannot move, in Chinese; the dry runs change nothing. Units get 403.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:processmigrationit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class ProcessMigrationIT {

    private static final String ARCHIVE = "Task_ArchiveCloseOut";

    @Autowired TestRestTemplate rest;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired ReformTaskService reformTasks;
    @Autowired QuarterlyReports quarterlyReports;
    @Autowired Inspections inspections;
    @Autowired JdbcClient jdbc;

    private final ReformApi api = new ReformApi(() -> rest);
    private static int sequence;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void onlyTheOfficeAndAdminsSeeAndMigrateProcessVersions() {
        for (String user : List.of("fgw1", "zhaomingyuan")) {
            assertRefused(api.get(user, "/api/process-versions", MAP), user);
            assertRefused(api.post(user, "/api/process-versions/migration/dry-run", Map.of("from", 1, "to", 2)), user);
            assertRefused(api.post(user, "/api/process-versions/migration", Map.of("from", 1, "to", 2)), user);
            assertRefused(api.get(user, "/api/process-versions/migration/any-batch", MAP), user);
        }
        assertThat(api.get("admin", "/api/process-versions", LIST).getStatusCode()).isEqualTo(HttpStatus.OK);
        // the office migrates through the platform only: the engine's migration routes stay closed to it
        assertThat(api.post("office1", "/engine-rest/migration/executeAsync", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<Map<String, Object>> same = api.post("office1", "/api/process-versions/migration/dry-run",
                Map.of("from", 1, "to", 1));
        assertThat(same.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) same.getBody().get("detail")).contains("原版本和目标版本相同");
        ResponseEntity<Map<String, Object>> unknown = api.post("office1", "/api/process-versions/migration/dry-run",
                Map.of("from", 1, "to", 99));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat((String) unknown.getBody().get("detail")).startsWith("改革任务流程没有版本 99。现有版本：1");
        assertThat(api.get("office1", "/api/process-versions/migration/no-such-batch", MAP).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reformTasksAtEveryUserTaskMoveToANewVersionAndFinishThere() {
        ClockUtil.setCurrentTime(china(2026, 6, 1, 10)); // rectification deadlines and due dates in the future
        Map<String, String> waiting = startedOnVersion1();
        ProcessDefinition v1 = definition(1);
        waiting.keySet().forEach(code -> assertThat(instance(code).getProcessDefinitionId()).isEqualTo(v1.getId()));
        Map<String, Object> before = state(waiting.keySet());
        assertRemindersAndTimersInPlace(waiting.keySet());

        ProcessDefinition v2 = deploy("reform-task-v2", withArchiveStep(), true);
        ProcessDefinition v3 = deploy("reform-task-v3", withoutRecheck(), false);
        assertThat(v2.getVersion()).isEqualTo(2);
        assertThat(v3.getVersion()).isEqualTo(3);

        List<Map<String, Object>> versions = api.get("office1", "/api/process-versions", LIST).getBody();
        assertThat(versions).extracting(v -> v.get("version"), v -> ((Number) v.get("runningInstances")).intValue(),
                v -> v.get("latest")).containsExactly(org.assertj.core.groups.Tuple.tuple(1, 10, false),
                        org.assertj.core.groups.Tuple.tuple(2, 0, false), org.assertj.core.groups.Tuple.tuple(3, 0, true));

        // --- dry run to version 3: the task waiting in 复查 cannot move, and says so in Chinese
        String recheckCode = codeAt(waiting, "Task_Recheck");
        Map<String, Object> toV3 = dryRun(1, 3);
        assertThat((List<Map<String, Object>>) toV3.get("removed")).extracting(s -> s.get("activityId"), s -> s.get("name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Task_Recheck", "复查"));
        List<Map<String, Object>> blocked = (List<Map<String, Object>>) toV3.get("blocked");
        assertThat(blocked).singleElement().satisfies(b -> {
            assertThat(b).containsEntry("code", recheckCode);
            assertThat((String) b.get("message")).startsWith("改革任务 " + recheckCode + "《复查中的任务》不能迁移：")
                    .contains("停在“复查”，版本 3 中没有这个环节").doesNotContain("There is");
            assertThat((List<Map<String, Object>>) b.get("waitingAt")).extracting(s -> s.get("name"))
                    .containsExactlyInAnyOrder("实施并申请销号", "复查");
            assertThat((List<String>) b.get("details")).anyMatch(d -> d.contains("Task_Recheck"));
        });
        assertThat((List<Map<String, Object>>) toV3.get("movable")).hasSize(9)
                .extracting(m -> m.get("code")).doesNotContain(recheckCode);
        assertThat((String) toV3.get("summary")).isEqualTo("版本 1 → 版本 3：运行中的改革任务 10 个，可以迁移 9 个，不能迁移 1 个。");

        // --- dry run to version 2: everything moves, the timers and the 督查 message are kept as they are
        Map<String, Object> toV2 = dryRun(1, 2);
        assertThat(toV2).containsEntry("canStart", true).containsEntry("running", 10);
        assertThat((List<Object>) toV2.get("blocked")).isEmpty();
        assertThat((List<Object>) toV2.get("planProblems")).isEmpty();
        assertThat((List<Map<String, Object>>) toV2.get("added")).extracting(s -> s.get("activityId"), s -> s.get("name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ARCHIVE, "销号归档"));
        assertThat((List<Map<String, Object>>) toV2.get("eventTriggers"))
                .extracting(t -> t.get("activityId"), t -> t.get("kind"), t -> t.get("recomputed"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("StartEvent_QuarterEnded", "定时", false),
                        org.assertj.core.groups.Tuple.tuple("StartEvent_InspectionRequested", "消息", false));
        assertThat((List<Map<String, Object>>) toV2.get("movable")).extracting(m -> (String) m.get("message"))
                .contains("改革任务 " + codeAt(waiting, "Task_DraftPlan") + "《方案制定中的任务》可以迁移（当前在“方案制定”）。");

        // the dry runs (each instance migrated in a transaction rolled back) changed nothing
        waiting.keySet().forEach(code -> assertThat(instance(code).getProcessDefinitionId()).isEqualTo(v1.getId()));
        assertThat(state(waiting.keySet())).isEqualTo(before);

        // --- the office migrates: Camunda's batch, followed until it is done
        ResponseEntity<Map<String, Object>> started = api.post("office1", "/api/process-versions/migration",
                Map.of("from", 1, "to", 2));
        assertThat(started.getStatusCode()).as("%s", started.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String batchId = (String) started.getBody().get("batchId");
        assertThat(started.getBody()).containsEntry("instances", 10);
        assertThat((String) started.getBody().get("message")).startsWith("已开始把 10 个改革任务从版本 1 迁移到版本 2");
        Map<String, Object> running = progress(batchId);
        assertThat(running).containsEntry("state", "RUNNING").containsEntry("total", 10)
                .containsEntry("completed", 0).containsEntry("createdBy", "office1");

        runBatch(batchId);
        Map<String, Object> done = progress(batchId);
        assertThat(done).containsEntry("state", "COMPLETED").containsEntry("stateLabel", "已完成")
                .containsEntry("completed", 10).containsEntry("remaining", 0);
        assertThat(done.get("endTime")).isNotNull();

        // --- what must survive: task ids, reminder watches and their timers, quarterly timers (the one moved
        // after an early request too), 督查 subscriptions, the ledger's open steps
        waiting.keySet().forEach(code -> assertThat(instance(code).getProcessDefinitionId()).as(code)
                .isEqualTo(v2.getId()));
        Map<String, Object> after = state(waiting.keySet());
        assertThat(after).isEqualTo(before);
        assertThat(taskService.createTaskQuery().processDefinitionKey("reform-task").list())
                .allSatisfy(task -> assertThat(task.getProcessDefinitionId()).isEqualTo(v2.getId()));
        assertThat(managementService.createJobQuery().processInstanceId(instance(codeAt(waiting,
                "Task_SubmitQuarterlyReport")).getId()).activityId("StartEvent_QuarterEnded").singleResult()
                .getDuedate()).as("the timer moved on after the early request keeps its date")
                .isEqualTo(china(2026, 9, 30, 9));
        versions = api.get("office1", "/api/process-versions", LIST).getBody();
        assertThat(versions).extracting(v -> ((Number) v.get("runningInstances")).intValue()).containsExactly(0, 10, 0);

        // the 督查 message start works on version 2
        String implementing = codeAt(waiting, "Task_ImplementAndApplyCloseOut");
        inspections.request(implementing, "迁移后专项督查", "office1");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(implementing)
                .taskDefinitionKey("Task_Inspect").singleResult().getProcessDefinitionId()).isEqualTo(v2.getId());

        // --- every reform task finishes on version 2 and passes the new step
        boolean[] refusedOnce = { false };
        for (String code : waiting.keySet()) {
            finish(code, refusedOnce);
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code)
                    .processDefinitionKey("reform-task").count()).as(code).isZero();
            assertThat(historyService.createHistoricActivityInstanceQuery()
                    .processInstanceId(reformTasks.get(code).processInstanceId()).activityId(ARCHIVE).finished()
                    .count()).as("%s passed 销号归档", code).isEqualTo(1);
            assertThat(historyService.createHistoricActivityInstanceQuery()
                    .processInstanceId(reformTasks.get(code).processInstanceId()).activityId("EndEvent_TaskClosedOut")
                    .count()).as(code).isEqualTo(1);
            assertThat(reformTasks.get(code).stage()).as(code).isEqualTo(Stage.CLOSED);
            assertThat(reformTasks.records(code)).extracting(TaskRecord::activityId).as(code).contains(ARCHIVE);
        }
        assertThat(refusedOnce[0]).as("the new step's form is checked on the server").isTrue();
        assertThat(jdbc.sql("select count(*) from ledger_open_step where task_code like '2026-MG%'")
                .query(Long.class).single()).isZero();
    }

    // --- the reform tasks of version 1 ---------------------------------------------------------

    /** One reform task waiting at each user task of version 1: code → the step it waits in. */
    private Map<String, String> startedOnVersion1() {
        Map<String, String> waiting = new LinkedHashMap<>();
        String draft = newTask("方案制定中", List.of("赵明远"));
        waiting.put(draft, "Task_DraftPlan");

        String leaders = newTask("领导审定中", List.of("赵明远", "钱立新"));
        draftPlan(leaders);
        complete(tasks(leaders, "Task_LeaderApprovePlan").stream()
                .filter(t -> t.getAssignee().equals("zhaomingyuan")).findFirst().orElseThrow(),
                Map.of("planDecision", "approve"));
        waiting.put(leaders, "Task_LeaderApprovePlan");

        String office = newTask("改革办审定中", List.of());
        draftPlan(office);
        waiting.put(office, "Task_OfficeApprovePlan");

        waiting.put(implementing("实施中"), "Task_ImplementAndApplyCloseOut");

        String report = implementing("季度报送中");
        quarterlyReports.fireNow(report, "office1"); // early: the quarter-end timer moves to the next quarter
        waiting.put(report, "Task_SubmitQuarterlyReport");

        String reconcile = implementing("季度对账中");
        quarterlyReports.fireNow(reconcile, "office1");
        complete(task(reconcile, "Task_SubmitQuarterlyReport"), submission("Task_SubmitQuarterlyReport"));
        waiting.put(reconcile, "Task_ReconcileReport");

        String inspect = implementing("督查中");
        inspections.request(inspect, "专项督查", "office1");
        waiting.put(inspect, "Task_Inspect");

        String rectify = implementing("整改中");
        inspections.request(rectify, "专项督查", "office1");
        complete(task(rectify, "Task_Inspect"), rectificationRequired());
        waiting.put(rectify, "Task_Rectify");

        String recheck = implementing("复查中");
        inspections.request(recheck, "专项督查", "office1");
        complete(task(recheck, "Task_Inspect"), rectificationRequired());
        complete(task(recheck, "Task_Rectify"), submission("Task_Rectify"));
        waiting.put(recheck, "Task_Recheck");

        String review = implementing("销号审核中");
        complete(task(review, "Task_ImplementAndApplyCloseOut"), submission("Task_ImplementAndApplyCloseOut"));
        waiting.put(review, "Task_ReviewCloseOut");

        waiting.forEach((code, activity) -> assertThat(tasks(code, activity)).as("%s waits at %s", code, activity)
                .hasSize(1));
        return waiting;
    }

    private String newTask(String title, List<String> leaders) {
        String code = String.format("2026-MG%02d", ++sequence);
        reformTasks.createAndStart(new NewReformTask(code, 2026, "测试类别", title + "的任务", "主要目标", "重点举措",
                leaders, List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        return code;
    }

    private String implementing(String title) {
        String code = newTask(title, List.of());
        draftPlan(code);
        complete(task(code, "Task_OfficeApprovePlan"), Map.of("planDecision", "approve"));
        assertThat(tasks(code, "Task_ImplementAndApplyCloseOut")).hasSize(1);
        return code;
    }

    private void draftPlan(String code) {
        complete(task(code, "Task_DraftPlan"), submission("Task_DraftPlan"));
    }

    private static Map<String, Object> rectificationRequired() {
        return Map.of("inspectionMethod", "onsite", "inspectionFindings", "试点未启动", "inspectionResult", "rectify",
                "rectificationRequirements", "一个月内启动试点", "rectificationDeadline", "2026-06-30");
    }

    /** What each step's form requires (forms/*.form), the approving decision where there is one. */
    private static Map<String, Object> submission(String activityId) {
        return switch (activityId) {
            case "Task_DraftPlan" -> Map.of("planMeasures", "具体措施", "planMilestones", "时间节点", "planResults", "制度文件");
            case "Task_LeaderApprovePlan", "Task_OfficeApprovePlan" -> Map.of("planDecision", "approve");
            case "Task_ImplementAndApplyCloseOut" -> Map.of("completionSummary", "已全面完成", "achievementType", "policy",
                    "completionEvidence", "江府办〔2026〕1号");
            case "Task_SubmitQuarterlyReport" -> Map.of("reportProgress", "完成阶段目标", "reportStatus", "on-track",
                    "reportNextSteps", "继续推进");
            case "Task_ReconcileReport" -> Map.of("reportDecision", "accept");
            case "Task_Inspect" -> Map.of("inspectionMethod", "document", "inspectionFindings", "按计划推进",
                    "inspectionResult", "pass");
            case "Task_Rectify" -> Map.of("rectificationMeasures", "已启动试点", "rectificationOutcome", "试点运行");
            case "Task_Recheck" -> Map.of("recheckDecision", "pass");
            case "Task_ReviewCloseOut" -> Map.of("closeOutDecision", "approve");
            case ARCHIVE -> Map.of("archiveNumber", "归档〔2026〕8号");
            default -> throw new AssertionError("No submission for " + activityId);
        };
    }

    /**
     * Works the reform task's open steps until its process ends, the steps of reports and inspections first
     * (a close-out application is refused while one is open). At 销号归档, the step of version 2: its reminder
     * watch and ledger step are there like every step's, and its form's required field is checked.
     */
    private void finish(String code, boolean[] refusedOnce) {
        for (int round = 0; round < 20; round++) {
            List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(code)
                    .processDefinitionKey("reform-task").list();
            if (open.isEmpty()) {
                return;
            }
            Task next = open.stream().filter(t -> !t.getTaskDefinitionKey().equals("Task_ImplementAndApplyCloseOut"))
                    .findFirst().orElse(open.get(0));
            if (next.getTaskDefinitionKey().equals(ARCHIVE)) {
                assertThat(next.getName()).startsWith("销号归档｜" + code);
                assertThat(watches().timer(next.getId())).as("pending reminder of 销号归档").isNotNull();
                assertThat(jdbc.sql("select stage_name from ledger_open_step where camunda_task_id = ?")
                        .param(next.getId()).query(String.class).single()).isEqualTo("销号归档");
                if (!refusedOnce[0]) {
                    assertThatThrownBy(() -> taskService.complete(next.getId(), new HashMap<>()))
                            .hasMessageContaining("归档编号");
                    refusedOnce[0] = true;
                }
            }
            complete(next, submission(next.getTaskDefinitionKey()));
        }
        throw new AssertionError(code + " did not finish");
    }

    // --- what a migration must keep ------------------------------------------------------------

    /**
     * Per reform task: its open steps by id, the reminder watch of each with its timer job and due date, the
     * quarterly timer job with its due date, the 督查 message subscription; and the ledger's open steps.
     */
    private Map<String, Object> state(Iterable<String> codes) {
        Map<String, Object> state = new TreeMap<>();
        for (String code : codes) {
            String instanceId = instance(code).getId();
            for (Task task : taskService.createTaskQuery().processInstanceId(instanceId).orderByTaskId().asc().list()) {
                ProcessInstance watch = watchOf(task.getId());
                Job timer = watches().timer(task.getId());
                state.put(code + " task " + task.getId(), task.getTaskDefinitionKey() + " watch "
                        + (watch == null ? null : watch.getId()) + " timer "
                        + (timer == null ? null : timer.getId() + "@" + timer.getDuedate().toInstant()));
            }
            Job quarterly = managementService.createJobQuery().processInstanceId(instanceId)
                    .activityId("StartEvent_QuarterEnded").timers().singleResult();
            state.put(code + " quarterly timer", quarterly == null ? "-"
                    : quarterly.getId() + "@" + quarterly.getDuedate().toInstant());
            EventSubscription inspection = runtimeService.createEventSubscriptionQuery().processInstanceId(instanceId)
                    .eventName("InspectionRequested").singleResult();
            state.put(code + " inspection subscription", inspection == null ? "-" : inspection.getId());
        }
        state.put("ledger open steps", jdbc.sql("""
                select camunda_task_id, task_code, activity_id, stage_name, assignee, unit_id, due_date, opened_at
                from ledger_open_step where task_code like '2026-MG%' order by camunda_task_id""").query().listOfRows());
        return state;
    }

    /** Before anything moves: every open step has a reminder timer pending, tasks in implementation a quarterly timer. */
    private void assertRemindersAndTimersInPlace(Iterable<String> codes) {
        int steps = 0;
        for (String code : codes) {
            String instanceId = instance(code).getId();
            for (Task task : taskService.createTaskQuery().processInstanceId(instanceId).list()) {
                // a step's first reminder starts its watch: until then a job waits for it, then the watch's timer
                assertThat(watches().timer(task.getId())).as("reminder timer of %s %s", code,
                        task.getTaskDefinitionKey()).isNotNull();
                steps++;
            }
            boolean implementing = reformTasks.get(code).stage() == Stage.IMPLEMENTATION;
            assertThat(managementService.createJobQuery().processInstanceId(instanceId)
                    .activityId("StartEvent_QuarterEnded").timers().count()).as(code).isEqualTo(implementing ? 1 : 0);
        }
        assertThat(steps).isGreaterThan(10);
        assertThat(jdbc.sql("select count(*) from ledger_open_step where task_code like '2026-MG%'").query(Long.class)
                .single()).isEqualTo(steps);
    }

    private ProcessInstance watchOf(String taskId) {
        return watches().watch(taskId);
    }

    private ReminderWatches watches() {
        return new ReminderWatches(runtimeService, managementService);
    }

    // --- versions 2 and 3, derived from processes/reform-task.bpmn ------------------------------

    /** Version 2: 销号归档 (office, its own form) between 同意销号 and 已销号 on the main line. */
    private static BpmnModelInstance withArchiveStep() {
        BpmnModelInstance model = ReformTaskVersions.original();
        SequenceFlow approved = model.getModelElementById("Flow_CloseOutApproved");
        EndEvent end = model.getModelElementById("EndEvent_TaskClosedOut");
        FlowElement anyTopLevel = model.getModelElementById("Task_ReviewCloseOut");
        UserTask archive = model.newInstance(UserTask.class);
        archive.setId(ARCHIVE);
        archive.setName("销号归档");
        archive.setCamundaCandidateGroups("office");
        archive.setCamundaFormRef("reform-archive");
        archive.setCamundaFormRefBinding("deployment");
        anyTopLevel.getParentElement().addChildElement(archive);
        SequenceFlow toEnd = model.newInstance(SequenceFlow.class);
        toEnd.setId("Flow_ArchiveToEnd");
        anyTopLevel.getParentElement().addChildElement(toEnd);
        approved.setTarget(archive);
        toEnd.setSource(archive);
        toEnd.setTarget(end);
        end.getIncoming().remove(approved);
        end.getIncoming().add(toEnd);
        archive.getIncoming().add(approved);
        archive.getOutgoing().add(toEnd);
        Bpmn.validateModel(model);
        return model;
    }

    /** Version 3: no 复查 — a rectification ends the inspection. */
    private static BpmnModelInstance withoutRecheck() {
        BpmnModelInstance model = ReformTaskVersions.original();
        SubProcess inspection = model.getModelElementById("SubProcess_Inspection");
        SequenceFlow toRecheck = model.getModelElementById("Flow_ToRecheck");
        EndEvent verified = model.getModelElementById("EndEvent_RectificationVerified");
        for (String id : List.of("Flow_ToRecheckPassed", "Flow_RecheckPassed", "Flow_RecheckFailed",
                "Gateway_RecheckPassed", "Task_Recheck")) {
            inspection.removeChildElement(model.getModelElementById(id));
        }
        toRecheck.setTarget(verified);
        verified.getIncoming().add(toRecheck);
        Bpmn.validateModel(model);
        return model;
    }

    private ProcessDefinition deploy(String name, BpmnModelInstance model, boolean archiveForm) {
        return ReformTaskVersions.deploy(repositoryService, name, model,
                archiveForm ? List.of("/migration/reform-archive.form") : List.of());
    }

    private ProcessDefinition definition(int version) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey("reform-task")
                .processDefinitionVersion(version).singleResult();
    }

    // --- the office's API and the batch --------------------------------------------------------

    private Map<String, Object> dryRun(int from, int to) {
        ResponseEntity<Map<String, Object>> answer = api.post("office1", "/api/process-versions/migration/dry-run",
                Map.of("from", from, "to", to));
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private Map<String, Object> progress(String batchId) {
        ResponseEntity<Map<String, Object>> answer = api.get("office1", "/api/process-versions/migration/" + batchId,
                MAP);
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private void runBatch(String batchId) {
        ReformTaskVersions.runBatch(managementService, batchId);
    }

    private static void assertRefused(ResponseEntity<?> answer, String user) {
        assertThat(answer.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(String.valueOf(answer.getBody())).as(user).contains("只有市委改革办工作人员或系统管理员可以");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private ProcessInstance instance(String code) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey("reform-task")
                .processInstanceBusinessKey(code).singleResult();
    }

    private List<Task> tasks(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).list();
    }

    private Task task(String code, String activityId) {
        return tasks(code, activityId).get(0);
    }

    private static String codeAt(Map<String, String> waiting, String activityId) {
        return waiting.entrySet().stream().filter(e -> e.getValue().equals(activityId)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }

    private void complete(Task task, Map<String, Object> variables) {
        taskService.complete(task.getId(), new HashMap<>(variables));
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
