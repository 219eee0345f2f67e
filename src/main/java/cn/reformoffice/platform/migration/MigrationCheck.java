package cn.reformoffice.platform.migration;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandExecutor;
import org.camunda.bpm.engine.impl.migration.MigrateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl;
import org.camunda.bpm.engine.impl.migration.instance.MigratingProcessInstance;
import org.camunda.bpm.engine.impl.migration.instance.parser.MigratingInstanceParser;
import org.camunda.bpm.engine.impl.migration.validation.instance.MigratingProcessInstanceValidationReportImpl;
import org.camunda.bpm.engine.migration.MigratingActivityInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigratingTransitionInstanceValidationReport;
import org.camunda.bpm.engine.migration.MigrationPlan;

/**
 * Camunda's own per-instance migration check, without the user operation log and without committing
 * anything: {@link MigrateProcessInstanceCmd} validates an instance and migrates it in one go, and
 * {@code MigrationPlanExecutionBuilder} has no dry run. {@link #check} runs the same parser and validators
 * ({@link MigratingProcessInstanceValidationReportImpl}, the report of a
 * {@code MigratingProcessInstanceValidationException}) and, for an instance that passes, the same migration
 * steps, so that a failing listener or mapping shows too; the caller runs it in a transaction it rolls
 * back. Must run inside a command context (with authorization checks off: the platform's controller
 * decides who may).
 */
final class MigrationCheck extends MigrateProcessInstanceCmd {

    /** What Camunda reported against one activity (null: the instance as a whole). */
    record Failure(String activityId, String failure) {
    }

    private final MigrationPlan plan;

    MigrationCheck(CommandExecutor executor, MigrationPlan plan) {
        super(new MigrationPlanExecutionBuilderImpl(executor, plan), false);
        this.plan = plan;
    }

    /**
     * The failures of the instance against the plan, empty when it can move; null when the instance has
     * ended meanwhile. With {@code migrate}, an instance without failures is migrated too (to be rolled back).
     */
    List<Failure> check(CommandContext context, String processInstanceId, boolean migrate) {
        if (context.getExecutionManager().findExecutionById(processInstanceId) == null) {
            return null;
        }
        MigratingProcessInstanceValidationReportImpl report = new MigratingProcessInstanceValidationReportImpl();
        report.setProcessInstanceId(processInstanceId);
        MigratingProcessInstance instance = new MigratingInstanceParser(
                context.getProcessEngineConfiguration().getProcessEngine()).parse(processInstanceId, plan, report);
        validateInstructions(context, instance, report);
        List<Failure> failures = new ArrayList<>();
        report.getFailures().forEach(failure -> failures.add(new Failure(null, failure)));
        for (MigratingActivityInstanceValidationReport activity : report.getActivityInstanceReports()) {
            activity.getFailures().forEach(failure -> failures.add(new Failure(activity.getSourceScopeId(), failure)));
        }
        for (MigratingTransitionInstanceValidationReport transition : report.getTransitionInstanceReports()) {
            transition.getFailures()
                    .forEach(failure -> failures.add(new Failure(transition.getSourceScopeId(), failure)));
        }
        if (failures.isEmpty() && migrate) {
            // the steps of MigrateProcessInstanceCmd.migrateProcessInstance after its validation
            executeInContext(() -> deleteUnmappedActivityInstances(instance), instance.getSourceDefinition());
            executeInContext(() -> migrateProcessInstance(instance), instance.getTargetDefinition());
        }
        return failures;
    }
}
