package cn.reformoffice.platform.reminder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Evaluates the office's DMN decision {@value #DECISION} (processes/reminder-rules.dmn) for a stage: the
 * latest deployed version, as parsed by the engine's deployment cache, with the engine's own DMN engine. Which
 * version is the latest is read from the database at most every {@value #LATEST_FOR_SECONDS} seconds (it was a
 * query for every step and every reminder, a tenth of a task start): a version deployed on this node applies
 * from its commit on (every deployment here forgets the answer, and again when its transaction commits), one
 * deployed on another node within those seconds. The table's only input is the
 * stage, so its answer for a version never changes: it is evaluated once per version and stage and kept.
 * Unlike the engine's DecisionService this writes no decision history (three rows and more for every
 * step and reminder, which nobody reads).
 */
@Component
class ReminderRuleTable extends AbstractProcessEnginePlugin {

    static final String DECISION = "reminder-rules";
    static final int LATEST_FOR_SECONDS = 10;

    /** The latest version's definition id and when it was read ({@link System#nanoTime()}). */
    private record Latest(String definitionId, long readAt) {
    }

    private volatile Latest latest;

    /** Answers by decision definition id (one per deployed version) and stage. */
    private final Map<String, ReminderRules> answers = new ConcurrentHashMap<>();

    /** Inside an engine command (a delegate or listener). */
    ReminderRules rulesFor(String stage) {
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            throw new IllegalStateException("reminder rules are read inside an engine command");
        }
        String definitionId = latestDefinitionId(command);
        return answers.computeIfAbsent(definitionId + "|" + stage,
                key -> command.runWithoutAuthorization(() -> evaluate(definitionId, stage)));
    }

    private String latestDefinitionId(CommandContext command) {
        Latest known = latest;
        long now = System.nanoTime();
        if (known != null && now - known.readAt() < TimeUnit.SECONDS.toNanos(LATEST_FOR_SECONDS)) {
            return known.definitionId();
        }
        // the rules are the office's, whoever's step it is
        DecisionDefinitionEntity found = command.runWithoutAuthorization(
                () -> command.getDecisionDefinitionManager().findLatestDecisionDefinitionByKey(DECISION));
        if (found == null) {
            throw new IllegalStateException("Decision " + DECISION + " is not deployed");
        }
        latest = new Latest(found.getId(), now);
        return found.getId();
    }

    /** Every deployment on this node (and its commit) makes the next call read the latest version again. */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostDeployers());
        deployers.add(deployment -> {
            latest = null;
            CommandContext command = Context.getCommandContext();
            if (command != null) {
                command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                        committed -> latest = null);
            }
        });
        configuration.setCustomPostDeployers(deployers);
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
