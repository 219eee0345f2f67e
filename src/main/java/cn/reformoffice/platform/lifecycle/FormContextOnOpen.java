package cn.reformoffice.platform.lifecycle;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.GetTaskFormVariablesCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.ledger.SummaryDocument;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskRepository;
import cn.reformoffice.platform.task.TaskNames;

/**
 * The read-only context a reform task's form shows ({@code ctxSummary}, {@code ctxPlan},
 * {@code ctxLatestReport}, {@code ctxHistory}, …; for the office's 延期审批 form the task's history) is computed from the task record and the step records
 * when the form is opened — when Tasklist (or anyone) asks for the task's form variables — so a form that
 * stays open all year (实施并申请销号) shows today's latest report, inspection, history and 完成时限, and
 * nothing of it is stored as process variables. The office's summary task (reform-summary) gets the link to
 * its Word document ({@code ctxDocuments}). The values are added to the answer of the engine's
 * form-variables command, after the engine's own authorization check passed.
 */
@Component
class FormContextOnOpen extends AbstractProcessEnginePlugin {

    static final String SUMMARY_PROCESS = "reform-summary";
    private static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);

    private final ReformTaskRepository repository;
    private final TaskContextBuilder contextBuilder;
    private final OrganizationDirectory directory;

    FormContextOnOpen(ReformTaskRepository repository, TaskContextBuilder contextBuilder,
            OrganizationDirectory directory) {
        this.repository = repository;
        this.contextBuilder = contextBuilder;
        this.directory = directory;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<CommandInterceptor> interceptors = configuration.getCustomPostCommandInterceptorsTxRequired() == null
                ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostCommandInterceptorsTxRequired());
        interceptors.add(new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                T result = next.execute(command);
                if (command instanceof GetTaskFormVariablesCmd formVariables && result instanceof VariableMap map) {
                    addContext(formVariables.resourceId, formVariables.formVariableNames, map);
                }
                return result;
            }
        });
        configuration.setCustomPostCommandInterceptorsTxRequired(interceptors);
    }

    private void addContext(String taskId, Collection<String> requested, VariableMap variables) {
        CommandContext context = Context.getCommandContext();
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task == null || task.getProcessInstance() == null || task.getProcessDefinition() == null) {
            return;
        }
        if (SUMMARY_PROCESS.equals(task.getProcessDefinition().getKey())) {
            // the office's 半年小结 / 年终总账: the Word document as of the day its figures were computed, the day the
            // task came (the half-year's last day, when the timer fires)
            LocalDate asOf = task.getCreateTime().toInstant().atZone(CHINA).toLocalDate();
            put(variables, requested, "ctxDocuments", "**文稿：** [下载" + asOf.getYear() + "年"
                    + (asOf.getMonthValue() <= 6 ? "半年小结" : "年终总账") + "（Word，截至" + asOf + "，可编辑后报送）]("
                    + SummaryDocument.link(asOf) + ")");
            return;
        }
        // the reform task's processes (reform-task, extensionRequest) carry its code as business key
        String code = task.getProcessInstance().getBusinessKey();
        ReformTask reformTask = code == null ? null : repository.findByCode(code).orElse(null);
        if (reformTask == null) {
            return;
        }
        if (!"reform-task".equals(task.getProcessDefinition().getKey())) {
            // another process's form about the reform task (延期审批) shows its history as of now
            put(variables, requested, "ctxHistory", contextBuilder.history(repository.findRecords(code)));
            return;
        }
        boolean forOffice = context.runWithoutAuthorization(() -> task.getCandidates().stream()
                .map(IdentityLink::getGroupId).anyMatch(directory.officeGroupId()::equals));
        Map<String, String> built = contextBuilder.build(reformTask, repository.findRecords(code), forOffice, taskId,
                task.getTaskDefinitionKey(), TaskNames.stageOf(task.getName()));
        built.forEach((name, value) -> put(variables, requested, name, value));
    }

    private static void put(VariableMap variables, Collection<String> requested, String name, String value) {
        if (requested == null || requested.isEmpty() || requested.contains(name)) {
            variables.putValue(name, value);
        }
    }
}
