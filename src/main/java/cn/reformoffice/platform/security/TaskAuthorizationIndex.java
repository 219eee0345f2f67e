package cn.reformoffice.platform.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On PostgreSQL, an index of ACT_RU_AUTHORIZATION for the authorization check of task queries (Tasklist's lists):
 * Camunda 7.24 checks each candidate task against the user's grants on {@code RESOURCE_ID_ IN (task id, process
 * definition key, '*')}, and by the resource id alone every check reads all grants on the reform-task definition
 * (one per unit: about 500 rows) and all standing '*' grants, to keep the few that permit reading tasks. This
 * partial index holds only the grants the task check can use (READ on a task, READ_TASK on a process definition),
 * so each check reads a handful of rows, however many units and tasks there are. PostgreSQL uses it because the
 * engine's query repeats the index's condition word for word.
 * <p>
 * Created after Camunda has created or checked its tables (Flyway's migrations run before that, on an empty
 * database before the ACT_* tables exist), under the start-up lock ({@code StartupLock}); a no-op when it exists.
 * H2 (no partial indexes) is left alone: it serves demos and tests.
 */
@Component
@Order(40)
class TaskAuthorizationIndex extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(TaskAuthorizationIndex.class);
    static final String NAME = "reform_idx_auth_task_read";
    /** The task query's permission check (Authorization.xml, atomicChecksOnResourceTypeAndPerms), as it is sent. */
    static final String CREATE = "create index if not exists " + NAME + " on ACT_RU_AUTHORIZATION (RESOURCE_ID_)"
            + " where TYPE_ < 2 and (RESOURCE_TYPE_ = 7 and PERMS_ & 2 = 2 or RESOURCE_TYPE_ = 6 and PERMS_ & 64 = 64)";

    @Override
    public void postProcessEngineBuild(ProcessEngine engine) {
        ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        if (!"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        try (Connection connection = configuration.getDataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(CREATE);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            // a missing index costs time, not correctness: start anyway and say so
            LOG.warn("Could not create index {} on ACT_RU_AUTHORIZATION (Tasklist lists will be slower): {}", NAME,
                    e.getMessage());
        }
    }
}
