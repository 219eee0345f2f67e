package cn.reformoffice.platform.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.springframework.stereotype.Component;

/**
 * Which deployed version of a process or decision is the latest, read from the database at most every
 * {@value #KEEP_SECONDS} seconds. The engine asks the database on every start by key and the reminder rules on
 * every step (a tenth of a reform task's start, each time). A version deployed on this node is used from its
 * commit on (every deployment here forgets what was known, again when its transaction commits); one deployed
 * on another node within those seconds. The platform deploys its processes when a node starts; the office
 * deploys a changed table or process in Camunda Modeler.
 */
@Component
public class LatestVersions extends AbstractProcessEnginePlugin {

    static final int KEEP_SECONDS = 10;

    private record Known(String definitionId, long readAt) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** The latest version of process {@code key}, inside an engine command. */
    public String processDefinitionId(String key) {
        return latest("process:" + key, command -> {
            ProcessDefinitionEntity found = command.getProcessDefinitionManager().findLatestProcessDefinitionByKey(key);
            return found == null ? null : found.getId();
        });
    }

    /**
     * The latest version of process {@code key}, from a service: a known answer without an engine command; to read
     * it, the running command or one of its own.
     */
    public String processDefinitionId(ProcessEngine engine, String key) {
        String known = fresh("process:" + key);
        if (known != null) {
            return known;
        }
        if (Context.getCommandContext() != null) {
            return processDefinitionId(key);
        }
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(command -> processDefinitionId(key));
    }

    /** The latest version of decision {@code key}, inside an engine command. */
    public String decisionDefinitionId(String key) {
        return latest("decision:" + key, command -> {
            DecisionDefinitionEntity found = command.getDecisionDefinitionManager()
                    .findLatestDecisionDefinitionByKey(key);
            return found == null ? null : found.getId();
        });
    }

    /** The definition id read less than {@value #KEEP_SECONDS} seconds ago, or null. */
    private String fresh(String key) {
        Known cached = known.get(key);
        return cached != null && System.nanoTime() - cached.readAt() < TimeUnit.SECONDS.toNanos(KEEP_SECONDS)
                ? cached.definitionId() : null;
    }

    private String latest(String key, java.util.function.Function<CommandContext, String> read) {
        String fresh = fresh(key);
        if (fresh != null) {
            return fresh;
        }
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            throw new IllegalStateException("the latest version of " + key + " is read inside an engine command");
        }
        long now = System.nanoTime();
        // the platform's own definitions, whoever's step or request it is
        String found = command.runWithoutAuthorization(() -> read.apply(command));
        if (found == null) {
            throw new IllegalStateException(key + " is not deployed");
        }
        known.put(key, new Known(found, now));
        return found;
    }

    /** Every deployment on this node (and its commit) makes the next call read the latest versions again. */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostDeployers());
        deployers.add(deployment -> {
            known.clear();
            CommandContext command = Context.getCommandContext();
            if (command != null) {
                command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                        committed -> known.clear());
            }
        });
        configuration.setCustomPostDeployers(deployers);
    }
}
