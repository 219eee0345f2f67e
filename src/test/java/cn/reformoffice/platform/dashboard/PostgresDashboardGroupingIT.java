package cn.reformoffice.platform.dashboard;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/** {@link DashboardGroupingIT} on a real PostgreSQL server, whose dashboard groups the entries in the database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresDashboardGroupingIT extends DashboardGroupingIT {
}
