package cn.reformoffice.platform.deployment;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/** Which database the platform runs on (H2 embedded or PostgreSQL), read once from the first connection. */
@Component
public class Database {

    private final DataSource dataSource;
    private volatile Boolean postgres;

    Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try {
                known = "PostgreSQL".equalsIgnoreCase(JdbcUtils.extractDatabaseMetaData(dataSource,
                        DatabaseMetaData::getDatabaseProductName));
            } catch (MetaDataAccessException e) {
                throw new IllegalStateException("Cannot tell which database this is", e);
            }
            postgres = known;
        }
        return known;
    }
}
