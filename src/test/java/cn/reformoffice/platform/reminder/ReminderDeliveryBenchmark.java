package cn.reformoffice.platform.reminder;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.testsupport.Profile;

/**
 * Benchmark, not a test (not run by {@code ./mvnw verify}): how many reminders per second the job
 * executor records and sends with the e-mail (GreenMail SMTP on loopback, through a proxy that counts the
 * SMTP connections) and robot webhook (HTTP server on loopback) channels, on H2, against no-op timer jobs
 * (start, timer, end) run by the same job executor in the same JVM. Duplicates (a reminder recorded twice,
 * an e-mail or robot message received twice) are counted. A discarded warm-up round comes first. Run:
 * {@code ./mvnw test -Dtest=ReminderDeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; with
 * {@code -Dbenchmark.jfr=true} a JFR profile of the measured reminder round goes to
 * target/benchmark/reminder-delivery.jfr. Figures: target/benchmark/reminder-delivery.csv.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:reminderbenchmark;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=true",
        "reform.demo.seed-tasks=false",
        "reform.notification.email.enabled=true",
        "spring.mail.host=127.0.0.1",
        "spring.mail.port=3025",
        "reform.notification.webhook.enabled=true",
        "logging.level.org.camunda=WARN" })
@DirtiesContext
class ReminderDeliveryBenchmark {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    static RobotWebhookServer robot;
    static CountingTcpProxy smtp;

    @DynamicPropertySource
    static void robot(DynamicPropertyRegistry registry) throws IOException {
        robot = new RobotWebhookServer();
        registry.add("reform.notification.webhook.default-url", robot::url);
        smtp = new CountingTcpProxy(ServerSetupTest.SMTP.getPort());
        registry.add("spring.mail.port", smtp::port);
    }

    @AfterAll
    static void stop() throws IOException {
        robot.close();
        smtp.close();
        ClockUtil.reset();
    }

    static final String NOOP = "benchmark-noop-timer";
    static final double TARGET = 0.1;

    @Autowired ReformTaskService reformTasks;
    @Autowired JdbcClient jdbc;
    @Autowired ProcessEngine engine;

    @Test
    void remindersPerSecond() throws Exception {
        engine.getRepositoryService().createDeployment().addModelInstance(NOOP + ".bpmn",
                Bpmn.createExecutableProcess(NOOP).camundaHistoryTimeToLive(1).startEvent().intermediateCatchEvent()
                        .timerWithDate("${due}").endEvent().done())
                .deploy();
        // the baseline first, on an empty platform (later rounds leave reminder watches whose timers a clock move fires)
        noopJobsPerSecond(500, 2025, 11);
        double noop = noopJobsPerSecond(Integer.getInteger("benchmark.noop", 3000), 2025, 12);
        round("WARM", 50, 2026, 2);

        int connectionsBefore = smtp.connections();
        int mailsBefore = mail.getReceivedMessages().length;
        double perSecond;
        try (Profile profile = Profile.start("reminder-delivery")) {
            perSecond = round("RUN", Integer.getInteger("benchmark.reminders", 300), 2026, 5);
        }
        int connections = smtp.connections() - connectionsBefore;
        int mails = mail.getReceivedMessages().length - mailsBefore;

        long duplicateReminders = jdbc.sql("select count(*) from (select reminder_key from reminder group by reminder_key "
                + "having count(*) > 1) d").query(Long.class).single();
        long duplicateMails = duplicates(Arrays.stream(mail.getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList());
        long duplicateRobot = duplicates(robot.idempotencyKeys());
        long duplicates = duplicateReminders + duplicateMails + duplicateRobot;
        double ratio = perSecond / noop;
        System.out.printf("BENCHMARK reminders/s (in-app + e-mail + webhook each): %.1f, no-op timer jobs/s %.1f, "
                + "ratio %.3f; duplicates %d (reminders %d, e-mails %d, robot %d); %d SMTP connections for %d e-mails%n",
                perSecond, noop, ratio, duplicates, duplicateReminders, duplicateMails, duplicateRobot, connections, mails);

        Path csv = Path.of("target", "benchmark", "reminder-delivery.csv");
        Files.createDirectories(csv.getParent());
        Files.write(csv, List.of("measure,database,value,unit,baseline,ratio,target,met",
                String.format(Locale.ROOT, "reminders_per_s,H2,%.1f,1/s,%.1f,%.3f,>=%.2f,%s", perSecond, noop, ratio,
                        TARGET, ratio >= TARGET ? "yes" : "no"),
                String.format(Locale.ROOT, "reminder_duplicates,H2,%d,count,0,-,=0,%s", duplicates,
                        duplicates == 0 ? "yes" : "no"),
                String.format(Locale.ROOT, "smtp_connections_per_email,H2,%.3f,count,1,%.3f,<1,%s",
                        connections / (double) mails, connections / (double) mails, connections < mails ? "yes" : "no")),
                StandardCharsets.UTF_8);
    }

    /** Starts instances waiting on a timer, makes the timers due, returns timer jobs run per second. */
    private double noopJobsPerSecond(int instances, int year, int month) throws InterruptedException {
        ClockUtil.setCurrentTime(china(year, month, 1, 10));
        Date due = china(year, month, 2, 10);
        for (int i = 0; i < instances; i++) {
            engine.getRuntimeService().startProcessInstanceByKey(NOOP, Map.of("due", due));
        }
        long start = System.nanoTime();
        ClockUtil.setCurrentTime(china(year, month, 3, 10));
        wakeJobExecutor();
        while (engine.getManagementService().createJobQuery().processDefinitionKey(NOOP).count() > 0) {
            Thread.sleep(20);
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new AssertionError("no-op timer jobs not run within 10 minutes");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK no-op timer jobs: %d in %.2f s%n", instances, seconds);
        return instances / seconds;
    }

    private void wakeJobExecutor() {
        ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().jobWasAdded();
    }

    private static long duplicates(List<String> keys) {
        return keys.stream().collect(Collectors.groupingBy(k -> k, Collectors.counting())).values().stream()
                .filter(n -> n > 1).count();
    }

    /** Creates tasks whose 临期提醒 is due, lets the job executor send them, returns reminders per second. */
    private double round(String prefix, int tasks, int year, int month) throws InterruptedException {
        ClockUtil.setCurrentTime(china(year, month, 4, 10));
        for (int i = 0; i < tasks; i++) {
            reformTasks.createAndStart(new NewReformTask(prefix + "-" + i, year, "基准", "基准任务" + i, null, null,
                    List.of(), List.of("fgw"), List.of(), LocalDate.of(year, 12, 31)), "office1");
        }
        long before = delivered();
        long start = System.nanoTime();
        ClockUtil.setCurrentTime(china(year, month + 1, 28, 10)); // past every 临期提醒 of the round
        wakeJobExecutor();
        while (delivered() - before < 3L * tasks) {
            Thread.sleep(50);
            if (System.nanoTime() - start > 600_000_000_000L) {
                throw new AssertionError("reminders not delivered within 10 minutes");
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCHMARK %s: %d reminders, %d deliveries in %.2f s%n", prefix, tasks, 3 * tasks, seconds);
        return tasks / seconds;
    }

    private long delivered() {
        return jdbc.sql("select count(*) from reminder_delivery where status = 'DELIVERED'").query(Long.class).single();
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
