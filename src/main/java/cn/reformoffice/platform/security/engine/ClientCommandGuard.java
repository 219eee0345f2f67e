package cn.reformoffice.platform.security.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractCorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractExecuteFilterCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractPatchVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractSetTaskPropertyCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractVariableCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.CorrelateAllMessageBatchCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.query.Query;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.lifecycle.FormSubmissions;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.RefusedException;
import cn.reformoffice.platform.security.SecurityAudit;

/**
 * The engine-level half of the platform's protection against what Camunda 7.24's own checks let
 * through; it sees every command, whichever API sent it (engine REST, the webapps' engine API, Java).
 * <ul>
 * <li><b>No expressions in ad-hoc task queries, at any depth.</b> The engine refuses expressions in an
 * ad-hoc query's top level ({@code enableExpressionsInAdhocQueries=false}) but evaluates those inside
 * {@code orQueries}, which lets any user who may query tasks run code. Every ad-hoc task query, and
 * every query sent to extend a stored filter, is refused if any of its or-queries holds an
 * expression. Stored filters (the platform's Tasklist filters) keep their expressions.</li>
 * <li><b>A submission carries only the step's form fields</b> as plain values
 * ({@link FormSubmissions}): nothing a client adds can steer the process.</li>
 * <li><b>Only the office and admins write process data besides submissions:</b> setting, patching or
 * removing task or process variables, modifying instances, correlating messages and signals are
 * refused for everyone else (Camunda's TASK_WORK would let a unit set variables on its task).</li>
 * <li><b>A claim names the logged-in user.</b> Only the office and admins give a task to someone
 * else. Whoever holds a task may give it back (unclaim), which Camunda's TASK_WORK alone does not
 * allow.</li>
 * </ul>
 * Commands run without an authenticated user (the job executor, start-up) are the platform's own
 * and are not checked; the rules on variables apply to the outermost command only, so the
 * platform's listeners may work inside a submission.
 */
@Component
@Order(5)
public class ClientCommandGuard extends AbstractProcessEnginePlugin {

    private static final List<Class<?>> PROCESS_DATA_WRITES = List.of(AbstractVariableCmd.class,
            AbstractPatchVariablesCmd.class, ModifyProcessInstanceCmd.class, ModifyProcessInstanceAsyncCmd.class,
            ProcessInstanceModificationCmd.class, ProcessInstanceModificationBatchCmd.class,
            SetVariablesToProcessInstancesBatchCmd.class, AbstractCorrelateMessageCmd.class,
            CorrelateAllMessageBatchCmd.class, SignalCmd.class, SignalEventReceivedCmd.class);

    /** Nesting depth of commands on this thread (both chains): the variable rules look at the outermost one. */
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    private final OrganizationDirectory directory;
    private final FormSubmissions submissions;

    ClientCommandGuard(OrganizationDirectory directory, FormSubmissions submissions) {
        this.directory = directory;
        this.submissions = submissions;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPostCommandInterceptorsTxRequired(
                append(configuration.getCustomPostCommandInterceptorsTxRequired(), new Interceptor()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(
                append(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new Interceptor()));
    }

    private static List<CommandInterceptor> append(List<CommandInterceptor> list, CommandInterceptor interceptor) {
        List<CommandInterceptor> result = list == null ? new ArrayList<>() : new ArrayList<>(list);
        result.add(interceptor);
        return result;
    }

    private final class Interceptor extends CommandInterceptor {

        @Override
        public <T> T execute(Command<T> command) {
            int[] level = depth.get();
            check(command, level[0] == 0);
            CommandContext context = Context.getCommandContext();
            boolean release = context != null && context.isAuthorizationCheckEnabled()
                    && isReleaseOfOwnTask(command, context);
            level[0]++;
            try {
                if (release) {
                    // TASK_WORK does not include giving a claimed task back; its holder may always do that
                    context.disableAuthorizationCheck();
                }
                return next.execute(command);
            } finally {
                if (release) {
                    context.enableAuthorizationCheck();
                }
                level[0]--;
            }
        }
    }

    void check(Command<?> command, boolean outermost) {
        if (command instanceof TaskQueryImpl query) {
            refuseExpressions(query, "task query");
        } else if (command instanceof AbstractExecuteFilterCmd) {
            Object extending = CommandFields.read(command, AbstractExecuteFilterCmd.class, "extendingQuery");
            if (extending instanceof TaskQueryImpl query) {
                refuseExpressions(query, "query extending filter "
                        + CommandFields.read(command, AbstractExecuteFilterCmd.class, "filterId"));
            }
        }
        CommandContext context = Context.getCommandContext();
        String userId = context == null ? null : context.getAuthenticatedUserId();
        if (userId == null) {
            return;
        }
        boolean office = isOfficeOrAdmin(context.getAuthenticatedGroupIds());
        if (command instanceof ClaimTaskCmd) {
            Object claimant = CommandFields.read(command, ClaimTaskCmd.class, "userId");
            if (claimant != null && !claimant.equals(userId) && !office) {
                SecurityAudit.refused(userId, "claim of task " + CommandFields.read(command, ClaimTaskCmd.class,
                        "taskId") + " for another user " + claimant);
                throw RefusedException.forbidden("只能以本人身份认领任务。如需交由他人办理，请联系市委改革办分配。");
            }
        }
        if (!outermost) {
            return;
        }
        if (command instanceof CompleteTaskCmd) {
            checkSubmission(context, (String) CommandFields.read(command, CompleteTaskCmd.class, "taskId"),
                    (Map<?, ?>) CommandFields.read(command, CompleteTaskCmd.class, "variables"));
        } else if (command instanceof SubmitTaskFormCmd) {
            checkSubmission(context, (String) CommandFields.read(command, SubmitTaskFormCmd.class, "taskId"),
                    (Map<?, ?>) CommandFields.read(command, SubmitTaskFormCmd.class, "properties"));
        } else if (!office && PROCESS_DATA_WRITES.stream().anyMatch(type -> type.isInstance(command))) {
            SecurityAudit.refused(userId, command.getClass().getSimpleName() + " by a user outside the office");
            throw RefusedException.forbidden("无权直接修改流程数据。请在任务表单中填写并提交；"
                    + "需要更正已提交的内容时，请联系市委改革办。");
        }
    }

    /** Unclaim (assignee set to nobody) by the user who holds the task. */
    private static boolean isReleaseOfOwnTask(Command<?> command, CommandContext context) {
        if (!(command instanceof AssignTaskCmd)
                || CommandFields.read(command, AbstractAddIdentityLinkCmd.class, "userId") != null) {
            return false;
        }
        String userId = context.getAuthenticatedUserId();
        TaskEntity task = context.getTaskManager().findTaskById(
                (String) CommandFields.read(command, AbstractSetTaskPropertyCmd.class, "taskId"));
        return userId != null && task != null && userId.equals(task.getAssignee());
    }

    @SuppressWarnings("unchecked")
    private void checkSubmission(CommandContext context, String taskId, Map<?, ?> variables) {
        if (taskId == null) {
            return;
        }
        TaskEntity task = context.getTaskManager().findTaskById(taskId);
        if (task != null) {
            // who may not work the task learns nothing about its form: the engine's own check first
            context.getProcessEngineConfiguration().getCommandCheckers().forEach(checker -> checker.checkTaskWork(task));
            submissions.check(task, (Map<String, ?>) variables);
        }
    }

    private boolean isOfficeOrAdmin(List<String> groupIds) {
        return groupIds != null && (groupIds.contains(directory.officeGroupId())
                || groupIds.contains(OrganizationDirectory.ADMIN_GROUP));
    }

    private static void refuseExpressions(TaskQueryImpl query, String what) {
        List<String> found = new ArrayList<>();
        for (TaskQueryImpl part : query.getQueries()) {
            found.addAll(expressionsOf(part).keySet());
        }
        if (!found.isEmpty()) {
            SecurityAudit.refused(null, what + " with expressions " + found);
            throw RefusedException.badRequest("查询被拒绝：查询条件中不能使用表达式（" + String.join("、", found)
                    + "）。请使用任务列表中的过滤器，或直接给出用户、单位和日期。");
        }
    }

    private static Map<String, String> expressionsOf(AbstractQuery<?, ?> query) {
        Map<String, String> expressions = query.getExpressions();
        return expressions == null ? Map.of() : expressions;
    }

    /** For tests: whether a query would be refused. */
    static boolean hasExpressions(Query<?, ?> query) {
        return query instanceof TaskQueryImpl task
                && task.getQueries().stream().anyMatch(part -> !expressionsOf(part).isEmpty());
    }
}
