package cn.reformoffice.platform.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * docker-compose.yml and its nginx configuration, read with a YAML parser (no Docker engine needed): PostgreSQL
 * with a named volume, two identical platform nodes on it, nginx with sticky sessions in front of both, Mailpit
 * as the nodes' SMTP server, health checks everywhere and start-up ordered by health.
 */
class ComposeFileTest {

    private static final List<String> NODES = List.of("platform-1", "platform-2");

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void read() throws IOException {
        compose = new ObjectMapper(new YAMLFactory()).readTree(Path.of("docker-compose.yml").toFile());
        services = compose.path("services");
    }

    @Test
    void theTopologyIsPostgresTwoNodesAProxyAndAMailCatcher() {
        assertThat(fieldNames(services)).containsExactlyInAnyOrder("postgres", "platform-1", "platform-2", "proxy", "mail");
        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:");
        assertThat(services.path("proxy").path("image").asText()).startsWith("nginx:");
        assertThat(services.path("mail").path("image").asText()).contains("mailpit");
        assertThat(texts(services.path("proxy").path("ports"))).singleElement().asString().endsWith(":80");
        for (String node : NODES) {
            assertThat(services.path(node).path("ports").isMissingNode()).as("%s is reached through the proxy", node)
                    .isTrue();
        }
    }

    /** An image pulled as "latest" (or without a tag) changes under the operator between two installs. */
    @Test
    void everyImagePulledFromARegistryIsPinnedToAVersion() {
        for (String name : fieldNames(services)) {
            String image = services.path(name).path("image").asText();
            if (services.path(name).has("build")) {
                continue;
            }
            assertThat(image).as("image of %s", name).matches("[^:]+:[^:]+").doesNotEndWith(":latest");
        }
    }

    @Test
    void postgresKeepsItsDataInANamedVolumeAndReportsReadinessWithPgIsready() {
        JsonNode postgres = services.path("postgres");
        assertThat(fieldNames(compose.path("volumes"))).contains("postgres-data");
        assertThat(texts(postgres.path("volumes"))).contains("postgres-data:/var/lib/postgresql/data");
        assertThat(healthcheck(postgres)).contains("pg_isready");
        assertThat(postgres.path("environment").path("POSTGRES_DB").asText()).isEqualTo("reform");
        assertThat(postgres.path("environment").path("POSTGRES_USER").asText()).isEqualTo("reform");
    }

    @Test
    void bothNodesAreTheSameImageOnPostgresWithMailpitAsSmtp() {
        JsonNode first = services.path("platform-1");
        for (String node : NODES) {
            JsonNode service = services.path(node);
            JsonNode environment = service.path("environment");
            assertThat(service.path("build").asText()).isEqualTo(".");
            assertThat(Path.of("Dockerfile")).exists();
            assertThat(environment.path("SPRING_PROFILES_ACTIVE").asText()).isEqualTo("prod,postgres");
            assertThat(environment.path("REFORM_DB_URL").asText()).isEqualTo("jdbc:postgresql://postgres:5432/reform");
            assertThat(environment.path("REFORM_DB_USER").asText())
                    .isEqualTo(services.path("postgres").path("environment").path("POSTGRES_USER").asText());
            assertThat(environment.path("REFORM_DB_PASSWORD").asText())
                    .isEqualTo(services.path("postgres").path("environment").path("POSTGRES_PASSWORD").asText());
            assertThat(environment.path("REFORM_ORGANIZATION_FILE").asText()).isEqualTo("file:/config/organization.yml");
            assertThat(texts(service.path("volumes"))).contains("./config:/config:ro");
            assertThat(Path.of("config/organization.yml")).exists();
            assertThat(environment.path("REFORM_ADMIN_PASSWORD").asText()).startsWith("${REFORM_ADMIN_PASSWORD:?");
            assertThat(environment.path("REFORM_MAIL_ENABLED").asText()).isEqualTo("true");
            assertThat(environment.path("SPRING_MAIL_HOST").asText()).isEqualTo("mail");
            assertThat(environment.path("SPRING_MAIL_PORT").asText()).isEqualTo("1025");
            // readiness, not the whole health: a mail server or robot that is down must not take a node out
            assertThat(healthcheck(service)).contains("http://localhost:8080/actuator/health/readiness");
            // the same but for the name, the host name and platform-2 waiting for platform-1
            assertThat(withoutNameAndOrder(service)).as(node).isEqualTo(withoutNameAndOrder(first));
            assertThat(service.path("hostname").asText()).isEqualTo(node);
        }
        // the environment variables the nodes set are the ones the application reads
        String configuration = read("src/main/resources/application.yml") + read("src/main/resources/application-prod.yml")
                + read("src/main/resources/application-postgres.yml");
        for (String variable : fieldNames(first.path("environment"))) {
            if (variable.startsWith("REFORM_")) {
                assertThat(configuration).as(variable).contains("${" + variable);
            }
        }
    }

    @Test
    void everyServiceHasAHealthCheckAndStartsOnlyWhenWhatItNeedsIsHealthy() {
        for (String service : fieldNames(services)) {
            assertThat(healthcheck(services.path(service))).as(service).isNotBlank();
        }
        for (String node : NODES) {
            assertThat(dependsOnHealthy(node)).contains("postgres", "mail");
        }
        assertThat(dependsOnHealthy("platform-2")).as("one node creates the schema first").contains("platform-1");
        assertThat(dependsOnHealthy("proxy")).containsExactlyInAnyOrderElementsOf(NODES);
    }

    @Test
    void theProxyConfigurationExistsBalancesBothNodesAndKeepsSessionsSticky() {
        List<String> mounts = texts(services.path("proxy").path("volumes"));
        assertThat(mounts).singleElement().asString().startsWith("./deploy/");
        Path config = Path.of(mounts.get(0).split(":")[0]);
        assertThat(config).exists();
        String nginx = read(config.toString()).replaceAll("(?m)#.*$", "");
        Matcher upstream = Pattern.compile("upstream\\s+(\\w+)\\s*\\{([^}]*)}").matcher(nginx);
        assertThat(upstream.find()).as("an upstream block").isTrue();
        String block = upstream.group(2);
        assertThat(block).containsPattern("(?m)^\\s*ip_hash\\s*;");
        for (String node : NODES) {
            assertThat(block).containsPattern("server\\s+" + node + ":8080");
        }
        assertThat(nginx).containsPattern("proxy_pass\\s+http://" + upstream.group(1) + "\\s*;");
        assertThat(nginx).contains("X-Forwarded-For");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static List<String> dependsOnHealthy(String service) {
        JsonNode dependsOn = services.path(service).path("depends_on");
        List<String> healthy = new ArrayList<>();
        dependsOn.fields().forEachRemaining(entry -> {
            if ("service_healthy".equals(entry.getValue().path("condition").asText())) {
                healthy.add(entry.getKey());
            }
        });
        return healthy;
    }

    private static String healthcheck(JsonNode service) {
        JsonNode test = service.path("healthcheck").path("test");
        return test.isArray() ? String.join(" ", texts(test)) : test.asText();
    }

    private static JsonNode withoutNameAndOrder(JsonNode service) {
        ObjectNode copy = service.deepCopy();
        copy.remove("hostname");
        ((ObjectNode) copy.path("depends_on")).remove(NODES);
        return copy;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
