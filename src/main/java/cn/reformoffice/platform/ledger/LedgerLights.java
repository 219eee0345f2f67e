package cn.reformoffice.platform.ledger;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.ServiceImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Evaluates the office's DMN table {@value #DECISION} (processes/ledger-lights.dmn): which light a
 * reform task shows and why. The latest deployed version is parsed once and evaluated with a plain
 * DMN engine, so recomputing every task's light writes no decision history and builds no engine per
 * call; a new version deployed by the office (Modeler, Cockpit) takes effect on the next daily
 * recomputation or at once through {@link #reload()}. The table is a function of the facts alone, so each
 * answer is kept for the loaded version (bounded; a few hundred combinations occur in practice): recomputing
 * a light evaluates no FEEL expression when the same facts were seen before.
 */
@Component
public class LedgerLights {

    public static final String DECISION = "ledger-lights";
    private static final int ANSWERS_KEPT = 10_000;

    /** The engine's service, looked up when first needed (the engine is built after this bean). */
    private final ObjectProvider<RepositoryService> repositories;
    private final DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    private final AtomicReference<Loaded> loaded = new AtomicReference<>();

    LedgerLights(ObjectProvider<RepositoryService> repositories) {
        this.repositories = repositories;
    }

    /** What the table needs to know about a task. {@code daysToDue} is null when no step is open. */
    public record Facts(String stage, int overdueDays, int openNotices, Integer daysToDue, boolean reportLate,
            boolean reportReturned, boolean reportBehind) {
    }

    /** The table's answer: light (RED, YELLOW, GREEN, CLOSED, UNASSIGNED), reason, and which condition. */
    public record Light(String light, String reason, String cause) {
    }

    public Light evaluate(Facts facts) {
        Loaded current = loaded();
        return current.answers().get(facts, f -> evaluate(current.decision(), f));
    }

    private Light evaluate(DmnDecision decision, Facts facts) {
        DmnDecisionRuleResult result = dmn.evaluateDecisionTable(decision, Variables.createVariables()
                .putValue("stage", facts.stage()).putValue("overdueDays", facts.overdueDays())
                .putValue("openNotices", facts.openNotices()).putValue("daysToDue", facts.daysToDue())
                .putValue("reportLate", facts.reportLate()).putValue("reportReturned", facts.reportReturned())
                .putValue("reportBehind", facts.reportBehind())).getFirstResult();
        if (result == null) {
            return new Light("GREEN", "正常推进", "none");
        }
        Map<String, Object> entries = result.getEntryMap();
        return new Light((String) entries.get("light"), (String) entries.get("reason"), (String) entries.get("cause"));
    }

    /** Takes up the latest deployed version of the table now (otherwise checked at the next recomputation). */
    public void reload() {
        loaded.set(null);
    }

    private Loaded loaded() {
        Loaded current = loaded.get();
        if (current != null) {
            return current;
        }
        // whoever's step it is, the table is the office's: read it without the user's authorizations (inside an
        // engine command, or in a command of its own when the ledger is refreshed just before a commit)
        CommandContext command = Context.getCommandContext();
        return command != null ? command.runWithoutAuthorization(this::load)
                : ((ServiceImpl) repositories.getObject()).getCommandExecutor()
                        .execute(context -> context.runWithoutAuthorization(this::load));
    }

    private Loaded load() {
        RepositoryService repository = repositories.getObject();
        DecisionDefinition definition = repository.createDecisionDefinitionQuery().decisionDefinitionKey(DECISION)
                .latestVersion().singleResult();
        if (definition == null) {
            throw new IllegalStateException("Decision " + DECISION + " is not deployed");
        }
        try (InputStream model = repository.getResourceAsStream(definition.getDeploymentId(),
                definition.getResourceName())) {
            Loaded parsed = new Loaded(definition.getId(), dmn.parseDecision(DECISION, model),
                    Caffeine.newBuilder().maximumSize(ANSWERS_KEPT).build());
            loaded.set(parsed);
            return parsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Loaded(String definitionId, DmnDecision decision, Cache<Facts, Light> answers) {
    }
}
