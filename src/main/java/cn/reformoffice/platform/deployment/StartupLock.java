package cn.reformoffice.platform.deployment;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Several nodes on one PostgreSQL database start one after the other: the first engine plugin takes a
 * PostgreSQL advisory lock (on a connection of its own) before the engine creates or checks its schema, and
 * releases it once start-up work is done (the last {@link ApplicationReadyEvent} listener). Everything a
 * node writes when it starts - Camunda's tables, the deployment, the organization's users, groups and
 * authorizations, Tasklist filters, imported units, demo tasks, pending extension requests - is written
 * by "read, then create what is missing", which two nodes starting at once on an empty database would both
 * do (duplicate key, one node fails to start). A node that dies while holding the lock releases it with its
 * connection. On other databases (H2: one node) nothing is locked.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class StartupLock extends AbstractProcessEnginePlugin {

    private static final Logger LOG = LoggerFactory.getLogger(StartupLock.class);
    /** pg_advisory_lock key: "reform-platform start-up". */
    static final long LOCK_KEY = 0x7265666f726d01L;

    private final DataSource dataSource;
    private Connection connection;

    StartupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
        try {
            Connection c = dataSource.getConnection();
            if (!"PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName())) {
                c.close();
                return;
            }
            c.setAutoCommit(true);
            long started = System.nanoTime();
            try (Statement statement = c.createStatement()) {
                statement.execute("select pg_advisory_lock(" + LOCK_KEY + ")");
            }
            connection = c;
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (waited > 1000) {
                LOG.info("Waited {} ms for another node to finish starting", waited);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Start-up lock not taken: " + e.getMessage(), e);
        }
    }

    @EventListener({ ApplicationReadyEvent.class, ApplicationFailedEvent.class })
    @Order(Ordered.LOWEST_PRECEDENCE)
    public synchronized void release() {
        if (connection == null) {
            return;
        }
        try (Connection c = connection; Statement statement = c.createStatement()) {
            statement.execute("select pg_advisory_unlock(" + LOCK_KEY + ")");
        } catch (SQLException e) {
            LOG.warn("Start-up lock not released ({}); it ends with the connection", e.getMessage());
        } finally {
            connection = null;
        }
    }
}
