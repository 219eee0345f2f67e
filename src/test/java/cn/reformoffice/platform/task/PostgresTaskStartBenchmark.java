package cn.reformoffice.platform.task;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import cn.reformoffice.platform.testsupport.EmbeddedPostgresConfig;

/** The task-start benchmark on embedded PostgreSQL (fsync and synchronous_commit off, its defaults). */
@SpringBootTest(properties = { "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "logging.level.org.camunda=WARN" })
@ActiveProfiles({ "demo", "postgres" })
@Import(EmbeddedPostgresConfig.class)
@DirtiesContext
class PostgresTaskStartBenchmark extends AbstractTaskStartBenchmark {

    @Override
    String database() {
        return "PostgreSQL";
    }
}
