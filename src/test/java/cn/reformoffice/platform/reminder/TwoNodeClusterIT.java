package cn.reformoffice.platform.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.internet.MimeMessage;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two platform nodes as separate JVMs ({@code java -jar target/reform-platform-*.jar}) on one PostgreSQL
 * started with durable settings (fsync and synchronous_commit on), e-mail to a GreenMail SMTP server and the
 * robot webhook to a loopback HTTP server:
 * <ol>
 * <li>both nodes started at once on an empty database deploy each process once and write one set of Tasklist
 * filters and authorizations, with no ERROR in their logs;</li>
 * <li>a storm of {@code cluster.reminders} (2,000) reminders with all three channels: every timer fires once,
 * every reminder is recorded once, every e-mail and robot message arrives once, both nodes do part of the
 * work;</li>
 * <li>the same with one node SIGKILLed in the middle of the storm and started again: after the job lock time
 * nothing is lost; a message the dead node had sent but not marked may come again with the same
 * Message-ID/Idempotency-Key (counted and bounded by the dead node's threads);</li>
 * <li>both channels down (SMTP server stopped, robot answering 500): the job retries with back-off, an
 * exhausted job becomes an incident, and after recovery every message arrives exactly once.</li>
 * </ol>
 * The tasks are created by a third engine in this JVM (job executor off) with its engine clock set in the past,
 * so that each task's 临期提醒, 逾期催办 and first 督办单 are already due on the nodes' real clocks (three
 * reminders per task, the next one days ahead). Every JVM started here is killed in {@link #stopAll()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodeClusterIT {

    static final int REMINDERS = Integer.getInteger("cluster.reminders", 2000);
    static final int KILL_REMINDERS = Integer.getInteger("cluster.kill.reminders", 2000);
    static final int LOCK_TIME_MILLIS = 10_000;
    static final int NODE_MAX_THREADS = 8;
    static final Duration STORM_TIMEOUT = Duration.ofMinutes(Integer.getInteger("cluster.storm.timeout.minutes", 15));

    private final Path dir = Path.of("target", "cluster-it");
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EmbeddedPostgres postgres;
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private GreenMail mail;
    private ServerSetup smtp;
    private final List<MimeMessage> mailOfStoppedServers = new ArrayList<>();
    private RobotWebhookServer robot;
    private ConfigurableApplicationContext seeder;
    private String jdbcUrl;
    private final List<String> figures = new ArrayList<>();

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(dir);
        try (var old = Files.list(dir)) {
            for (Path log : old.toList()) {
                Files.delete(log);
            }
        }
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .start();
        jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl);
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setMaximumPoolSize(3);
        jdbc = JdbcClient.create(dataSource);
        assertThat(jdbc.sql("show fsync").query(String.class).single()).isEqualTo("on");
        assertThat(jdbc.sql("show synchronous_commit").query(String.class).single()).isEqualTo("on");
        smtp = new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        mail = new GreenMail(smtp);
        mail.start();
        robot = new RobotWebhookServer();
    }

    @AfterAll
    void stopAll() {
        for (Node node : nodes.values()) {
            node.kill();
        }
        if (seeder != null) {
            seeder.close();
        }
        ClockUtil.reset();
        if (dataSource != null) {
            dataSource.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (robot != null) {
            robot.close();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                // the directory is temporary
            }
        }
        figures.forEach(line -> System.out.println("CLUSTER " + line));
    }

    @Test
    @Order(1)
    void bothNodesStartAtOnceOnAnEmptyDatabase() throws Exception {
        Node a = node("node-a");
        Node b = node("node-b");
        a.start();
        b.start();
        long started = System.nanoTime();
        a.awaitReady();
        b.awaitReady();
        figures.add(String.format("both nodes ready %.1f s after starting at once", (System.nanoTime() - started) / 1e9));

        List<Map<String, Object>> versions = jdbc.sql(
                "select key_, version_, count(*) as n from act_re_procdef group by key_, version_ order by key_")
                .query().listOfRows();
        assertThat(versions).isNotEmpty();
        assertThat(versions).allSatisfy(row -> assertThat(((Number) row.get("n")).longValue())
                .as("definitions of %s version %s", row.get("key_"), row.get("version_")).isEqualTo(1));
        assertThat(versions).extracting(row -> ((Number) row.get("version_")).intValue()).containsOnly(1);
        assertThat(jdbc.sql("select count(*) from act_re_deployment").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from act_ru_filter").query(Long.class).single())
                .isEqualTo(jdbc.sql("select count(distinct name_) from act_ru_filter").query(Long.class).single())
                .isPositive();
        assertThat(jdbc.sql("""
                select count(*) from (select type_, coalesce(group_id_, ''), coalesce(user_id_, ''), resource_type_,
                    resource_id_ from act_ru_authorization
                    group by type_, coalesce(group_id_, ''), coalesce(user_id_, ''), resource_type_, resource_id_
                    having count(*) > 1) d""").query(Long.class).single())
                .as("duplicate authorizations").isZero();
        assertThat(jdbc.sql("select count(*) from reform_task").query(Long.class).single())
                .as("demo tasks seeded once").isEqualTo(jdbc.sql("select count(distinct code) from reform_task")
                        .query(Long.class).single());
        assertThat(a.errors()).as("ERROR lines of node-a").isEmpty();
        assertThat(b.errors()).as("ERROR lines of node-b").isEmpty();
    }

    @Test
    @Order(2)
    void stormOfRemindersIsSharedByBothNodes() throws Exception {
        Storm storm = storm("CA", REMINDERS, null);
        storm.assertExactlyOnce(0);
        assertThat(storm.successfulJobsByHost).containsKeys("node-a", "node-b");
        assertThat(storm.successfulJobsByHost.get("node-a")).isGreaterThan(storm.jobs / 10);
        assertThat(storm.successfulJobsByHost.get("node-b")).isGreaterThan(storm.jobs / 10);
        assertNoErrors();
    }

    @Test
    @Order(3)
    void aNodeKilledMidStormLosesNothing() throws Exception {
        Storm storm = storm("CK", KILL_REMINDERS, "node-b");
        // a message the killed node had sent but not yet marked is sent again, with the same key: at most one
        // per thread of the killed node (each job sends its deliveries one after the other)
        storm.assertExactlyOnce(NODE_MAX_THREADS);
        assertThat(storm.successfulJobsByHost).containsKeys("node-a", "node-b");
        assertNoErrors();
    }

    @Test
    @Order(4)
    void channelsDownForAWhileRetryThenDeliverOnce() throws Exception {
        int tasks = 5;
        mailOfStoppedServers.addAll(Arrays.asList(mail.getReceivedMessages()));
        mail.stop();
        robot.setDownStatus(500);
        robot.setDown(true);
        long before = reminderCount("CD-");
        seed("CD", tasks);
        // the 临期提醒 of each task: in-app recorded, e-mail and robot failed, the job waits for its retry
        awaitTrue(Duration.ofMinutes(3), () -> jdbc.sql("""
                select count(distinct d.reminder_id) from reminder_delivery d join reminder r on r.id = d.reminder_id
                where r.task_code like 'CD-%' and d.status = 'FAILED'""").query(Long.class).single() == tasks,
                "every reminder failed once");
        List<Map<String, Object>> failedJobs = awaitFailedDeliverJobs(tasks);
        for (Map<String, Object> job : failedJobs) {
            int retries = ((Number) job.get("retries_")).intValue();
            assertThat(retries).as("retries left after the first failure (six attempts in all)").isBetween(1, 5);
            Instant due = ((java.sql.Timestamp) job.get("duedate_")).toInstant();
            assertThat(due).as("back-off of the first retry (1 min)").isAfter(Instant.now().plusSeconds(20));
            assertThat((String) job.get("exception_msg_")).contains("提醒发送失败");
        }
        assertThat(jdbc.sql("""
                select count(*) from reminder_delivery d join reminder r on r.id = d.reminder_id
                where r.task_code like 'CD-%' and d.channel = 'IN_APP' and d.status = 'DELIVERED'""")
                .query(Long.class).single()).isPositive();

        // one job runs out of retries (as after 1 min, 5 min, 30 min, 2 h and 6 h): an incident in Cockpit
        String exhausted = (String) failedJobs.get(0).get("id_");
        ManagementService management = seeder().getBean(ManagementService.class);
        management.setJobRetries(exhausted, 1);
        management.setJobDuedate(exhausted, new Date());
        awaitTrue(Duration.ofMinutes(1), () -> jdbc.sql(
                "select count(*) from act_ru_incident where configuration_ = ? and incident_type_ = 'failedJob'")
                .param(exhausted).query(Long.class).single() == 1, "incident of the exhausted job");

        // the channels come back; the office retries the incident in Cockpit (retries set again)
        mail = new GreenMail(smtp);
        mail.start();
        robot.setDown(false);
        // the failure that exhausted the job set its due date to the last back-off (6 h ahead): the retry
        // sets it to now, as Cockpit's retry can
        management.setJobRetries(exhausted, 1);
        management.setJobDuedate(exhausted, new Date());
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        awaitTrue(Duration.ofMinutes(6), () -> reminderCount("CD-") - before == 3L * tasks && undelivered("CD-") == 0,
                "every reminder of the tasks delivered after recovery");
        assertThat(System.nanoTime()).isLessThan(deadline);
        assertThat(jdbc.sql("select count(*) from act_ru_incident").query(Long.class).single()).isZero();
        Map<String, Integer> mails = countBy(mailKeys(Arrays.asList(mail.getReceivedMessages())));
        Map<String, Integer> hooks = countBy(robot.idempotencyKeys());
        for (Map<String, Object> row : deliveryRows("CD-")) {
            String key = "reform-reminder-" + row.get("reminder_id") + "-" + row.get("id");
            if ("EMAIL".equals(row.get("channel"))) {
                assertThat(mails.get(key)).as("e-mails of %s", key).isEqualTo(1);
            } else if ("WEBHOOK".equals(row.get("channel"))) {
                assertThat(hooks.get(key)).as("robot messages of %s", key).isEqualTo(1);
            }
        }
        figures.add("channels down: " + tasks + " tasks, first failure retried after 1 min, one job exhausted into "
                + "an incident and retried, every e-mail and robot message received exactly once");
    }

    // ---------------------------------------------------------------------------------------------------------

    final class Storm {
        final String prefix;
        final int tasks;
        final long jobs;
        final Map<String, Long> successfulJobsByHost;

        Storm(String prefix, int tasks, long jobs, Map<String, Long> successfulJobsByHost) {
            this.prefix = prefix;
            this.tasks = tasks;
            this.jobs = jobs;
            this.successfulJobsByHost = successfulJobsByHost;
        }

        /** Nothing lost, nothing recorded twice; messages received again (same key) at most {@code resent}. */
        void assertExactlyOnce(int resent) throws Exception {
            String like = prefix + "-%";
            assertThat(jdbc.sql("select count(*) from reform_task where code like ?").param(like).query(Long.class)
                    .single()).isEqualTo(tasks);
            assertThat(jdbc.sql("""
                    select count(*) from act_ru_task t join reform_task r on r.process_instance_id = t.proc_inst_id_
                    where r.code like ?""").param(like).query(Long.class).single()).as("one 方案制定 per task")
                    .isEqualTo(tasks);
            List<Map<String, Object>> perTask = jdbc.sql("""
                    select task_code, count(*) as n, count(distinct level) as levels from reminder
                    where task_code like ? group by task_code""").param(like).query().listOfRows();
            assertThat(perTask).hasSize(tasks);
            assertThat(perTask).allSatisfy(row -> {
                assertThat(((Number) row.get("n")).intValue()).as("reminders of %s", row.get("task_code")).isEqualTo(3);
                assertThat(((Number) row.get("levels")).intValue()).isEqualTo(3);
            });
            // every timer fired once: the first reminder's job started one watch per step (none is left), whose
            // timer then fired for the second and third reminders; the fourth waits days ahead
            assertThat(jdbc.sql("""
                    select count(*) from act_hi_procinst p join act_ru_task t on t.id_ = p.business_key_
                    join reform_task r on r.process_instance_id = t.proc_inst_id_
                    where p.proc_def_key_ = 'task-reminders' and r.code like ?""")
                    .param(like).query(Long.class).single()).as("one watch per step").isEqualTo(tasks);
            assertThat(jdbc.sql("""
                    select count(*) from act_ru_job j join act_ru_task t on t.id_ = j.handler_cfg_
                    join reform_task r on r.process_instance_id = t.proc_inst_id_
                    where j.handler_type_ = 'reform-reminder-watch' and r.code like ?""")
                    .param(like).query(Long.class).single()).as("watch start jobs left").isZero();
            assertThat(jdbc.sql("""
                    select count(*) from act_hi_actinst a join act_hi_procinst p on p.id_ = a.proc_inst_id_
                    join act_ru_task t on t.id_ = p.business_key_ join reform_task r on r.process_instance_id = t.proc_inst_id_
                    where a.act_id_ = 'TimerEvent_ReminderDue' and a.end_time_ is not null and r.code like ?""")
                    .param(like).query(Long.class).single()).isEqualTo(2L * tasks);
            assertThat(jdbc.sql("""
                    select count(*) from act_hi_actinst a join act_hi_procinst p on p.id_ = a.proc_inst_id_
                    join act_ru_task t on t.id_ = p.business_key_ join reform_task r on r.process_instance_id = t.proc_inst_id_
                    where a.act_id_ = 'Task_RecordReminder' and a.end_time_ is not null and r.code like ?""")
                    .param(like).query(Long.class).single()).as("登记提醒 once per reminder").isEqualTo(3L * tasks);
            assertThat(jdbc.sql("""
                    select count(*) from act_ru_job j join act_ru_execution e on e.id_ = j.execution_id_
                    join act_ru_execution p on p.id_ = e.proc_inst_id_
                    join act_ru_task t on t.id_ = p.business_key_ join reform_task r on r.process_instance_id = t.proc_inst_id_
                    where j.type_ = 'timer' and j.duedate_ > now() and r.code like ?""").param(like)
                    .query(Long.class).single()).isEqualTo(tasks);
            // in-app: one comment on the task per reminder
            assertThat(jdbc.sql("""
                    select count(*) from act_hi_comment c join act_ru_task t on t.id_ = c.task_id_
                    join reform_task r on r.process_instance_id = t.proc_inst_id_ where r.code like ?""")
                    .param(like).query(Long.class).single()).isEqualTo(3L * tasks);
            assertNoticeNumbersWithoutGapsOrRepeats();
            assertThat(undelivered(prefix + "-")).isZero();

            Map<String, Integer> mails = countBy(mailKeys(Arrays.asList(mail.getReceivedMessages())));
            Map<String, Integer> hooks = countBy(robot.idempotencyKeys());
            int emailRows = 0;
            int hookRows = 0;
            int repeated = 0;
            for (Map<String, Object> row : deliveryRows(prefix + "-")) {
                String key = "reform-reminder-" + row.get("reminder_id") + "-" + row.get("id");
                if ("EMAIL".equals(row.get("channel"))) {
                    emailRows++;
                    assertThat(mails.get(key)).as("e-mails with Message-ID %s", key).isNotNull();
                    repeated += mails.get(key) - 1;
                } else if ("WEBHOOK".equals(row.get("channel"))) {
                    hookRows++;
                    assertThat(hooks.get(key)).as("robot messages with key %s", key).isNotNull();
                    repeated += hooks.get(key) - 1;
                }
            }
            assertThat(emailRows).isGreaterThanOrEqualTo(3 * tasks);
            assertThat(hookRows).isGreaterThanOrEqualTo(3 * tasks);
            figures.add(prefix + ": " + emailRows + " e-mails and " + hookRows + " robot messages, each received; "
                    + repeated + " received twice (same key)");
            assertThat(repeated).as("messages received again").isLessThanOrEqualTo(resent);
        }
    }

    /** Creates tasks whose first three reminders are due, waits until every delivery is made. */
    private Storm storm(String prefix, int reminders, String killNode) throws Exception {
        int tasks = (reminders + 2) / 3;
        long jobsBefore = jdbc.sql("select count(*) from act_hi_job_log where job_state_ = 2").query(Long.class).single();
        Map<String, Long> byHostBefore = successfulJobsByHost();
        ConfigurableApplicationContext context = seeder();
        long started = System.nanoTime();
        ExecutorService killer = Executors.newSingleThreadExecutor();
        Future<?> kill = null;
        if (killNode != null) {
            kill = killer.submit(() -> {
                awaitTrue(STORM_TIMEOUT, () -> reminderCount(prefix + "-") >= 3L * tasks * 35 / 100, "35% of the storm");
                Node victim = nodes.get(killNode);
                int inFlight = jdbc.sql("select count(*) from reminder_delivery where status = 'SENDING'")
                        .query(Integer.class).single();
                victim.kill();
                figures.add(String.format("%s: %s SIGKILLed at %.1f s with %d reminders recorded, %d deliveries "
                        + "claimed (SENDING)", prefix, killNode, (System.nanoTime() - started) / 1e9,
                        reminderCount(prefix + "-"), inFlight));
                Node again = node(killNode + "-restarted");
                again.start();
                again.awaitReady();
                figures.add(String.format("%s: %s started again, ready at %.1f s", prefix, again.name,
                        (System.nanoTime() - started) / 1e9));
                return null;
            });
        }
        double seeding = seed(prefix, tasks);
        awaitTrue(STORM_TIMEOUT, () -> reminderCount(prefix + "-") == 3L * tasks && undelivered(prefix + "-") == 0
                && watchesAtNextNotice(prefix + "-") == tasks, "storm " + prefix + " delivered");
        double seconds = (System.nanoTime() - started) / 1e9;
        if (kill != null) {
            kill.get();
        }
        killer.shutdownNow();
        long deliveries = jdbc.sql("""
                select count(*) from reminder_delivery d join reminder r on r.id = d.reminder_id
                where r.task_code like ? and d.channel <> 'IN_APP'""").param(prefix + "-%").query(Long.class).single();
        long jobs = jdbc.sql("select count(*) from act_hi_job_log where job_state_ = 2").query(Long.class).single()
                - jobsBefore;
        Map<String, Long> byHost = successfulJobsByHost();
        byHostBefore.forEach((host, n) -> byHost.computeIfPresent(host, (h, m) -> m - n));
        byHost.values().removeIf(n -> n == 0);
        figures.add(String.format("%s: %d tasks, %d reminders, %d e-mail+robot deliveries, %d jobs in %.1f s "
                + "(tasks created in %.1f s, while the nodes worked): %.1f reminders/s, %.1f deliveries/s; "
                + "successful jobs by node %s; PostgreSQL fsync=on synchronous_commit=on", prefix, tasks, 3 * tasks,
                deliveries, jobs, seconds, seeding, 3 * tasks / seconds, deliveries / seconds, byHost));
        return new Storm(prefix, tasks, jobs, byHost);
    }

    /**
     * Creates tasks (lead unit 市发展改革委) in this JVM's engine with the clock set so that their 方案制定 is due
     * five working days before the latest working day whose 09:00 has passed: 临期提醒, 逾期催办 and 督办单 1 are
     * due on the nodes' real clocks, 督办单 2 five working days ahead. Returns the seconds it took.
     */
    private double seed(String prefix, int tasks) throws Exception {
        ConfigurableApplicationContext context = seeder();
        WorkingCalendar calendar = context.getBean(WorkingCalendar.class);
        ReformTaskService service = context.getBean(ReformTaskService.class);
        Instant now = Instant.now();
        LocalDate day = LocalDate.ofInstant(now, ReminderSchedule.CHINA);
        while (!calendar.isWorkingDay(day) || day.atTime(9, 0).atZone(ReminderSchedule.CHINA).toInstant().isAfter(now)) {
            day = day.minusDays(1);
        }
        LocalDate due = calendar.subtractWorkingDays(day, 5);
        assertThat(calendar.addWorkingDays(due, 5)).isEqualTo(day);
        LocalDate created = null;
        for (LocalDate c = due.minusDays(60); c.isBefore(due); c = c.plusDays(1)) {
            if (calendar.isWorkingDay(c) && calendar.addWorkingDays(c, 20).equals(due)) {
                created = c;
                break;
            }
        }
        assertThat(created).as("a creation day 20 working days before %s", due).isNotNull();
        ClockUtil.setCurrentTime(Date.from(created.atTime(LocalTime.of(10, 0)).atZone(ReminderSchedule.CHINA).toInstant()));
        long started = System.nanoTime();
        int year = created.getYear();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                String code = String.format("%s-%05d", prefix, i);
                done.add(pool.submit(() -> service.createAndStart(new NewReformTask(code, year, "集群", "集群任务" + code,
                        null, null, List.of(), List.of("fgw"), List.of(), LocalDate.of(year + 1, 12, 31)), "office1")));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
            ClockUtil.reset();
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** A third engine in this JVM (job executor off, no web port) that creates the tasks with a moved clock. */
    private ConfigurableApplicationContext seeder() {
        if (seeder == null) {
            Map<String, Object> properties = new HashMap<>();
            properties.put("spring.datasource.url", jdbcUrl);
            properties.put("spring.datasource.username", "postgres");
            properties.put("spring.datasource.password", "postgres");
            properties.put("spring.datasource.hikari.maximum-pool-size", "6");
            properties.put("server.port", "0");
            properties.put("camunda.bpm.job-execution.enabled", "false");
            properties.put("camunda.bpm.generic-properties.properties.hostname", "seeder");
            properties.put("reform.demo.seed-tasks", "false");
            properties.put("logging.level.root", "WARN");
            // as command-line arguments: they override the profiles' files, as for the nodes
            seeder = new SpringApplicationBuilder(ReformPlatformApplication.class).profiles("demo", "postgres")
                    .initializers(context -> context.getBeanFactory().registerSingleton("excludeTestClasses",
                            new ExcludeTestClasses()))
                    .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                            .toArray(String[]::new));
        }
        return seeder;
    }

    /** The test classes are on this JVM's classpath: keep them out of the seeder's component scan. */
    static final class ExcludeTestClasses extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ExcludeTestClasses;
        }

        @Override
        public int hashCode() {
            return ExcludeTestClasses.class.hashCode();
        }
    }

    private void assertNoticeNumbersWithoutGapsOrRepeats() {
        List<String> numbers = jdbc.sql("select notice_no from reminder where notice_no is not null").query(String.class)
                .list();
        Pattern number = Pattern.compile("〔(\\d{4})〕(\\d+)号");
        Map<String, List<Integer>> byYear = new HashMap<>();
        for (String n : numbers) {
            Matcher m = number.matcher(n);
            assertThat(m.find()).as(n).isTrue();
            byYear.computeIfAbsent(m.group(1), y -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
        }
        byYear.forEach((year, list) -> {
            assertThat(new HashSet<>(list)).as("督办单 numbers of %s", year).hasSameSizeAs(list);
            assertThat(list.stream().mapToInt(Integer::intValue).max().orElse(0)).as("no gaps in %s", year)
                    .isEqualTo(list.size());
            assertThat(jdbc.sql("select last_number from supervision_notice_counter where notice_year = ?")
                    .param(Integer.parseInt(year)).query(Integer.class).single()).isEqualTo(list.size());
        });
    }

    private List<Map<String, Object>> awaitFailedDeliverJobs(int n) throws Exception {
        String sql = """
                select j.id_, j.retries_, j.duedate_, j.exception_msg_ from act_ru_job j
                join act_ru_jobdef d on d.id_ = j.job_def_id_
                join act_ru_execution e on e.id_ = j.execution_id_ join act_ru_execution p on p.id_ = e.proc_inst_id_
                join act_ru_task t on t.id_ = p.business_key_ join reform_task r on r.process_instance_id = t.proc_inst_id_
                where d.act_id_ = 'Task_DeliverReminder' and j.exception_msg_ is not null and r.code like 'CD-%'
                order by r.code""";
        awaitTrue(Duration.ofMinutes(1), () -> jdbc.sql(sql).query().listOfRows().size() == n, "failed deliver jobs");
        return jdbc.sql(sql).query().listOfRows();
    }

    private Map<String, Long> successfulJobsByHost() {
        Map<String, Long> byHost = new LinkedHashMap<>();
        jdbc.sql("select hostname_, count(*) as n from act_hi_job_log where job_state_ = 2 group by hostname_ order by hostname_")
                .query().listOfRows().forEach(row -> byHost.put(String.valueOf(row.get("hostname_")),
                        ((Number) row.get("n")).longValue()));
        return byHost;
    }

    private long reminderCount(String codePrefix) {
        return jdbc.sql("select count(*) from reminder where task_code like ?").param(codePrefix + "%")
                .query(Long.class).single();
    }

    private long undelivered(String codePrefix) {
        return jdbc.sql("""
                select count(*) from reminder_delivery d join reminder r on r.id = d.reminder_id
                where r.task_code like ? and d.status <> 'DELIVERED'""").param(codePrefix + "%").query(Long.class)
                .single();
    }

    /** Watches waiting for their 督办单 2 (their timer days ahead), i.e. done with the storm. */
    private long watchesAtNextNotice(String codePrefix) {
        return jdbc.sql("""
                select count(*) from act_ru_job j join act_ru_execution e on e.id_ = j.execution_id_
                join act_ru_execution p on p.id_ = e.proc_inst_id_
                join act_ru_task t on t.id_ = p.business_key_ join reform_task r on r.process_instance_id = t.proc_inst_id_
                where j.type_ = 'timer' and j.duedate_ > now() and r.code like ?""").param(codePrefix + "%")
                .query(Long.class).single();
    }

    private List<Map<String, Object>> deliveryRows(String codePrefix) {
        return jdbc.sql("""
                select d.id, d.reminder_id, d.channel from reminder_delivery d join reminder r on r.id = d.reminder_id
                where r.task_code like ?""").param(codePrefix + "%").query().listOfRows();
    }

    private static List<String> mailKeys(List<MimeMessage> messages) throws Exception {
        List<String> keys = new ArrayList<>();
        for (MimeMessage message : messages) {
            String id = message.getMessageID();
            if (id != null && id.startsWith("<reform-reminder-")) {
                keys.add(id.substring(1, id.indexOf('@')));
            }
        }
        return keys;
    }

    private static Map<String, Integer> countBy(List<String> keys) {
        return keys.stream().collect(Collectors.toMap(k -> k, k -> 1, Integer::sum));
    }

    private void assertNoErrors() throws IOException {
        for (Node node : nodes.values()) {
            assertThat(node.errors()).as("ERROR lines of %s", node.name).isEmpty();
        }
    }

    private static void awaitTrue(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + ": " + what);
            }
            Thread.sleep(500);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private Node node(String name) throws IOException {
        Node node = new Node(name, freePort(), dir.resolve(name + ".log"));
        nodes.put(name, node);
        return node;
    }

    static Path bootJar() throws IOException {
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("reform-platform-.*\\.jar")
                    && !p.getFileName().toString().endsWith("-plain.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("target/reform-platform-*.jar missing: run this test with "
                            + "./mvnw verify (failsafe runs after package), not from the IDE without packaging"));
        }
    }

    /** One platform node: a JVM running the boot jar, its output in target/cluster-it/&lt;name&gt;.log. */
    final class Node {
        final String name;
        final int port;
        final Path log;
        Process process;

        Node(String name, int port, Path log) {
            this.name = name;
            this.port = port;
            this.log = log;
        }

        void start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx640m", "-XX:+UseSerialGC",
                    "-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", "-jar", bootJar().toString(),
                    "--spring.profiles.active=demo,postgres",
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres",
                    "--spring.datasource.hikari.maximum-pool-size=24",
                    "--server.port=" + port,
                    "--camunda.bpm.generic-properties.properties.hostname=" + name,
                    "--camunda.bpm.job-execution.enabled=true",
                    "--camunda.bpm.job-execution.core-pool-size=" + NODE_MAX_THREADS,
                    "--camunda.bpm.job-execution.max-pool-size=" + NODE_MAX_THREADS,
                    "--camunda.bpm.job-execution.queue-capacity=" + NODE_MAX_THREADS,
                    "--camunda.bpm.job-execution.max-jobs-per-acquisition=" + NODE_MAX_THREADS,
                    "--camunda.bpm.job-execution.lock-time-in-millis=" + LOCK_TIME_MILLIS,
                    "--camunda.bpm.job-execution.wait-time-in-millis=1000",
                    "--camunda.bpm.job-execution.max-wait=2000",
                    "--reform.notification.email.enabled=true",
                    "--spring.mail.host=127.0.0.1",
                    "--spring.mail.port=" + smtp.getPort(),
                    "--spring.mail.properties.mail.smtp.connectiontimeout=3000",
                    "--spring.mail.properties.mail.smtp.timeout=3000",
                    "--reform.notification.webhook.enabled=true",
                    "--reform.notification.webhook.default-url=" + robot.url(),
                    "--reform.notification.webhook.timeout=3s"));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }

        void awaitReady() throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(5))
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200 && health.body().contains("UP")) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(name + " not ready within 4 minutes:\n" + tail());
                }
                Thread.sleep(500);
            }
        }

        /** SIGKILL (Process.destroyForcibly on Linux), no shutdown hooks. */
        void kill() {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        List<String> errors() throws IOException {
            return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains(" ERROR ")).toList();
        }

        String tail() throws IOException {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }
}
