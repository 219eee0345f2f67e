package cn.reformoffice.platform.ledger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.Stage;

/**
 * Reads the ledger from its read model (reform_task + ledger_entry): filtered, sorted and paged in
 * the database, parties looked up only for the rows returned, so a page costs the same at 100 and at
 * 10,000 tasks. {@code scope} null means everything (the office); otherwise the user's id and unit
 * ids, and only tasks they lead, co-lead or cooperate on are seen.
 */
@Component
public class LedgerQuery {

    private static final String STAGE_ORDER = "case e.stage when 'AWAITING_ASSIGNMENT' then 0 when 'DRAFTING' then 1"
            + " when 'APPROVAL' then 2 when 'IMPLEMENTATION' then 3 when 'CLOSE_OUT_REVIEW' then 4 else 5 end";

    private static final int CHUNK = 500;
    /** The lights the page counts, in the order it shows them. */
    private static final List<String> LIGHTS = List.of("RED", "YELLOW", "GREEN", "CLOSED", "UNASSIGNED");

    private final JdbcClient jdbc;
    /** The same database, fetching {@value #CHUNK} rows at a time (exports stream their rows). */
    private final JdbcClient streaming;
    private final OrganizationDirectory directory;

    LedgerQuery(JdbcClient jdbc, DataSource dataSource, OrganizationDirectory directory) {
        this.jdbc = jdbc;
        JdbcTemplate fetching = new JdbcTemplate(dataSource);
        fetching.setFetchSize(CHUNK);
        this.streaming = JdbcClient.create(new NamedParameterJdbcTemplate(fetching));
        this.directory = directory;
    }

    public record Page(long total, int page, int size, List<LedgerRow> rows, Map<String, Long> lights) {
    }

    public Page page(LedgerFilter filter, List<String> scope) {
        int offset = filter.page() * filter.size();
        // The page's ids are read in the order of an index (V15) until the page is full, and the light counts apart:
        // counting the selected entries in the same pass as the page (window counts) made every page sort and count
        // all of them (a search for 财政, 2,359 of 10,000 entries: 5.5 ms on PostgreSQL and 4.9 ms on H2, apart 0.2 +
        // 3.9 ms and 0.06 + 3.4 ms; a unit's ledger, 2,334 entries: 4.0 and 8.9 ms, apart 0.5 + 2.6 and 2.1 + 3.4 ms).
        Where counting = partyCounting(filter, scope);
        if (counting == null) {
            // the light counts ignore the light filter; the total follows from them
            Where where = where(filter, scope, Use.COUNT);
            counting = new Where("select e.light, count(*) from ledger_entry e" + where.sql + " group by e.light",
                    where.params);
        }
        Map<String, Long> lights = noLights();
        jdbc.sql(counting.sql).params(counting.params).query((rs, n) -> lights.put(rs.getString(1), rs.getLong(2)))
                .list();
        long total = filter.light() == null ? lights.values().stream().mapToLong(Long::longValue).sum()
                : lights.getOrDefault(filter.light(), 0L);
        // counted first, so that a search that finds nothing (a mistyped word) or a page past the last does not look
        // for its ids in index order through every entry a second time (10,000 tasks on PostgreSQL, the request's
        // median: a word found nowhere 8.2–10.3 → 5.1–5.7 ms, page 500 of 200 8.1 → 3.8 ms)
        List<Long> ids = offset < total ? ids(filter, where(filter, scope, Use.PAGE), offset, filter.size())
                : List.of();
        List<LedgerRow> rows;
        try (Stream<Base> stream = select(ids)) {
            rows = withParties(stream.toList(), offset);
        }
        return new Page(total, filter.page(), filter.size(), rows, lights);
    }

    /**
     * The light counts of a unit's tasks (the unit filter) or of a user's (their scope), of a year or of all, from
     * ledger_party's index (V16); null when the filter asks for more than that (then ledger_entry is counted). A task
     * in which the unit or the user's parties appear twice counts once.
     */
    private static Where partyCounting(LedgerFilter f, List<String> scope) {
        if (f.category() != null || f.leader() != null || f.stage() != null || f.overdue() || f.q() != null
                || (scope == null) == (f.unit() == null)) {
            return null;
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder(
                "select lp.light, count(distinct lp.task_id) from ledger_party lp where ");
        if (scope != null) {
            sql.append("lp.party_id in (:parties)");
            params.put("parties", scopeParties(scope));
        } else {
            sql.append(UNIT + " and lp.party_id = :parties");
            params.put("parties", f.unit());
        }
        if (f.year() != null) {
            sql.append(" and lp.plan_year = :year");
            params.put("year", f.year());
        }
        return new Where(sql.append(" group by lp.light").toString(), params);
    }

    /** Each light counted zero times, in the order the page shows them. */
    private static Map<String, Long> noLights() {
        Map<String, Long> lights = new LinkedHashMap<>();
        for (String light : LIGHTS) {
            lights.put(light, 0L);
        }
        return lights;
    }

    /**
     * Every row the filter selects, in its order (exports of 10,000 rows): one query streamed from the database
     * (PostgreSQL sends it {@value #CHUNK} rows at a time inside the read-only transaction) and the parties of
     * the selected tasks read once beforehand (ids and names, ~0.3 KB a task; the rows with their texts are never
     * held). Chunks cut with OFFSET sorted the filtered entries again for every chunk and read each chunk's tasks
     * and parties by an id list that H2 tests row by row: twice the time at 10,000 tasks.
     */
    @Transactional(readOnly = true)
    public void forEach(LedgerFilter filter, List<String> scope, Consumer<LedgerRow> consumer) {
        Where where = where(filter, scope, Use.SET);
        Map<Long, Map<String, List<LedgerRow.Party>>> parties = parties(jdbc.sql("select p.task_id, p.role,"
                + " p.position, p.party_id from reform_task_party p join ledger_entry e on e.task_id = p.task_id"
                + where.sql).params(where.params));
        List<Base> bases = new ArrayList<>(CHUNK);
        int[] offset = { 0 };
        streaming.sql("select " + TEXT_COLUMNS + BASE_COLUMNS
                + " from ledger_entry e join reform_task t on t.id = e.task_id" + where.sql + order(filter))
                .params(where.params).query(rs -> {
                    bases.add(base(rs, true));
                    if (bases.size() == CHUNK) {
                        rows(bases, offset[0], parties).forEach(consumer);
                        offset[0] += bases.size();
                        bases.clear();
                    }
                });
        rows(bases, offset[0], parties).forEach(consumer);
    }

    /** The plan years of the tasks the filter selects, ascending (an export's title names them). */
    public List<Integer> years(LedgerFilter filter, List<String> scope) {
        Where where = where(filter, scope, Use.SET);
        return jdbc.sql("select distinct t.plan_year from reform_task t join ledger_entry e on e.task_id = t.id"
                + where.sql + " order by t.plan_year").params(where.params).query(Integer.class).list();
    }

    /** The values the filters offer to this user: years, categories, leaders, units of their tasks. */
    public Map<String, Object> options(List<String> scope) {
        Where where = where(LedgerFilter.all(), scope, Use.SET);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("years", jdbc.sql("select distinct e.plan_year from ledger_entry e"
                + where.sql + " order by e.plan_year desc").params(where.params).query(Integer.class).list());
        options.put("categories", jdbc.sql("select distinct e.category from ledger_entry e"
                + where.sql + " and e.category is not null order by e.category").params(where.params)
                .query(String.class).list());
        List<Map<String, String>> leaders = new ArrayList<>();
        List<Map<String, String>> units = new ArrayList<>();
        // the parties of the user's tasks (of every task: the office) as ledger_party keeps them, without the entries
        // (joining reform_task_party to every entry took 15 ms at 10,000 tasks on PostgreSQL)
        jdbc.sql("select distinct p.role, p.party_id from ledger_party p where 1 = 1"
                + (scope == null ? "" : inScope("p.task_id"))).params(where.params)
                .query((rs, n) -> {
                    String id = rs.getString(2);
                    if ("LEADER".equals(rs.getString(1))) {
                        leaders.add(Map.of("id", id, "name", directory.personName(id)));
                    } else if (units.stream().noneMatch(u -> u.get("id").equals(id))) {
                        units.add(Map.of("id", id, "name", directory.unitName(id)));
                    }
                    return null;
                }).list();
        java.text.Collator chinese = java.text.Collator.getInstance(Locale.CHINA);
        leaders.sort((a, b) -> chinese.compare(a.get("name"), b.get("name")));
        units.sort((a, b) -> chinese.compare(a.get("name"), b.get("name")));
        options.put("leaders", leaders);
        options.put("units", units);
        List<Map<String, String>> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            stages.add(Map.of("id", stage.name(), "name", stage.label()));
        }
        options.put("stages", stages);
        return options;
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    /**
     * What the conditions select for, which decides how a condition on the parties is written. H2 runs an {@code
     * exists} subquery for each entry it meets (a lookup by the key) and an {@code in (select …)} subquery once
     * for the statement, reading every task id it selects (a unit's or a user's 2,334 of 10,000 tasks: 2.1 ms).
     * A page's ids are read in index order until the page is full, so {@code exists} meets a page's worth of entries
     * (a unit clerk's first page: 0.22 ms instead of 2.1 ms); counting or listing meets every entry of the year, so
     * {@code in} reads the unit's ids once (a unit's counts with a category: 5.5 ms instead of 10 ms). PostgreSQL
     * plans both forms alike (0.56 against 0.51 ms for the clerk's page).
     */
    private enum Use {
        /** A page's ids: the light filter applies, parties as {@code exists}. */
        PAGE,
        /** The light counts: the light filter does not apply (the counts show every light), parties as {@code in}. */
        COUNT,
        /** Every entry the filter selects (exports, the filters' options): parties as {@code in}. */
        SET
    }

    /**
     * Conditions on ledger_entry e (its copies of the task's year, category, stage and search text) and its parties
     * (ledger_party, kept with the task's parties by LedgerRecorder, from which the counts come too: a user's scope,
     * the leader filter, the unit filter).
     */
    private Where where(LedgerFilter f, List<String> scope, Use use) {
        StringBuilder sql = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (scope != null) {
            sql.append(withParty(use, "e.task_id", "lp.party_id in (:scope)"));
            params.put("scope", scopeParties(scope));
        }
        if (f.year() != null) {
            sql.append(" and e.plan_year = :year");
            params.put("year", f.year());
        }
        if (f.category() != null) {
            sql.append(" and e.category = :category");
            params.put("category", f.category());
        }
        if (f.leader() != null) {
            sql.append(withParty(use, "e.task_id", "lp.role = 'LEADER' and lp.party_id = :leader"));
            params.put("leader", f.leader());
        }
        if (f.unit() != null) {
            sql.append(withParty(use, "e.task_id", UNIT + " and lp.party_id = :unit"));
            params.put("unit", f.unit());
        }
        if (f.stage() != null) {
            sql.append(" and e.stage = :stage");
            params.put("stage", f.stage());
        }
        if (use != Use.COUNT && f.light() != null) {
            sql.append(" and e.light = :light");
            params.put("light", f.light());
        }
        if (f.overdue()) {
            sql.append(" and e.step_due < :today");
            params.put("today", LedgerRecorder.today());
        }
        if (f.q() != null) {
            // code, title, category and the parties' names (LedgerRecorder keeps them lower-cased in search_text)
            sql.append(" and e.search_text like :q escape '\\'");
            params.put("q", "%" + f.q().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return new Where(sql.toString(), params);
    }

    /**
     * The condition (" and …") that the task in column {@code task} has a party (alias lp) as {@code condition} says,
     * in the form its use reads best ({@link Use}): a page looks each entry up by key, counting and listing read the
     * tasks' ids once.
     */
    private static String withParty(Use use, String task, String condition) {
        return use == Use.PAGE ? " and exists (select 1 from ledger_party lp where lp.task_id = " + task + " and "
                + condition + ")" : " and " + task + " in (select lp.task_id from ledger_party lp where " + condition + ")";
    }

    /**
     * The condition (" and …") that the task in column {@code task} is one of the user's, as the ledger selects them
     * for counting and listing (the dashboard, the filters' options); parameter {@code :scope}, {@link #scopeParties}.
     */
    public static String inScope(String task) {
        return withParty(Use.SET, task, "lp.party_id in (:scope)");
    }

    /** A user's parties as a query parameter ("-", which no party is, for none: an empty IN list is no SQL). */
    public static List<String> scopeParties(List<String> scope) {
        return scope.isEmpty() ? List.of("-") : scope;
    }

    /** The roles in which a unit takes part in a task, as the unit filter means them (alias lp). */
    private static final String UNIT = "lp.role in ('LEAD_UNIT', 'COOP_UNIT')";

    /**
     * The columns of a row; a page's rows leave out the task's goals and measures (up to 20,000 characters each),
     * which the ledger page does not show (its task page and the exports do): {@link #TEXT_COLUMNS}.
     */
    private static final String BASE_COLUMNS = """
            t.id, t.code, t.plan_year, t.category, t.title, t.deadline, t.stage,
            t.process_instance_id, e.step_name, e.step_assignee, e.step_unit, e.step_due, e.open_steps,
            e.report_quarter, e.report_date, e.report_due, e.report_late_days, e.report_status,
            e.report_returned, e.report_excerpt, e.notices_total, e.light, e.light_reason, e.light_changed_at""";
    private static final String TEXT_COLUMNS = "t.goals, t.measures, ";

    private record Base(long id, String code, int year, String category, String title, String goals,
            String measures, LocalDate deadline, String stage, String processInstanceId, String stepName,
            String stepAssignee, String stepUnit, LocalDate stepDue, int openSteps, String reportQuarter,
            LocalDate reportDate, LocalDate reportDue, Integer reportLateDays, String reportStatus,
            boolean reportReturned, String reportExcerpt, int noticesTotal, String light, String lightReason,
            OffsetDateTime lightChangedAt) {
    }

    /**
     * The filter's sort, nulls last in either direction, then year and code. With a year chosen the year leads the
     * order: the same order (the year is fixed), but written as the indexes hold it, so that H2 reads a page in index
     * order instead of sorting the year's entries (PostgreSQL drops a fixed key by itself). The default order (light,
     * then the step's due date) is ix_ledger_entry_order's; a year's code order is ix_ledger_entry_year_code's.
     */
    private static String order(LedgerFilter filter) {
        String dir = " " + filter.dir();
        String keys = switch (filter.sort()) {
            case "code" -> "e.task_code" + dir;
            case "category" -> "e.category" + dir + " nulls last";
            case "deadline" -> "e.deadline" + dir + " nulls last";
            case "stepDue" -> "e.step_due" + dir + " nulls last";
            case "stage" -> STAGE_ORDER + dir;
            case "changed" -> "e.light_changed_at" + dir;
            default -> "e.light_rank" + dir + ", e.step_due nulls last";
        };
        if (filter.year() != null) {
            // codes are unique: after the code no further key
            return " order by e.plan_year" + dir + ", " + keys + ("code".equals(filter.sort()) ? "" : ", e.task_code");
        }
        return " order by " + keys + ", e.plan_year, e.task_code";
    }

    /** The ids of the page's entries, chosen, sorted and cut on ledger_entry alone. */
    private List<Long> ids(LedgerFilter filter, Where where, int offset, int limit) {
        Map<String, Object> params = new HashMap<>(where.params);
        params.put("offset", offset);
        params.put("limit", limit);
        return jdbc.sql("select e.task_id from ledger_entry e" + where.sql + order(filter)
                + " offset :offset rows fetch next :limit rows only").params(params).query(Long.class).list();
    }

    /** The entries of these ids with their tasks (without goals and measures), in this order. */
    private Stream<Base> select(List<Long> ids) {
        if (ids.isEmpty()) {
            return Stream.empty();
        }
        Map<Long, Base> byId = new HashMap<>();
        jdbc.sql("select " + BASE_COLUMNS + " from reform_task t join ledger_entry e on e.task_id = t.id"
                + " where t.id in (:ids)")
                .param("ids", ids).query((rs, n) -> base(rs, false)).list().forEach(b -> byId.put(b.id(), b));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull);
    }

    /** {@code texts}: the query read {@link #TEXT_COLUMNS} too; otherwise goals and measures are null. */
    private static Base base(ResultSet rs, boolean texts) throws SQLException {
        return new Base(rs.getLong("id"), rs.getString("code"), rs.getInt("plan_year"), rs.getString("category"),
                rs.getString("title"), texts ? rs.getString("goals") : null, texts ? rs.getString("measures") : null,
                rs.getObject("deadline", LocalDate.class), rs.getString("stage"), rs.getString("process_instance_id"),
                rs.getString("step_name"), rs.getString("step_assignee"), rs.getString("step_unit"),
                rs.getObject("step_due", LocalDate.class), rs.getInt("open_steps"), rs.getString("report_quarter"),
                rs.getObject("report_date", LocalDate.class), rs.getObject("report_due", LocalDate.class),
                (Integer) rs.getObject("report_late_days"), rs.getString("report_status"),
                rs.getBoolean("report_returned"), rs.getString("report_excerpt"), rs.getInt("notices_total"),
                rs.getString("light"), rs.getString("light_reason"),
                rs.getObject("light_changed_at", OffsetDateTime.class));
    }

    private List<LedgerRow> withParties(List<Base> bases, int offset) {
        if (bases.isEmpty()) {
            return List.of();
        }
        // no ORDER BY: with one, H2 walks the primary key in its order and tests every row against the id list
        // (4x slower for 500 ids); the positions are sorted in parties()
        return rows(bases, offset, parties(jdbc.sql("select p.task_id, p.role, p.position, p.party_id"
                + " from reform_task_party p where p.task_id in (:ids)").param("ids",
                        bases.stream().map(Base::id).toList())));
    }

    /** The parties the query reads (task id, role, position, party id) by task and role, in their order. */
    private Map<Long, Map<String, List<LedgerRow.Party>>> parties(JdbcClient.StatementSpec query) {
        record Positioned(int position, LedgerRow.Party party) {
        }
        Map<Long, Map<String, List<Positioned>>> found = new HashMap<>();
        query.query(rs -> {
            String role = rs.getString(2);
            String id = rs.getString(4);
            String name = "LEADER".equals(role) ? directory.personName(id) : directory.unitName(id);
            found.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).computeIfAbsent(role,
                    k -> new ArrayList<>()).add(new Positioned(rs.getInt(3), new LedgerRow.Party(id, name)));
        });
        Map<Long, Map<String, List<LedgerRow.Party>>> parties = new HashMap<>();
        found.forEach((task, roles) -> roles.forEach((role, list) -> parties.computeIfAbsent(task,
                k -> new HashMap<>()).put(role, list.stream().sorted(Comparator.comparingInt(Positioned::position))
                        .map(Positioned::party).toList())));
        return parties;
    }

    private List<LedgerRow> rows(List<Base> bases, int offset, Map<Long, Map<String, List<LedgerRow.Party>>> parties) {
        List<LedgerRow> rows = new ArrayList<>(bases.size());
        int seq = offset;
        for (Base b : bases) {
            Map<String, List<LedgerRow.Party>> p = parties.getOrDefault(b.id(), Map.of());
            Stage stage = Stage.valueOf(b.stage());
            String holder = b.stepAssignee() != null ? directory.personName(b.stepAssignee())
                    : b.stepUnit() != null ? directory.unitName(b.stepUnit()) : null;
            LedgerRow.Report report = b.reportQuarter() == null && b.reportDate() == null ? null
                    : new LedgerRow.Report(b.reportQuarter(), b.reportDate(), b.reportDue(), b.reportLateDays(),
                            b.reportStatus(), LedgerRow.reportStatusLabel(b.reportStatus()), b.reportReturned(),
                            b.reportExcerpt());
            rows.add(new LedgerRow(++seq, b.code(), b.year(), b.category(), b.title(), b.goals(), b.measures(),
                    p.getOrDefault("LEADER", List.of()), p.getOrDefault("LEAD_UNIT", List.of()),
                    p.getOrDefault("COOP_UNIT", List.of()), b.deadline(), stage.name(), stage.label(), b.stepName(),
                    holder, b.stepDue(), b.openSteps(), report, b.noticesTotal(), b.light(),
                    LedgerRow.lightLabel(b.light()), b.lightReason(), b.lightChangedAt(), b.processInstanceId()));
        }
        return rows;
    }
}
