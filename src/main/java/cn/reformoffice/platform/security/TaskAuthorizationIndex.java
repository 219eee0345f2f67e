package cn.reformoffice.platform.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, indexes of ACT_RU_AUTHORIZATION for the authorization check of task queries (Tasklist's lists).
 * Camunda 7.24 joins each candidate task to the user's grants that permit reading tasks (READ on a task,
 * READ_TASK on a process definition) on {@code RESOURCE_ID_ IN (task id, process definition key, '*')}. Without
 * these indexes PostgreSQL finds those grants by resource id alone: for every task it reads all grants on the
 * reform-task definition (one per unit, about 500 rows) and all standing '*' grants. With a partial index on the
 * resource id alone (an earlier attempt) fresh statistics made it scan every task grant of every unit instead
 * (10-36 ms at 10,000 open tasks, growing with all tasks). These two partial indexes, by group and by user, hold
 * only the grants a task check can use, so PostgreSQL fetches the user's and the unit's own task grants (a few
 * rows per task of that unit) and joins them to the unit's tasks, whatever the other units hold. PostgreSQL uses
 * them because the engine's query repeats their condition word for word. The same pair serves the query of the
 * variables Tasklist shows on each card (task code, title, lead unit), whose check reads grants on the process
 * instance: at about 33,000 open tasks it scanned every authorization row (138 ms); with its pair, 2.3 ms.
 * <p>
 * Created after Camunda has created or checked its tables (Flyway's migrations run before that, on an empty
 * database before the ACT_* tables exist), under the start-up lock ({@code StartupLock}); a no-op when they exist.
 * H2 (no partial indexes) is left alone: it serves demos and tests.
 */
@Component
@Order(40)
class TaskAuthorizationIndex extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(TaskAuthorizationIndex.class);
    /** The task query's permission check (Authorization.xml, atomicChecksOnResourceTypeAndPerms), as it is sent. */
    static final String TASK_READ = "TYPE_ < 2 and (RESOURCE_TYPE_ = 7 and PERMS_ & 2 = 2 or RESOURCE_TYPE_ = 6"
            + " and PERMS_ & 64 = 64)";
    /**
     * The variable query's check (the filter's variables on Tasklist's cards: READ on the process instance,
     * READ_INSTANCE_VARIABLE on the definition, READ on the task), as it is sent.
     */
    static final String VARIABLE_READ = "TYPE_ < 2 and (RESOURCE_TYPE_ = 8 and PERMS_ & 2 = 2 or RESOURCE_TYPE_ = 6"
            + " and PERMS_ & 512 = 512 or RESOURCE_TYPE_ = 7 and PERMS_ & 2 = 2)";
    static final List<String> CREATE = List.of(
            "create index if not exists reform_idx_auth_task_read_group on ACT_RU_AUTHORIZATION (GROUP_ID_, RESOURCE_ID_)"
                    + " where " + TASK_READ,
            "create index if not exists reform_idx_auth_task_read_user on ACT_RU_AUTHORIZATION (USER_ID_, RESOURCE_ID_)"
                    + " where " + TASK_READ,
            "create index if not exists reform_idx_auth_var_read_group on ACT_RU_AUTHORIZATION (GROUP_ID_, RESOURCE_ID_)"
                    + " where " + VARIABLE_READ,
            "create index if not exists reform_idx_auth_var_read_user on ACT_RU_AUTHORIZATION (USER_ID_, RESOURCE_ID_)"
                    + " where " + VARIABLE_READ);

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (!"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            for (String create : CREATE) {
                statement.execute(create);
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // a missing index costs time, not correctness: start anyway and say so
            LOG.warn("Could not create the task authorization indexes on ACT_RU_AUTHORIZATION (Tasklist lists will be"
                    + " slower): {}", e.getMessage());
        }
    }
}
