package cn.reformoffice.platform.benchmark;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** {@link AbstractJobsBenchmark} on H2 in memory. */
@SpringBootTest(properties = {
        // the product's H2 settings (application.yml), in memory
        "spring.datasource.url=jdbc:h2:mem:jobsbenchmark;DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=128",
        "camunda.bpm.job-execution.enabled=true", "reform.demo.seed-tasks=false",
        "reform.notification.email.enabled=true", "spring.mail.host=127.0.0.1",
        "reform.notification.webhook.enabled=true", "logging.level.org.camunda=WARN" })
@DirtiesContext
class H2JobsBenchmark extends AbstractJobsBenchmark {

    @Override
    String database() {
        return "H2";
    }

    @Override
    String settings() {
        return "H2 2.x in memory, QUERY_CACHE_SIZE=128 as the product's default URL";
    }
}
