package cn.reformoffice.platform.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;


import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.organization.OrganizationFile.Unit;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * Jobs per second of the job executor: N overdue reminders (临期提醒 of N reform tasks, each recorded in-app,
 * e-mailed to the unit through a real SMTP server — GreenMail on a random loopback port — and sent to the office's
 * robot webhook on a loopback HTTP server) against N no-op timer jobs (start, a one-hour timer, end) in the same
 * engine and run. Each measured round starts when the engine clock jumps past the due dates (the job executor is
 * woken, so its idle back-off is not counted) and ends when the last reminder's deliveries are all recorded as
 * delivered (or the last timer job is gone). E-mails and robot messages received twice with the same key
 * (Message-ID, Idempotency-Key) are counted as duplicates. Rounds lie in different months of engine time, so what
 * one round's tasks plan next never falls due in another: no-op timers in late 2025, the discarded reminder round
 * in September 2026, the measured one in February 2026. Size: {@code -Dbenchmark.reminders} (default 10,000).
 */
abstract class AbstractJobsBenchmark extends LoopbackChannels {

    static final long SEED = 20261130L;
    static final long TIMEOUT_NANOS = 30L * 60 * 1_000_000_000L;


    @Autowired ReformTaskService reformTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired ManagementService managementService;
    @Autowired ProcessEngine processEngine;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;

    abstract String database();

    abstract String settings();

    void analyze() {
    }

    @Test
    void remindersAgainstNoOpTimerJobs() throws Exception {
        int n = BenchmarkCsv.size("benchmark.reminders", 10_000);
        int warm = Math.max(20, n / 10);
        repositoryService.createDeployment().name("benchmark-timer")
                .addClasspathResource("benchmark/benchmark-timer.bpmn").deploy();

        timers(warm, china(2025, 12, 1, 10)); // warm-up, discarded
        long started = System.nanoTime();
        Round timerRound = timers(n, china(2025, 11, 3, 10));
        double timerSeconds = timerRound.seconds();
        reminders("W", warm, china(2026, 9, 1, 10)); // warm-up, discarded
        analyze();
        ReminderRound round = reminders("R", n, china(2026, 2, 4, 10));
        double reminderSeconds = round.measured().seconds();
        double totalSeconds = (System.nanoTime() - started) / 1e9;

        int duplicates = duplicates(mailKeys()) + duplicates(robot.keys());
        double reminderRate = n / reminderSeconds;
        double timerRate = n / timerSeconds;
        BenchmarkCsv csv = new BenchmarkCsv("jobs-" + database().toLowerCase(java.util.Locale.ROOT));
        csv.ratio("reminders_per_s_vs_noop_jobs_per_s", database(), reminderRate, "1/s", timerRate, ">=0.1");
        csv.value("reminder_duplicates", database(), duplicates, "messages", null, "=0");
        csv.note("%s; job executor as configured by the product; N = %d (-Dbenchmark.reminders), warm-up rounds of %d"
                + " discarded", settings(), n, warm);
        csv.note("%d no-op timer jobs in %.1f s (%.0f jobs/s); %d reminders (%d deliveries: in-app, e-mail, robot) in"
                + " %.1f s (%.2f reminders/s, %.0f jobs/s incl. the reminder process's own jobs); creating the %d"
                + " reform tasks took %.1f s (not counted); measured rounds with their set-up took %.0f s",
                n, timerSeconds, timerRate, n, round.deliveries(), reminderSeconds, reminderRate,
                round.jobs() / reminderSeconds, n, round.creatingSeconds(), totalSeconds);
        // a round that leaves the cores idle waits on something (a sink, a lock, the acquisition)
        csv.note("CPU while measured, of this JVM (platform, GreenMail, robot sink) and of the machine (also"
                + " PostgreSQL): no-op timer round %s; reminder round %s", timerRound.cpu(), round.measured().cpu());
        csv.note("e-mails received %d (%d duplicate Message-IDs), robot messages %d; duplicates over all rounds",
                mailKeys().size(), duplicates(mailKeys()), robot.keys().size());
        csv.write();
    }

    /** A measured round: its seconds and the CPU use meanwhile ({@link CpuUse#since}). */
    private record Round(double seconds, String cpu) {
    }

    /** A round of reminders, with the deliveries and jobs it took and the seconds creating its tasks (not counted). */
    private record ReminderRound(Round measured, long deliveries, long jobs, double creatingSeconds) {
    }

    /** Starts {@code count} no-op timer processes at {@code at}, then runs their timers. */
    private Round timers(int count, Date at) throws Exception {
        ClockUtil.setCurrentTime(at);
        AbstractStartsBenchmark.run(4, count, i -> runtimeService.startProcessInstanceByKey("benchmark-timer"));
        CpuUse use = CpuUse.now();
        long start = jump(new Date(at.getTime() + 61 * 60_000L));
        await(() -> managementService.createJobQuery().processDefinitionKey("benchmark-timer").count() == 0,
                "no-op timer jobs");
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Round(seconds, use.since(seconds));
    }

    /**
     * Creates {@code count} reform tasks at {@code at}, then moves the clock to their first reminder (临期提醒) and
     * waits until every delivery of it is delivered.
     */
    private ReminderRound reminders(String prefix, int count, Date at) throws Exception {
        ClockUtil.setCurrentTime(at);
        List<Unit> units = directory.units().stream().filter(u -> u.email() != null && !u.email().isBlank()).toList();
        Random random = new Random(SEED);
        List<NewReformTask> requests = new ArrayList<>();
        int year = at.toInstant().atOffset(ZoneOffset.ofHours(8)).getYear();
        for (int i = 0; i < count; i++) {
            requests.add(new NewReformTask(prefix + "-%05d".formatted(i), year, "基准改革", "提醒基准任务" + i, null, null,
                    List.of(), List.of(units.get(random.nextInt(units.size())).id()), List.of(),
                    LocalDate.of(year, 12, 31)));
        }
        long creating = System.nanoTime();
        AbstractStartsBenchmark.run(4, count, i -> reformTasks.createAndStart(requests.get(i), "office1"));
        double creatingSeconds = (System.nanoTime() - creating) / 1e9;

        // the earliest reminder timer: the 临期提醒 of the first step (the job that starts its watch), the same moment
        // for every task created that day
        Date due = jdbc.sql("select min(duedate_) from act_ru_job where handler_type_ = ? and duedate_ > ?")
                .params(WATCH_START, at).query(Date.class).single();
        long dueTogether = jdbc.sql("""
                select count(*) from act_ru_job where handler_type_ = ? and duedate_ > ? and duedate_ < ?""")
                .params(WATCH_START, at, new Date(due.getTime() + 60_001L)).query(Long.class).single();
        assertThat(dueTogether).as("first reminders due at %s", due).isEqualTo(count);
        long jobsBefore = historicJobs();
        String like = prefix + "-%";
        CpuUse use = CpuUse.now();
        long start = jump(new Date(due.getTime() + 60_000L));
        await(() -> reminders(like) >= count && undelivered(like) == 0, "reminders " + prefix);
        double seconds = (System.nanoTime() - start) / 1e9;
        Round measured = new Round(seconds, use.since(seconds));
        assertThat(reminders(like)).as("one reminder per task").isEqualTo(count);
        long deliveries = jdbc.sql("select count(*) from reminder_delivery d join reminder r on r.id = d.reminder_id"
                + " where r.task_code like ?").param(like).query(Long.class).single();
        return new ReminderRound(measured, deliveries, historicJobs() - jobsBefore, creatingSeconds);
    }

    /** CPU time of this JVM and, on Linux, of the whole machine (/proc/stat), at one moment. */
    private record CpuUse(long jvmNanos, long[] machineTicks) {

        private static final int CORES = Runtime.getRuntime().availableProcessors();

        static CpuUse now() {
            long jvm = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                    .getOperatingSystemMXBean()).getProcessCpuTime();
            return new CpuUse(jvm, readMachineTicks());
        }

        /** "JVM 98 % of 2 cores, machine 99 % busy (0 % waiting for I/O)" from this moment until now. */
        String since(double seconds) {
            CpuUse end = now();
            String jvm = "JVM %.0f %% of %d cores".formatted(100 * (end.jvmNanos - jvmNanos) / 1e9 / seconds / CORES,
                    CORES);
            if (machineTicks == null || end.machineTicks == null) {
                return jvm;
            }
            double total = end.machineTicks[0] - machineTicks[0];
            return jvm + ", machine %.0f %% busy (%.0f %% waiting for I/O)".formatted(
                    100 * (total - (end.machineTicks[1] - machineTicks[1]) - (end.machineTicks[2] - machineTicks[2]))
                            / total, 100 * (end.machineTicks[2] - machineTicks[2]) / total);
        }

        /** All, idle and iowait ticks of the machine's CPUs, or null where /proc/stat is not there. */
        private static long[] readMachineTicks() {
            try {
                String[] fields = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0).trim()
                        .split("\\s+");
                long all = 0;
                for (int i = 1; i < fields.length; i++) {
                    all += Long.parseLong(fields[i]);
                }
                return new long[] { all, Long.parseLong(fields[4]), Long.parseLong(fields[5]) };
            } catch (java.io.IOException | RuntimeException e) {
                return null;
            }
        }
    }

    /** Handler type of the job that starts a step's reminder watch at its first reminder. */
    private static final String WATCH_START = "reform-reminder-watch";

    private long reminders(String like) {
        return jdbc.sql("select count(*) from reminder where task_code like ?").param(like).query(Long.class).single();
    }

    private long undelivered(String like) {
        return jdbc.sql("select count(*) from reminder_delivery d join reminder r on r.id = d.reminder_id"
                + " where r.task_code like ? and d.status <> 'DELIVERED'").param(like).query(Long.class).single();
    }

    private long historicJobs() {
        return jdbc.sql("select count(*) from act_hi_job_log where job_state_ = 2").query(Long.class).single();
    }

    /** Moves the engine clock and wakes the job executor (as a new job would); returns the start of the round. */
    private long jump(Date to) {
        ClockUtil.setCurrentTime(to);
        long start = System.nanoTime();
        ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration()).getJobExecutor().jobWasAdded();
        return start;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long start = System.nanoTime();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() - start > TIMEOUT_NANOS) {
                throw new AssertionError(what + " not done within 30 minutes");
            }
            Thread.sleep(100);
        }
    }

    private static List<String> mailKeys() {
        List<String> keys = new ArrayList<>();
        for (var message : mail.getReceivedMessages()) {
            try {
                keys.add(String.valueOf(message.getMessageID()));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }

    private static int duplicates(List<String> keys) {
        return keys.size() - (int) keys.stream().distinct().count();
    }

    static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
