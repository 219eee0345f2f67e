package cn.reformoffice.platform.benchmark;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** {@link AbstractStartsBenchmark} on H2 in memory, job executor off (only starts are measured). */
@SpringBootTest(properties = {
        // the product's H2 settings (application.yml), in memory
        "spring.datasource.url=jdbc:h2:mem:startsbenchmark;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class H2StartsBenchmark extends AbstractStartsBenchmark {

    @Override
    String database() {
        return "H2";
    }

    @Override
    String settings() {
        return "H2 2.x in memory, QUERY_CACHE_SIZE=128 as the product's default URL";
    }
}
