package cn.reformoffice.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.organization.OrganizationDirectory;

/**
 * {@link LedgerQuery#page} over 240 generated tasks ({@link LedgerYearGenerator}; some moved to 2025, some without
 * category or deadline) against the same selection, order and counts worked out here from the entries: every sort
 * in both directions, nulls last, with and without a search, a light filter and a unit's scope, page by page up to
 * a page past the last. The counts come from a query apart: ledger_entry, or ledger_party for a unit or a scope.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledgerqueryit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerQueryIT {

    private static final int SIZE = 40;
    private static final List<String> LIGHT_RANK = List.of("RED", "YELLOW", "GREEN", "UNASSIGNED");
    private static final List<String> STAGE_RANK = List.of("AWAITING_ASSIGNMENT", "DRAFTING", "APPROVAL",
            "IMPLEMENTATION", "CLOSE_OUT_REVIEW");

    @Autowired JdbcTemplate jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired LedgerQuery query;

    private record Entry(long id, String code, Integer year, String category, LocalDate deadline, LocalDate stepDue,
            String stage, String light, OffsetDateTime changed, String search) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<Long, Set<String>> parties = new LinkedHashMap<>();
    /** Each task's parties as "ROLE id" (reform_task_party, the tasks' own record). */
    private final Map<Long, Set<String>> roles = new LinkedHashMap<>();

    @BeforeAll
    void generate() {
        new LedgerYearGenerator(jdbc, directory).add(240);
        jdbc.update("update ledger_entry set plan_year = 2025 where mod(task_id, 5) = 0");
        jdbc.update("update ledger_party set plan_year = 2025 where mod(task_id, 5) = 0"); // as the recorder would
        jdbc.update("update ledger_entry set category = null where mod(task_id, 7) = 0");
        jdbc.update("update ledger_entry set deadline = null where mod(task_id, 11) = 0");
        jdbc.query("select task_id, task_code, plan_year, category, deadline, step_due, stage, light, light_changed_at,"
                + " search_text from ledger_entry", rs -> {
                    entries.add(new Entry(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getString(7),
                            rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getString(10)));
                });
        jdbc.query("select task_id, party_id, role from reform_task_party", rs -> {
            parties.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
            roles.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(3) + " " + rs.getString(2));
        });
        assertThat(entries).hasSize(240);
        assertThat(entries).anyMatch(e -> e.category() == null).anyMatch(e -> e.deadline() == null)
                .anyMatch(e -> e.stepDue() == null).anyMatch(e -> Integer.valueOf(2025).equals(e.year()));
    }

    @Test
    void everySortInBothDirectionsPageByPage() {
        for (String sort : LedgerFilter.SORTS) {
            for (String dir : List.of("asc", "desc")) {
                check(filter(2026, null, null, sort, dir), null);
                check(filter(null, "生态文明", null, sort, dir), null);
                check(filter(2026, "财政", null, sort, dir), null);
            }
        }
    }

    @Test
    void searchWithALightFilterAUnitsScopeOrNothingFound() {
        check(filter(null, "生态文明", "RED", "light", "asc"), null);
        check(filter(null, "生态文明", "CLOSED", "code", "desc"), null);
        check(filter(null, "生态文明", null, "light", "asc"), List.of("fgw"));
        check(filter(2026, "bm-0001", null, "stepDue", "desc"), null);
        check(filter(null, "没有这样的任务", null, "light", "asc"), null);
        check(filter(2025, null, "GREEN", "deadline", "asc"), List.of("czj"));
    }

    /**
     * The unit filter (the office choosing a unit): its light counts ignore a light filter and are then counted in a
     * query of their own, which selects the unit's tasks in another form than the page's query.
     */
    @Test
    void aUnitFilterWithAndWithoutALight() {
        check(unitFilter("fgw", 2026, null, "RED", "stepDue", "asc"), null);
        check(unitFilter("fgw", 2026, null, "YELLOW", "light", "desc"), null);
        check(unitFilter("czj", null, null, null, "light", "asc"), null);
        check(unitFilter("czj", null, "生态文明", "GREEN", "code", "desc"), null);
        check(unitFilter("wjw", 2025, null, "CLOSED", "deadline", "asc"), List.of("wjw"));
        check(unitFilter("没有这个单位", 2026, null, "RED", "light", "asc"), null);
    }

    /**
     * The values the filters offer (years, categories, leaders, units) are those of the tasks the user sees: every
     * task for the office, a unit's or a leader's own tasks otherwise, none for a user without tasks.
     */
    @Test
    void theFiltersOfferTheValuesOfTheUsersOwnTasks() {
        for (List<String> scope : java.util.Arrays.asList(null, List.of("fgw"), List.of("qianlixin", "ybj"),
                List.<String>of(), List.of("没有这个单位"))) {
            List<Entry> seen = entries.stream().filter(e -> selects(LedgerFilter.all(), scope, e, true)).toList();
            Set<String> leaders = new java.util.TreeSet<>();
            Set<String> units = new java.util.TreeSet<>();
            seen.forEach(e -> roles.getOrDefault(e.id(), Set.of()).forEach(party -> {
                String[] roleAndId = party.split(" ");
                (roleAndId[0].equals("LEADER") ? leaders : units).add(roleAndId[1]);
            }));
            Map<String, Object> options = query.options(scope);
            String what = "scope " + scope;
            assertThat(options.get("years")).as(what).isEqualTo(seen.stream().map(Entry::year)
                    .filter(java.util.Objects::nonNull).distinct().sorted(Comparator.reverseOrder()).toList());
            assertThat(options.get("categories")).as(what).isEqualTo(seen.stream().map(Entry::category)
                    .filter(java.util.Objects::nonNull).distinct().sorted().toList());
            assertThat(ids(options.get("leaders"))).as(what).isEqualTo(leaders);
            assertThat(ids(options.get("units"))).as(what).isEqualTo(units);
            if (scope == null) {
                assertThat(leaders).isNotEmpty();
                assertThat(units).hasSizeGreaterThan(3);
            } else if (scope.isEmpty()) {
                assertThat(units).isEmpty();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> ids(Object parties) {
        Set<String> ids = new java.util.TreeSet<>();
        ((List<Map<String, String>>) parties).forEach(p -> ids.add(p.get("id")));
        return ids;
    }

    private static LedgerFilter filter(Integer year, String q, String light, String sort, String dir) {
        return unitFilter(null, year, q, light, sort, dir);
    }

    private static LedgerFilter unitFilter(String unit, Integer year, String q, String light, String sort, String dir) {
        return new LedgerFilter(year, null, null, unit, null, light, false, q, sort, dir, 0, SIZE);
    }

    /** Every page of the filter and one past the last: the codes in order, the total and the light counts. */
    private void check(LedgerFilter filter, List<String> scope) {
        List<Entry> selected = entries.stream().filter(e -> selects(filter, scope, e, true))
                .sorted(order(filter)).toList();
        Map<String, Long> lights = new LinkedHashMap<>();
        for (String light : List.of("RED", "YELLOW", "GREEN", "CLOSED", "UNASSIGNED")) {
            lights.put(light, entries.stream().filter(e -> selects(filter, scope, e, false))
                    .filter(e -> light.equals(e.light())).count());
        }
        List<String> codes = new ArrayList<>();
        int pages = selected.size() / SIZE + 1;
        for (int page = 0; page <= pages; page++) {
            LedgerFilter paged = new LedgerFilter(filter.year(), null, null, filter.unit(), null, filter.light(), false,
                    filter.q(), filter.sort(), filter.dir(), page, SIZE);
            LedgerQuery.Page answer = query.page(paged, scope);
            String what = filter + " scope " + scope + " page " + page;
            assertThat(answer.total()).as(what).isEqualTo(selected.size());
            assertThat(answer.lights()).as(what).containsExactlyEntriesOf(lights);
            answer.rows().forEach(r -> codes.add(r.code()));
        }
        assertThat(codes).as(filter + " scope " + scope).containsExactlyElementsOf(
                selected.stream().map(Entry::code).toList());
    }

    private boolean selects(LedgerFilter f, List<String> scope, Entry e, boolean withLight) {
        return (scope == null || parties.getOrDefault(e.id(), Set.of()).stream().anyMatch(scope::contains))
                && (f.unit() == null || parties.getOrDefault(e.id(), Set.of()).contains(f.unit()))
                && (f.year() == null || f.year().equals(e.year()))
                && (f.q() == null || e.search().contains(f.q().toLowerCase(Locale.ROOT)))
                && (!withLight || f.light() == null || f.light().equals(e.light()));
    }

    /** The ledger's order: the sort's key nulls last in either direction, then (by light) the step due, year, code. */
    private static Comparator<Entry> order(LedgerFilter f) {
        Comparator<Entry> key = switch (f.sort()) {
            case "code" -> nullsLast(Entry::code, f.dir());
            case "category" -> nullsLast(Entry::category, f.dir());
            case "deadline" -> nullsLast(Entry::deadline, f.dir());
            case "stepDue" -> nullsLast(Entry::stepDue, f.dir());
            case "stage" -> nullsLast(e -> rank(STAGE_RANK, e.stage()), f.dir());
            case "changed" -> nullsLast(e -> e.changed().toInstant(), f.dir());
            default -> nullsLast(e -> rank(LIGHT_RANK, e.light()), f.dir());
        };
        if ("light".equals(f.sort())) {
            key = key.thenComparing(nullsLast(Entry::stepDue, "asc"));
        }
        return key.thenComparing(Entry::year, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(Entry::code);
    }

    private static int rank(List<String> ranks, String value) {
        int rank = ranks.indexOf(value);
        return rank < 0 ? ranks.size() : rank;
    }

    private static <T extends Comparable<? super T>> Comparator<Entry> nullsLast(Function<Entry, T> key, String dir) {
        Comparator<T> natural = "desc".equals(dir) ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
        return Comparator.comparing(key, Comparator.nullsLast(natural));
    }
}
