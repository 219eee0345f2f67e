package cn.reformoffice.platform.task;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The task-start benchmark on H2 in a file, the product's default database with its default URL options. */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:file:./target/benchmark/h2-task-start/reform;AUTO_SERVER=FALSE;QUERY_CACHE_SIZE=128",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false", "logging.level.org.camunda=WARN" })
@DirtiesContext
class H2TaskStartBenchmark extends AbstractTaskStartBenchmark {

    static {
        org.springframework.util.FileSystemUtils.deleteRecursively(new java.io.File("target/benchmark/h2-task-start"));
    }

    @Override
    String database() {
        return "H2";
    }
}
