package cn.reformoffice.platform.ledger;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@link AbstractLedgerBenchmark} on H2 in memory, its query result cache off (the same request again would
 * otherwise be answered from H2's cache while nothing is written, which a busy platform does not see).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledgerbenchmark;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class H2LedgerBenchmark extends AbstractLedgerBenchmark {

    @Override
    String database() {
        return "H2 2.x in memory";
    }
}
