package cn.reformoffice.platform.planimport;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.organization.OrganizationDirectory;

/**
 * The embedded form of the command-line import ({@code --import.file=… --import.user=…} without
 * {@code --import.url}): runs once the platform has started on its configured database, then exits.
 * The user must be reform office staff or an admin.
 */
@Component
@Order(100)
@ConditionalOnProperty("import.file")
class ImportRunner implements ApplicationRunner, ExitCodeGenerator {

    private final PlanImportService service;
    private final IdentityService identity;
    private final OrganizationDirectory directory;
    private final ObjectMapper json;
    private final ConfigurableApplicationContext context;
    private int exitCode;

    ImportRunner(PlanImportService service, IdentityService identity, OrganizationDirectory directory, ObjectMapper json,
            ConfigurableApplicationContext context) {
        this.service = service;
        this.identity = identity;
        this.directory = directory;
        this.json = json;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ImportCommandFlow.Options options = ImportCommandFlow.Options.parse(args);
            if (options.url() != null) {
                System.out.println("--import.url 请通过 PlanImportCommand 使用（不启动本机平台），见 README。");
                exitCode = 1;
            } else if (!isOfficeOrAdmin(options.user())) {
                System.out.println("用户“" + options.user() + "”不是市委改革办工作人员或系统管理员，不能导入。");
                exitCode = 1;
            } else {
                exitCode = new ImportCommandFlow(new InProcess(options.user()), System.out).run(options);
            }
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            exitCode = 1;
        }
        if (!PlanImportCommand.launched) {
            System.exit(SpringApplication.exit(context, this));
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }

    private boolean isOfficeOrAdmin(String user) {
        return identity.createUserQuery().userId(user).memberOfGroup(directory.officeGroupId()).count() > 0
                || identity.createUserQuery().userId(user).memberOfGroup(OrganizationDirectory.ADMIN_GROUP).count() > 0;
    }

    private final class InProcess implements ImportCommandFlow.Backend {
        private final String user;

        InProcess(String user) {
            this.user = user;
        }

        @Override
        public Map<String, Object> preview(byte[] content, String fileName, Integer year)
                throws ImportCommandFlow.CommandException {
            return call(() -> service.preview(content, fileName, year, user));
        }

        @Override
        public Map<String, Object> confirm(String id, Map<String, Object> resolutions)
                throws ImportCommandFlow.CommandException {
            return call(() -> service.confirm(id, json.convertValue(resolutions, Resolutions.class), user, true));
        }

        @Override
        public Map<String, Object> get(String id) throws ImportCommandFlow.CommandException {
            return call(() -> service.view(id));
        }

        private Map<String, Object> call(java.util.function.Supplier<ImportView> action)
                throws ImportCommandFlow.CommandException {
            try {
                return json.convertValue(action.get(), new TypeReference<Map<String, Object>>() {
                });
            } catch (ErrorResponseException e) {
                @SuppressWarnings("unchecked")
                List<String> errors = e.getBody().getProperties() == null ? null
                        : (List<String>) e.getBody().getProperties().get("errors");
                throw new ImportCommandFlow.CommandException(e.getStatusCode().is5xxServerError() ? 2 : 1,
                        e.getBody().getDetail(), errors);
            } catch (RuntimeException e) {
                throw new ImportCommandFlow.CommandException(2, "导入失败：" + e.getMessage(), null);
            }
        }
    }
}
