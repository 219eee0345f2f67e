package cn.reformoffice.platform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.ledger.LedgerYearGenerator;
import cn.reformoffice.platform.organization.OrganizationDirectory;

/**
 * The dashboard's counts of a year's entries (lights, stages, categories, overdue tasks by lead unit, quarterly
 * reports by lead unit) are the same whether the entries are grouped in the database (as on PostgreSQL) or streamed
 * and counted in Java (as on H2): 300 generated tasks ({@link LedgerYearGenerator}; some moved to 2025, some
 * without category or lead unit), for the office and for a unit, in both years.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboardgroupingit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardGroupingIT {

    @Autowired JdbcTemplate jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired DashboardQuery query;

    @BeforeAll
    void generate() {
        new LedgerYearGenerator(jdbc, directory).add(300);
        jdbc.update("update ledger_entry set plan_year = 2025 where mod(task_id, 5) = 0");
        jdbc.update("update ledger_entry set category = null where mod(task_id, 7) = 0");
        jdbc.update("update ledger_entry set lead_unit = null where mod(task_id, 13) = 0");
        jdbc.update("update ledger_entry set report_q2_late = -1 where mod(task_id, 17) = 0");
    }

    @Test
    void groupedInTheDatabaseOrCountedInJavaTheDashboardIsTheSame() {
        for (int year : List.of(2025, 2026, 2027)) {
            for (List<String> scope : java.util.Arrays.asList(null, List.of("fgw"), List.of("zhaomingyuan", "czj"))) {
                DashboardQuery.Dashboard counted = query.dashboard(year, scope, DashboardQuery.Counting.IN_JAVA);
                DashboardQuery.Dashboard grouped = query.dashboard(year, scope, DashboardQuery.Counting.GROUPED);
                assertThat(grouped).as(year + " " + scope).isEqualTo(counted);
                if (year == 2026 && scope == null) {
                    assertThat(grouped.summary().tasks()).isEqualTo(240);
                    assertThat(grouped.summary().overdue()).isPositive();
                    assertThat(grouped.reports()).isNotEmpty();
                    assertThat(grouped.overdueByUnit()).isNotEmpty();
                    assertThat(grouped.categories()).anyMatch(c -> c.name() == null);
                }
            }
        }
    }
}
