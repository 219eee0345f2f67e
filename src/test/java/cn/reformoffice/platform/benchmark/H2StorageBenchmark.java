package cn.reformoffice.platform.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link AbstractStorageBenchmark} on H2 with a database file (the demo profile's mode): bytes are the size of the
 * {@code .mv.db} file after {@code CHECKPOINT SYNC} (H2 compacts only at shutdown, so this is what the disk holds
 * while the platform runs; H2's DISK_SPACE_USED answers 0 here).
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.notification.email.enabled=true", "spring.mail.host=127.0.0.1",
        "reform.notification.webhook.enabled=true", "logging.level.org.camunda=WARN" })
@DirtiesContext
class H2StorageBenchmark extends AbstractStorageBenchmark {

    static final Path FILE = Path.of("target", "benchmark-h2", "storage-" + ProcessHandle.current().pid());

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:./" + FILE.toString().replace('\\', '/')
                + ";AUTO_SERVER=FALSE");
    }

    private List<String> tables;

    @Override
    String database() {
        return "H2";
    }

    @Override
    String settings() {
        return "H2 2.x, database file (" + FILE + ".mv.db), bytes = file size after CHECKPOINT SYNC";
    }

    @Override
    long bytes() {
        jdbc.sql("checkpoint sync").update();
        try {
            return Files.size(Path.of(FILE + ".mv.db"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    List<String> tables() {
        if (tables == null) {
            tables = jdbc.sql("select table_name from information_schema.tables where table_schema = 'PUBLIC'"
                    + " and table_type = 'BASE TABLE' order by table_name").query(String.class).list();
        }
        return tables;
    }

    @Override
    long count(String table) {
        return super.count(tables().contains(table) ? "\"" + table + "\"" : table);
    }
}
