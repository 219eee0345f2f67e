package cn.reformoffice.platform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

import cn.reformoffice.platform.ledger.LedgerRecorder;
import cn.reformoffice.platform.ledger.LedgerYearGenerator;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/**
 * The office's dashboard on PostgreSQL reads its counts from ledger_tally (V17): after any mix of writes to the ledger
 * entries (inserts, updates of each counted column and of others, deletes cascaded from the task), folded or not,
 * folded while writers commit, it shows what counting the entries shows. The fold also runs by itself (here every
 * 300 ms instead of every minute), and the nightly process checks the counts and counts again where they differ.
 */
@SpringBootTest(properties = { "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.dashboard.tally-fold-ms=300" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresDashboardTallyIT {

    private static final List<String> UNITS = List.of("fgw", "czj", "yshj", "jyj");

    @Autowired JdbcTemplate jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired DashboardQuery query;
    @Autowired DashboardTally tally;
    @Autowired TransactionTemplate transactions;
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** One for the class's tests (they share the database): its task codes go on from one test to the next. */
    private static LedgerYearGenerator generator;

    private LedgerYearGenerator generator() {
        if (generator == null) {
            generator = new LedgerYearGenerator(jdbc, directory);
        }
        return generator;
    }

    @Test
    void theKeptCountsAreTheEntriesCountsAfterAnyWritesFoldedOrNot() throws Exception {
        generator().add(300);
        assertSameAsCounting("generated");
        Random random = new Random(17);
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 40; i++) {
                change(random);
            }
            assertSameAsCounting("round " + round + ", not folded");
            if (round % 2 == 0) {
                tally.fold();
                assertSameAsCounting("round " + round + ", folded");
            }
        }
        // a task deleted: its entry goes with it (on delete cascade), and with the entry its counts
        Long deleted = jdbc.queryForObject("select min(task_id) from ledger_entry where plan_year = 2026", Long.class);
        long before = query.dashboard(2026, null, DashboardQuery.Counting.TALLY).summary().tasks();
        jdbc.update("delete from ledger_entry where task_id = ?", deleted);
        assertThat(query.dashboard(2026, null, DashboardQuery.Counting.TALLY).summary().tasks()).isEqualTo(before - 1);
        assertSameAsCounting("an entry deleted");

        // folded while four writers commit changes: nothing lost, nothing counted twice
        ExecutorService writers = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                Random own = new Random(100 + w);
                done.add(writers.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        transactions.executeWithoutResult(status -> {
                            change(own);
                            change(own);
                        });
                    }
                }));
            }
            done.add(writers.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    tally.fold();
                }
            }));
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            writers.shutdownNow();
        }
        assertSameAsCounting("folded while written");
        int groups = tally.fold();
        assertThat(jdbc.queryForObject("select count(*) from ledger_tally", Integer.class)).isEqualTo(groups);
        assertThat(groups).isEqualTo(jdbc.queryForObject("select count(*) from (select distinct plan_year, light, stage,"
                + " category, lead_unit from ledger_entry) g", Integer.class));
        assertSameAsCounting("folded");
    }

    @Test
    void theRowsOfChangesAreFoldedWithoutBeingAsked() throws InterruptedException {
        generator().add(50);
        jdbc.update("update ledger_entry set light = 'RED', light_rank = ? where light <> 'RED'",
                LedgerRecorder.lightRank("RED"));
        long deadline = System.currentTimeMillis() + 30_000;
        int rows;
        int groups;
        do {
            Thread.sleep(100);
            rows = jdbc.queryForObject("select count(*) from ledger_tally", Integer.class);
            groups = jdbc.queryForObject("select count(*) from (select distinct plan_year, light, stage, category,"
                    + " lead_unit from ledger_entry) g", Integer.class);
        } while (rows != groups && System.currentTimeMillis() < deadline);
        assertThat(rows).as("rows of ledger_tally, one per group once folded").isEqualTo(groups);
        assertSameAsCounting("folded by the schedule");
    }

    /**
     * The path of ledger-daily.bpmn: at 00:05 China time the lights are recomputed, then the kept counts are checked
     * against the entries and counted again where they differ (here: a row no entry explains, as a copy with the
     * trigger disabled would leave); the next run is due the next day at 00:05, a holiday (New Year's Day) included.
     */
    @Test
    void everyNightTheLightsAreRecomputedAndTheKeptCountsChecked() {
        generator().add(30);
        jdbc.update("insert into ledger_tally (plan_year, light, stage, category, lead_unit, entries, q1_reports,"
                + " q1_late, q2_reports, q2_late, q3_reports, q3_late, q4_reports, q4_late)"
                + " values (2026, 'RED', 'IMPLEMENTATION', '不存在的类别', 'fgw', 7, 1, 1, 0, 0, 0, 0, 0, 0)");
        assertThat(query.dashboard(2026, null, DashboardQuery.Counting.TALLY))
                .isNotEqualTo(query.dashboard(2026, null, DashboardQuery.Counting.IN_JAVA));
        try {
            Job timer = managementService.createJobQuery().processDefinitionKey("ledger-daily").timers().singleResult();
            ClockUtil.setCurrentTime(Date.from(ZonedDateTime.of(2026, 12, 31, 0, 5, 0, 0, CHINA).toInstant()));
            managementService.executeJob(timer.getId());
            Job recompute = managementService.createJobQuery().processDefinitionKey("ledger-daily")
                    .activityId("Task_RecomputeLights").singleResult();
            managementService.executeJob(recompute.getId());
            Job check = managementService.createJobQuery().processDefinitionKey("ledger-daily")
                    .activityId("Task_CheckDashboardCounts").singleResult();
            managementService.executeJob(check.getId());
            assertSameAsCounting("checked at night");
            assertThat(jdbc.queryForObject("select count(*) from ledger_tally where category = '不存在的类别'",
                    Integer.class)).isZero();
            HistoricProcessInstance night = historyService.createHistoricProcessInstanceQuery()
                    .processDefinitionKey("ledger-daily").singleResult();
            assertThat(night.getEndTime()).isNotNull();
            assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(night.getId())
                    .orderPartiallyByOccurrence().asc().list()).extracting(HistoricActivityInstance::getActivityId)
                    .containsExactly("StartEvent_NewDay", "Task_RecomputeLights", "Task_CheckDashboardCounts",
                            "EndEvent_LightsUpdated");
            Job next = managementService.createJobQuery().processDefinitionKey("ledger-daily").timers().singleResult();
            assertThat(next.getDuedate().toInstant())
                    .isEqualTo(ZonedDateTime.of(2027, 1, 1, 0, 5, 0, 0, CHINA).toInstant());
            // a second check finds the counts right and changes nothing
            assertThat(tally.check()).isTrue();
        } finally {
            ClockUtil.reset();
        }
    }

    /** One entry's counted or uncounted column changed at random, or (rarely) the entry deleted. */
    private void change(Random random) {
        Long id = jdbc.queryForObject("select task_id from ledger_entry order by task_id offset ? limit 1", Long.class,
                random.nextInt(jdbc.queryForObject("select count(*) from ledger_entry", Integer.class)));
        int quarter = 1 + random.nextInt(4);
        switch (random.nextInt(9)) {
            case 0 -> {
                String light = List.of("RED", "YELLOW", "GREEN", "CLOSED").get(random.nextInt(4));
                jdbc.update("update ledger_entry set light = ?, light_rank = ? where task_id = ?", light,
                        LedgerRecorder.lightRank(light), id);
            }
            case 1 -> jdbc.update("update ledger_entry set stage = ? where task_id = ?",
                    List.of("DRAFTING", "IMPLEMENTATION", "CLOSED").get(random.nextInt(3)), id);
            case 2 -> jdbc.update("update ledger_entry set category = ? where task_id = ?",
                    random.nextBoolean() ? null : "类别" + random.nextInt(3), id);
            case 3 -> jdbc.update("update ledger_entry set lead_unit = ? where task_id = ?",
                    random.nextInt(5) == 0 ? null : UNITS.get(random.nextInt(UNITS.size())), id);
            case 4 -> jdbc.update("update ledger_entry set plan_year = ? where task_id = ?", 2025 + random.nextInt(3),
                    id);
            case 5 -> jdbc.update("update ledger_entry set report_q" + quarter + "_late = ? where task_id = ?",
                    random.nextInt(4) == 0 ? null : random.nextInt(3) - 1, id);
            case 6 -> jdbc.update("update ledger_entry set step_due = ? where task_id = ?",
                    java.sql.Date.valueOf(java.time.LocalDate.of(2026, 1, 1).plusDays(random.nextInt(500))), id);
            case 7 -> jdbc.update("update ledger_entry set step_name = ?, search_text = ? where task_id = ?",
                    "步骤" + random.nextInt(9), "搜索" + random.nextInt(9), id);
            default -> {
                if (random.nextInt(4) == 0) {
                    jdbc.update("delete from ledger_entry where task_id = ?", id);
                } else {
                    jdbc.update("update ledger_entry set light = 'CLOSED', light_rank = ?, stage = 'CLOSED'"
                            + " where task_id = ?", LedgerRecorder.lightRank("CLOSED"), id);
                }
            }
        }
    }

    private void assertSameAsCounting(String when) {
        for (int year : List.of(2025, 2026, 2027)) {
            assertThat(query.dashboard(year, null, DashboardQuery.Counting.TALLY)).as(when + ", " + year)
                    .isEqualTo(query.dashboard(year, null, DashboardQuery.Counting.IN_JAVA));
        }
    }
}
