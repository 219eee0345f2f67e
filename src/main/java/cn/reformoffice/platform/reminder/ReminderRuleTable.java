package cn.reformoffice.platform.reminder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.deployment.LatestVersions;

/**
 * Evaluates the office's DMN decision {@value #DECISION} (processes/reminder-rules.dmn) for a stage: the
 * latest deployed version ({@link LatestVersions}: a version the office deploys applies from its commit on, on
 * another node within seconds), as parsed by the engine's deployment cache, with the engine's own DMN engine.
 * The table's only input is the stage, so its answer for a version never changes: it is evaluated once per
 * version and stage and kept.
 * Unlike the engine's DecisionService this writes no decision history (three rows and more for every
 * step and reminder, which nobody reads).
 */
@Component
class ReminderRuleTable {

    static final String DECISION = "reminder-rules";

    private final LatestVersions versions;

    /** Answers by decision definition id (one per deployed version) and stage. */
    private final Map<String, ReminderRules> answers = new ConcurrentHashMap<>();

    ReminderRuleTable(LatestVersions versions) {
        this.versions = versions;
    }

    /** Inside an engine command (a delegate or listener). */
    ReminderRules rulesFor(String stage) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            throw new IllegalStateException("reminder rules are read inside an engine command");
        }
        String definitionId = versions.decisionDefinitionId(DECISION);
        return answers.computeIfAbsent(definitionId + "|" + stage,
                key -> command.runWithoutAuthorization(() -> evaluate(definitionId, stage)));
    }

    /** From a service: in the current engine command, or in a command of its own. */
    ReminderRules rulesFor(ProcessEngine engine, String stage) {
        if (Context.getCommandContext() != null) {
            return rulesFor(stage);
        }
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(context -> rulesFor(stage));
    }

    private static ReminderRules evaluate(String definitionId, String stage) {
        ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
        DecisionDefinitionEntity decision = configuration.getDeploymentCache()
                .findDeployedDecisionDefinitionById(definitionId);
        DmnDecisionTableResult result = configuration.getDmnEngine().evaluateDecisionTable(decision,
                Variables.createVariables().putValue("stage", stage));
        return ReminderRules.from(result.getSingleResult().getEntryMap());
    }
}
