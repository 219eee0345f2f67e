package cn.reformoffice.platform.planimport;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The benchmark on H2 in a file, the product's default database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:file:./target/benchmark/h2/reform-benchmark;AUTO_SERVER=FALSE",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class H2PlanImportBenchmark extends AbstractPlanImportBenchmark {

    static {
        org.springframework.util.FileSystemUtils.deleteRecursively(new java.io.File("target/benchmark/h2"));
    }

    @Override
    String database() {
        return "H2 (file)";
    }
}
