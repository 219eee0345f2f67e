package cn.reformoffice.platform.planimport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.ReformPlatformApplication;

/**
 * Command-line import for operators. With {@code --import.url} it calls a running instance's REST API
 * (password from {@code REFORM_IMPORT_PASSWORD}) and starts no Spring context; without, it starts the
 * platform embedded on the configured database (its web server on a free port of 127.0.0.1 only),
 * imports, and exits. Launch from the
 * packaged jar with Spring Boot's PropertiesLauncher:
 *
 * <pre>
 * java -Dloader.main=cn.reformoffice.platform.planimport.PlanImportCommand -cp reform-platform.jar \
 *      org.springframework.boot.loader.launch.PropertiesLauncher --import.file=plan.txt --import.user=office1 …
 * </pre>
 */
public final class PlanImportCommand {

    /** Set when this class launches the embedded platform, so {@link ImportRunner} leaves exiting to it. */
    static volatile boolean launched;

    private PlanImportCommand() {
    }

    public static void main(String[] args) {
        ImportCommandFlow.Options options;
        try {
            options = ImportCommandFlow.Options.parse(new DefaultApplicationArguments(args));
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            System.exit(1);
            return;
        }
        if (options.url() != null) {
            String password = System.getenv("REFORM_IMPORT_PASSWORD");
            if (password == null) {
                System.out.println("请在环境变量 REFORM_IMPORT_PASSWORD 中提供用户 " + options.user() + " 的密码。");
                System.exit(1);
            }
            System.exit(new ImportCommandFlow(new Rest(options.url(), options.user(), password), System.out).run(options));
        }
        launched = true;
        // Camunda's REST and webapp starters need a servlet container: run one on a free local port only.
        List<String> embedded = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1"));
        embedded.addAll(List.of(args));
        ConfigurableApplicationContext context = SpringApplication.run(ReformPlatformApplication.class,
                embedded.toArray(String[]::new));
        System.exit(SpringApplication.exit(context));
    }

    /** The REST API of a running instance, HTTP Basic. */
    static final class Rest implements ImportCommandFlow.Backend {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final ObjectMapper json = new ObjectMapper();
        private final String base;
        private final String authorization;

        Rest(String url, String user, String password) {
            this.base = url.replaceAll("/+$", "");
            this.authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Map<String, Object> preview(byte[] content, String fileName, Integer year)
                throws ImportCommandFlow.CommandException {
            String boundary = "----reform" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            String ascii = fileName.replaceAll("[^\\x20-\\x7E]", "_").replace("\"", "_");
            String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + ascii
                    + "\"; filename*=UTF-8''" + encoded + "\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n");
            if (year != null) {
                write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n" + year + "\r\n");
            }
            write(body, "--" + boundary + "--\r\n");
            return send(request("/api/imports/preview").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        }

        @Override
        public Map<String, Object> confirm(String id, Map<String, Object> resolutions)
                throws ImportCommandFlow.CommandException {
            try {
                return send(request("/api/imports/" + id + "/confirm").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(resolutions))).build());
            } catch (IOException e) {
                throw new ImportCommandFlow.CommandException(2, e.getMessage(), null);
            }
        }

        @Override
        public Map<String, Object> get(String id) throws ImportCommandFlow.CommandException {
            return send(request("/api/imports/" + id).GET().build());
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization)
                    .header("Accept", "application/json");
        }

        private Map<String, Object> send(HttpRequest request) throws ImportCommandFlow.CommandException {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                Map<String, Object> body = response.body().isBlank() ? Map.of()
                        : json.readValue(response.body(), new TypeReference<Map<String, Object>>() {
                        });
                if (response.statusCode() >= 400) {
                    Object detail = body.getOrDefault("detail", "HTTP " + response.statusCode());
                    @SuppressWarnings("unchecked")
                    List<String> errors = (List<String>) body.get("errors");
                    throw new ImportCommandFlow.CommandException(response.statusCode() >= 500 ? 2 : 1,
                            response.statusCode() == 401 ? "用户名或密码不正确（HTTP 401）。" : String.valueOf(detail), errors);
                }
                return body;
            } catch (IOException e) {
                throw new ImportCommandFlow.CommandException(2, "无法连接 " + base + "：" + e.getMessage(), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ImportCommandFlow.CommandException(2, "已中断", null);
            }
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
