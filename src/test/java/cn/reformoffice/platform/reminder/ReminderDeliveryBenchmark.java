package cn.reformoffice.platform.reminder;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
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

/**
 * Benchmark, not a test (not run by {@code ./mvnw verify}): how many reminders per second the job
 * executor records and sends with the e-mail (GreenMail SMTP on loopback) and robot webhook (HTTP
 * server on loopback) channels, on H2. A discarded warm-up round comes first. Run:
 * {@code ./mvnw test -Dtest=ReminderDeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
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

    @DynamicPropertySource
    static void robot(DynamicPropertyRegistry registry) throws IOException {
        robot = new RobotWebhookServer();
        registry.add("reform.notification.webhook.default-url", robot::url);
    }

    @AfterAll
    static void stop() {
        robot.close();
        ClockUtil.reset();
    }

    @Autowired ReformTaskService reformTasks;
    @Autowired JdbcClient jdbc;

    @Test
    void remindersPerSecond() throws InterruptedException {
        round("WARM", 50, 2026, 2);
        double perSecond = round("RUN", 300, 2026, 5);
        System.out.printf("BENCHMARK reminders/s (in-app + e-mail + webhook each): %.1f%n", perSecond);
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
