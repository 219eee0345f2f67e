package cn.reformoffice.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;


import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;

/**
 * What the database stores per reform task after a simulated year: N tasks (default 50,
 * {@code -Dbenchmark.storage.tasks}, fixed seed) created on 2026-01-05 and driven through 2026 with the engine
 * APIs the ITs use (every job run when it falls due, engine clock moved as in {@code ReformTaskYearTest}): plans
 * drafted on time or late (then reminded and urged), approved, three quarterly reports on time or late (then
 * urged and escalated, 督办单), some returned once and resubmitted, close-out applied and approved in December.
 * E-mail (GreenMail) and robot webhook channels on loopback, so every delivery row exists. Measured against the
 * empty platform: database bytes, rows and authorization rows per task, and the process variables (runtime at
 * mid-year, historic at year end) with their names.
 */
abstract class AbstractStorageBenchmark extends LoopbackChannels {

    static final long SEED = 20261130L;


    @Autowired ReformTaskService reformTasks;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;

    abstract String database();

    abstract String settings();

    /** Bytes of every table of the platform's schema, indexes included. */
    abstract long bytes();

    abstract List<String> tables();

    @Test
    void storagePerReformTaskAfterAYear() throws Exception {
        int n = BenchmarkCsv.size("benchmark.storage.tasks", 50);
        Random random = new Random(SEED);
        ClockUtil.setCurrentTime(AbstractJobsBenchmark.china(2026, 1, 5, 10));
        long bytesBefore = bytes();
        long rowsBefore = rows();
        long authorizationsBefore = count("act_ru_authorization");
        Map<String, Long> tablesBefore = tables().stream().collect(Collectors.toMap(t -> t, this::count));

        List<ReformTask> tasks = new ArrayList<>();
        var requests = AbstractStartsBenchmark.requests(directory, n);
        for (var request : requests) {
            tasks.add(reformTasks.createAndStart(request, "office1"));
        }
        boolean[] lateDraft = new boolean[n];
        boolean[][] lateReport = new boolean[3][n];
        boolean[][] returned = new boolean[3][n];
        for (int i = 0; i < n; i++) {
            lateDraft[i] = random.nextInt(10) < 3;
            for (int q = 0; q < 3; q++) {
                lateReport[q][i] = random.nextInt(10) < 2;
                returned[q][i] = random.nextInt(100) < 15;
            }
        }
        long started = System.nanoTime();

        advanceTo(china(1, 30));
        completeAll(tasks, i -> !lateDraft[i], "Task_DraftPlan", draft());
        advanceTo(china(2, 4));
        completeAll(tasks, i -> lateDraft[i], "Task_DraftPlan", draft());
        advanceTo(china(2, 5));
        completeAll(tasks, i -> true, "Task_LeaderApprovePlan,Task_OfficeApprovePlan", Map.of("planDecision", "approve"));

        int[][] reportDays = { { 4, 7, 4, 14 }, { 7, 6, 7, 14 }, { 9, 30, 10, 16 } };
        Map<String, Object> snapshot = null;
        for (int q = 0; q < 3; q++) {
            int quarter = q;
            int[] d = reportDays[q];
            advanceTo(china(d[0], d[1]));
            completeAll(tasks, i -> !lateReport[quarter][i], "Task_SubmitQuarterlyReport", report());
            advanceTo(china(d[2], d[3]));
            completeAll(tasks, i -> lateReport[quarter][i], "Task_SubmitQuarterlyReport", report());
            advanceTo(china(d[2], d[3] + 1));
            completeAll(tasks, i -> returned[quarter][i], "Task_ReconcileReport",
                    Map.of("reportDecision", "return", "reportComment", "请补充数据"));
            completeAll(tasks, i -> !returned[quarter][i], "Task_ReconcileReport", Map.of("reportDecision", "accept"));
            advanceTo(china(d[2], d[3] + 2));
            completeAll(tasks, i -> returned[quarter][i], "Task_SubmitQuarterlyReport", report());
            advanceTo(china(d[2], d[3] + 3));
            completeAll(tasks, i -> returned[quarter][i], "Task_ReconcileReport", Map.of("reportDecision", "accept"));
            if (q == 1) {
                snapshot = variables();
            }
        }
        advanceTo(china(12, 15));
        completeAll(tasks, i -> true, "Task_ImplementAndApplyCloseOut", Map.of("completionSummary", "全部完成",
                "achievementType", "policy", "completionEvidence", "市政府令第1号"));
        advanceTo(china(12, 16));
        completeAll(tasks, i -> true, "Task_ReviewCloseOut", Map.of("closeOutDecision", "approve"));
        advanceTo(china(12, 31));
        double simulatedSeconds = (System.nanoTime() - started) / 1e9;
        for (ReformTask task : tasks) {
            assertThat(reformTasks.get(task.code()).stage()).isEqualTo(Stage.CLOSED);
        }

        long rawBytes = bytes();
        compact();
        long bytes = bytes();
        long rows = rows() - rowsBefore;
        long authorizations = count("act_ru_authorization") - authorizationsBefore;
        long reminders = count("reminder");
        long deliveries = count("reminder_delivery");
        BenchmarkCsv csv = new BenchmarkCsv("storage-" + database().toLowerCase(java.util.Locale.ROOT));
        csv.value("storage_bytes_per_task", database(), (bytes - bytesBefore) / (double) n, "bytes", null, "-");
        csv.value("storage_rows_per_task", database(), rows / (double) n, "rows", null, "-");
        csv.value("authorization_rows_per_task", database(), authorizations / (double) n, "rows", null, "-");
        csv.value("runtime_variables_per_active_task", database(), (Long) snapshot.get("runtime") / (double) n,
                "variables", null, "-");
        csv.value("historic_variables_per_task", database(), count("act_hi_varinst") / (double) n, "variables", null,
                "-");
        csv.value("history_details_per_task", database(), count("act_hi_detail") / (double) n, "rows", null, "-");
        csv.note("%s; %d reform tasks through 2026 (seed %d: %d plans drafted late, %d quarterly reports late, %d"
                + " returned once), simulated in %.0f s; %d reminders, %d deliveries, %d e-mails, %d robot messages",
                settings(), n, SEED, count(lateDraft), count(lateReport), count(returned), simulatedSeconds, reminders,
                deliveries, mail.getReceivedMessages().length, robot.keys().size());
        csv.note("database bytes per task %.0f %s (%.0f before), from %,d bytes for the empty platform to %,d",
                (bytes - bytesBefore) / (double) n, compaction(), (rawBytes - bytesBefore) / (double) n, bytesBefore,
                bytes);
        csv.note("rows added per table by the year, per task: %s", perTable(n, tablesBefore));
        csv.note("runtime variables at mid-year (after the second quarter's reports, every task active): %s",
                snapshot.get("names"));
        csv.note("historic variable instances at year end by name: %s", names("act_hi_varinst"));
        csv.write();
    }

    /** After the year's writes: space as a freshly loaded database would hold it, where the database can. */
    void compact() {
    }

    /** What {@link #compact()} did, for the notes. */
    String compaction() {
        return "(not compacted)";
    }

    private Map<String, Object> variables() {
        return Map.of("runtime", count("act_ru_variable"), "names", names("act_ru_variable"));
    }

    private String names(String table) {
        return jdbc.sql("select name_, count(*) from " + table + " group by name_ order by count(*) desc, name_")
                .query((rs, i) -> rs.getString(1) + " " + rs.getLong(2)).list().toString();
    }

    private String perTable(int n, Map<String, Long> before) {
        return tables().stream().map(t -> Map.entry(t, count(t) - before.getOrDefault(t, 0L)))
                .filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey().toLowerCase(java.util.Locale.ROOT),
                        e.getValue() / (double) n))
                .collect(Collectors.joining(", "));
    }

    private long rows() {
        return tables().stream().mapToLong(this::count).sum();
    }

    long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            c += f ? 1 : 0;
        }
        return c;
    }

    private static int count(boolean[][] flags) {
        int c = 0;
        for (boolean[] f : flags) {
            c += count(f);
        }
        return c;
    }

    /** Completes, for each selected task, every open step of the given kinds (a plan goes to its leader or the office). */
    private void completeAll(List<ReformTask> tasks, java.util.function.IntPredicate which, String activity,
            Map<String, Object> variables) {
        String[] activities = activity.split(",");
        for (int i = 0; i < tasks.size(); i++) {
            if (which.test(i)) {
                List<Task> steps = taskService.createTaskQuery().processInstanceId(tasks.get(i).processInstanceId())
                        .taskDefinitionKeyIn(activities).list();
                assertThat(steps).as("%s of %s", activity, tasks.get(i).code()).isNotEmpty();
                steps.forEach(step -> taskService.complete(step.getId(), variables));
            }
        }
    }

    /** Runs every job in due order, with the clock at each job's due date, up to {@code target}. */
    private void advanceTo(Date target) {
        while (true) {
            List<Job> messages = managementService.createJobQuery().messages().executable().list();
            if (!messages.isEmpty()) {
                messages.forEach(job -> managementService.executeJob(job.getId()));
                continue;
            }
            List<Job> next = managementService.createJobQuery().timers()
                    .duedateLowerThan(new Date(target.getTime() + 1)).orderByJobDuedate().asc().listPage(0, 1);
            if (next.isEmpty()) {
                ClockUtil.setCurrentTime(target);
                return;
            }
            Date due = next.get(0).getDuedate();
            ClockUtil.setCurrentTime(due);
            managementService.createJobQuery().timers().duedateLowerThan(new Date(due.getTime() + 1)).list()
                    .forEach(job -> managementService.executeJob(job.getId()));
        }
    }

    private static Map<String, Object> draft() {
        return Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果");
    }

    private static Map<String, Object> report() {
        return Map.of("reportProgress", "进展", "reportStatus", "on-track", "reportNextSteps", "计划");
    }

    private static Date china(int month, int day) {
        return AbstractJobsBenchmark.china(2026, month, day, 10);
    }

}
