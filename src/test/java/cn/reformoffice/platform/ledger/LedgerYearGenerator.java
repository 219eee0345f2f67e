package cn.reformoffice.platform.ledger;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.springframework.jdbc.core.JdbcTemplate;

import cn.reformoffice.platform.organization.OrganizationDirectory;

/**
 * Writes what the ledger's read model holds after a year of work, straight into the product's tables
 * (reform_task, its parties, ledger_entry, ledger_open_step, ledger_event), for benchmarks at 10,000
 * tasks that would take the engine an hour to produce: per task three stage changes, the plan drafted
 * (sometimes returned), three quarterly reports (some late, some returned), sometimes a 督办单, and
 * the light changes in between. Fixed seed: the same data every run. No process instances.
 */
public final class LedgerYearGenerator {

    static final String[] UNITS = { "yshj", "fgw", "czj", "wjw", "ybj", "mzj", "kjj", "jjshzx" };
    static final String[] LEADERS = { "zhaomingyuan", "qianlixin" };
    static final String[] CATEGORIES = { "经济体制改革", "民主法治领域改革", "文化体制改革", "社会体制改革", "生态文明体制改革",
            "党的建设制度改革" };
    private static final String[] LIGHTS = { "RED", "YELLOW", "GREEN", "GREEN", "GREEN", "GREEN" };
    private static final String[] QUARTERS = { "2026年第1季度", "2026年第2季度", "2026年第3季度" };
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;
    private final OrganizationDirectory directory;
    private final Random random = new Random(20260101L);
    private int generated;

    public LedgerYearGenerator(JdbcTemplate jdbc, OrganizationDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** Adds {@code count} tasks of 2026 with a year of history; returns how many events were written. */
    public int add(int count) {
        int events = 0;
        int batch = 500;
        for (int from = 0; from < count; from += batch) {
            events += addBatch(Math.min(batch, count - from));
        }
        // what the recorder keeps beside the entry: its parties with its year and light (V16)
        jdbc.update("""
                insert into ledger_party (task_id, role, party_id, plan_year, light)
                select distinct p.task_id, p.role, p.party_id, e.plan_year, e.light
                from reform_task_party p join ledger_entry e on e.task_id = p.task_id
                where not exists (select 1 from ledger_party lp where lp.task_id = p.task_id)""");
        return events;
    }

    private int addBatch(int count) {
        List<Object[]> tasks = new ArrayList<>();
        List<Object[]> parties = new ArrayList<>();
        List<Object[]> entries = new ArrayList<>();
        List<Object[]> steps = new ArrayList<>();
        List<Object[]> events = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int n = ++generated;
            String code = String.format("BM-%06d", n);
            codes.add(code);
            String unit = UNITS[random.nextInt(UNITS.length)];
            String coop = UNITS[random.nextInt(UNITS.length)];
            String stage = stage();
            LocalDate deadline = LocalDate.of(2026, 6 + random.nextInt(7), 1).plusMonths(1).minusDays(1);
            String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
            String title = "第" + n + "项改革任务：深化" + CATEGORIES[random.nextInt(CATEGORIES.length)] + "试点";
            tasks.add(new Object[] { code, 2026, category, title,
                    "主要目标：到年底形成可复制推广的制度成果。".repeat(3), "（1）完善制度；（2）开展试点；（3）总结推广。".repeat(3),
                    Date.valueOf(deadline), stage, timestamp(LocalDate.of(2026, 1, 15)), timestamp(LocalDate.of(2026, 11, 1)) });
            parties.add(new Object[] { code, "LEAD_UNIT", 0, unit });
            if (!coop.equals(unit)) {
                parties.add(new Object[] { code, "COOP_UNIT", 0, coop });
            }
            String leader = random.nextInt(3) == 0 ? LEADERS[random.nextInt(LEADERS.length)] : null;
            if (leader != null) {
                parties.add(new Object[] { code, "LEADER", 0, leader });
            }
            String search = String.join("\n", code, title, category, leader == null ? "" : directory.personName(leader),
                    directory.unitName(unit), coop.equals(unit) ? "" : directory.unitName(coop)).toLowerCase(Locale.ROOT);
            boolean open = !"CLOSED".equals(stage) && !"AWAITING_ASSIGNMENT".equals(stage);
            String light = "CLOSED".equals(stage) ? "CLOSED" : "AWAITING_ASSIGNMENT".equals(stage) ? "UNASSIGNED"
                    : LIGHTS[random.nextInt(LIGHTS.length)];
            LocalDate stepDue = open ? LocalDate.of(2026, 11, 1).plusDays(random.nextInt(60)) : null;
            int reportLate = random.nextInt(5) == 0 ? 1 + random.nextInt(6) : 0;
            boolean returned = random.nextInt(10) == 0;
            int notices = random.nextInt(6) == 0 ? 1 : 0;
            // the last four: what the recorder keeps on the entry, each quarter's first report, working days late
            // (set below with the reports; written with the entry, as the recorder leaves it, not by updating every
            // entry afterwards: four updates of the whole table left four dead versions of each entry)
            Object[] entry = new Object[] { code, 2026, category, stage, Date.valueOf(deadline), unit, search,
                    open ? "实施并申请销号" : null, open ? "t-" + code : null, open ? unit : null,
                    stepDue == null ? null : Date.valueOf(stepDue), open ? 1 : 0, QUARTERS[2],
                    Date.valueOf(LocalDate.of(2026, 10, 10 + reportLate)), Date.valueOf(LocalDate.of(2026, 10, 10)),
                    reportLate, random.nextInt(4) == 0 ? "behind" : "on-track", returned,
                    "本季度完成调研和制度起草，下一步开展试点。", notices, light, LedgerRecorder.lightRank(light),
                    "RED".equals(light) ? "环节逾期：实施并申请销号逾期3个工作日（2026-11-25到期）" : "正常推进",
                    timestamp(LocalDate.of(2026, 11, 1 + random.nextInt(28))), timestamp(LocalDate.of(2026, 11, 29)),
                    null, null, null, null };
            entries.add(entry);
            if (open) {
                steps.add(new Object[] { "t-" + code, code, "Task_ImplementAndApplyCloseOut", "实施并申请销号", null, unit,
                        Date.valueOf(stepDue), timestamp(LocalDate.of(2026, 3, 1)) });
            }
            // a year of events
            events.add(event(code, "STAGE", LocalDate.of(2026, 1, 15), null, null, null, null, null, 0, "DRAFTING", null, null));
            events.add(event(code, "STEP_OPEN", LocalDate.of(2026, 1, 15), unit, "Task_DraftPlan", "方案制定", null,
                    LocalDate.of(2026, 2, 13), 0, null, null, null));
            int draftLate = random.nextInt(4) == 0 ? random.nextInt(5) : 0;
            events.add(event(code, "STEP_DONE", LocalDate.of(2026, 2, 13).plusDays(draftLate), unit, "Task_DraftPlan",
                    "方案制定", null, LocalDate.of(2026, 2, 13), draftLate, null, null, null));
            if (random.nextInt(8) == 0) {
                events.add(event(code, "RETURNED", LocalDate.of(2026, 2, 20), unit, "Task_OfficeApprovePlan", "方案制定",
                        null, null, 0, "return", null, null));
            }
            events.add(event(code, "STAGE", LocalDate.of(2026, 3, 1), null, null, null, null, null, 0, "IMPLEMENTATION",
                    null, null));
            for (int q = 0; q < QUARTERS.length; q++) {
                LocalDate due = LocalDate.of(2026, 3 * q + 4, 10);
                int late = random.nextInt(5) == 0 ? 1 + random.nextInt(6) : 0;
                events.add(event(code, "STEP_OPEN", due.minusDays(14), unit, "Task_SubmitQuarterlyReport", "季度报送",
                        QUARTERS[q], due, 0, null, null, null));
                if (random.nextInt(20) != 0) {
                    events.add(event(code, "STEP_DONE", due.plusDays(late), unit, "Task_SubmitQuarterlyReport", "季度报送",
                            QUARTERS[q], due, late, null, null, null));
                    events.add(event(code, "REPORT", due.plusDays(late), unit, "Task_SubmitQuarterlyReport", "季度报送",
                            QUARTERS[q], due, late, random.nextInt(4) == 0 ? "behind" : "on-track", null, null));
                    entry[entry.length - 4 + q] = late;
                    if (random.nextInt(10) == 0) {
                        events.add(event(code, "RETURNED", due.plusDays(late + 3), unit, "Task_ReconcileReport",
                                "季度报送", QUARTERS[q], null, 0, "return", null, null));
                    }
                }
            }
            if (notices > 0) {
                events.add(event(code, "NOTICE", LocalDate.of(2026, 1 + random.nextInt(11), 5), unit,
                        "Task_ImplementAndApplyCloseOut", "实施并申请销号", null, LocalDate.of(2026, 10, 30), 5, null,
                        "改督〔2026〕" + n + "号", null));
            }
            events.add(event(code, "LIGHT", LocalDate.of(2026, 11, 1 + random.nextInt(28)), null, null, null, null, null, 0,
                    light, null, "RED".equals(light) ? "环节逾期：实施并申请销号逾期3个工作日" : "正常推进"));
            if ("CLOSED".equals(stage)) {
                events.add(event(code, "STAGE", LocalDate.of(2026, 10, 20), null, null, null, null, null, 0, "CLOSED",
                        null, null));
            }
        }
        jdbc.batchUpdate("""
                insert into reform_task (code, plan_year, category, title, goals, measures, deadline, stage, created_by,
                                         created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'office1', ?, ?)""", tasks);
        jdbc.batchUpdate("""
                insert into reform_task_party (task_id, role, position, party_id)
                select id, ?, ?, ? from reform_task where code = ?""",
                parties.stream().map(p -> new Object[] { p[1], p[2], p[3], p[0] }).toList());
        jdbc.batchUpdate("""
                insert into ledger_entry (task_id, task_code, plan_year, category, stage, deadline, lead_unit, search_text,
                       step_name, step_task_id, step_unit, step_due, open_steps,
                       report_quarter, report_date, report_due, report_late_days, report_status, report_returned,
                       report_excerpt, notices_total, light, light_rank, light_reason, light_changed_at, updated_at,
                       report_q1_late, report_q2_late, report_q3_late, report_q4_late)
                select id, code, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                from reform_task
                where code = ?""",
                entries.stream().map(e -> {
                    Object[] args = new Object[e.length];
                    System.arraycopy(e, 1, args, 0, e.length - 1);
                    args[e.length - 1] = e[0];
                    return args;
                }).toList());
        jdbc.batchUpdate("""
                insert into ledger_open_step (camunda_task_id, task_code, activity_id, stage_name, assignee, unit_id,
                       due_date, opened_at) values (?, ?, ?, ?, ?, ?, ?, ?)""", steps);
        jdbc.batchUpdate("""
                insert into ledger_event (task_code, event_type, occurred_at, occurred_on, unit_id, activity_id, stage_name,
                       quarter_label, due_date, late_days, outcome, notice_no, detail, first_report, plan_year)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 2026)""", events);
        return events.size();
    }

    private String stage() {
        int r = random.nextInt(100);
        return r < 10 ? "CLOSED" : r < 15 ? "AWAITING_ASSIGNMENT" : r < 25 ? "DRAFTING" : r < 30 ? "APPROVAL"
                : r < 95 ? "IMPLEMENTATION" : "CLOSE_OUT_REVIEW";
    }

    private static Object[] event(String code, String type, LocalDate on, String unit, String activity, String stageName,
            String quarter, LocalDate due, int late, String outcome, String noticeNo, String detail) {
        return new Object[] { code, type, timestamp(on), Date.valueOf(on), unit, activity, stageName, quarter,
                due == null ? null : Date.valueOf(due), late, outcome, noticeNo, detail, "REPORT".equals(type) };
    }

    private static Timestamp timestamp(LocalDate day) {
        return Timestamp.from(day.atTime(10, 0).atZone(CHINA).toInstant());
    }
}
