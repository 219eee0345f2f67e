package cn.reformoffice.platform.planimport;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import cn.reformoffice.platform.planimport.NameMatcher.Role;
import cn.reformoffice.platform.planimport.NameMatcher.Rule;

/** The {@code plan_import} and {@code plan_import_name} tables (V4). */
@Repository
class PlanImportRepository {

    static final String PREVIEW = "PREVIEW";
    static final String CONFIRMING = "CONFIRMING";
    static final String CONFIRMED = "CONFIRMED";
    static final String FAILED = "FAILED";

    record Stored(String id, String fileName, String format, int year, int taskCount, String status,
            String planJson, String resultJson, String errorMessage, int progressDone, int progressTotal,
            String createdBy, OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime expiresAt,
            String confirmedBy, OffsetDateTime confirmedAt) {
    }

    private final JdbcClient jdbc;

    PlanImportRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String fileName, String format, int year, int taskCount, String planJson,
            String createdBy, OffsetDateTime now, OffsetDateTime expiresAt) {
        jdbc.sql("""
                insert into plan_import (id, file_name, format, plan_year, task_count, status, plan_json,
                                         progress_done, progress_total, created_by, created_at, updated_at, expires_at)
                values (:id, :fileName, :format, :year, :taskCount, 'PREVIEW', :planJson, 0, 0, :createdBy, :now, :now,
                        :expiresAt)""")
                .param("id", id).param("fileName", fileName).param("format", format).param("year", year)
                .param("taskCount", taskCount).param("planJson", planJson).param("createdBy", createdBy)
                .param("now", now).param("expiresAt", expiresAt).update();
    }

    Optional<Stored> find(String id) {
        return jdbc.sql("select * from plan_import where id = ?").param(id)
                .query((rs, row) -> new Stored(rs.getString("id"), rs.getString("file_name"), rs.getString("format"),
                        rs.getInt("plan_year"), rs.getInt("task_count"), rs.getString("status"),
                        rs.getString("plan_json"), rs.getString("result_json"), rs.getString("error_message"),
                        rs.getInt("progress_done"), rs.getInt("progress_total"), rs.getString("created_by"),
                        rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                        rs.getObject("expires_at", OffsetDateTime.class), rs.getString("confirmed_by"),
                        rs.getObject("confirmed_at", OffsetDateTime.class)))
                .optional();
    }

    record Listed(String id, String fileName, String format, int year, int taskCount, String status,
            String createdBy, OffsetDateTime createdAt, String confirmedBy, OffsetDateTime confirmedAt) {
    }

    List<Listed> latest(int limit, OffsetDateTime now) {
        return jdbc.sql("""
                select id, file_name, format, plan_year, task_count, status, created_by, created_at, confirmed_by,
                       confirmed_at
                from plan_import where status <> 'PREVIEW' or expires_at > ? order by created_at desc""")
                .param(now).query((rs, row) -> new Listed(rs.getString("id"), rs.getString("file_name"),
                        rs.getString("format"), rs.getInt("plan_year"), rs.getInt("task_count"), rs.getString("status"),
                        rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
                        rs.getString("confirmed_by"), rs.getObject("confirmed_at", OffsetDateTime.class)))
                .list().stream().limit(limit).toList();
    }

    /**
     * Takes the import for confirming: only a preview that has not expired, a failed attempt, or an
     * attempt whose node stopped reporting progress before {@code staleBefore}. Atomic across nodes.
     */
    boolean claim(String id, String actor, int total, String snapshotJson, OffsetDateTime now,
            OffsetDateTime staleBefore) {
        return jdbc.sql("""
                update plan_import set status = 'CONFIRMING', progress_done = 0, progress_total = :total,
                       confirmed_by = :actor, result_json = :snapshot, error_message = null, updated_at = :now
                where id = :id and ((status in ('PREVIEW', 'FAILED') and expires_at > :now)
                                    or (status = 'CONFIRMING' and updated_at < :staleBefore))""")
                .param("total", total).param("actor", actor).param("snapshot", snapshotJson).param("now", now)
                .param("id", id).param("staleBefore", staleBefore).update() == 1;
    }

    void progress(String id, int done, OffsetDateTime now) {
        jdbc.sql("update plan_import set progress_done = ?, updated_at = ? where id = ? and status = 'CONFIRMING'")
                .params(done, now, id).update();
    }

    void confirmed(String id, String resultJson, OffsetDateTime now) {
        jdbc.sql("""
                update plan_import set status = 'CONFIRMED', result_json = :result, progress_done = progress_total,
                       confirmed_at = :now, updated_at = :now
                where id = :id""")
                .param("result", resultJson).param("now", now).param("id", id).update();
    }

    void failed(String id, String message, OffsetDateTime now) {
        jdbc.sql("update plan_import set status = 'FAILED', error_message = ?, updated_at = ? where id = ?")
                .params(message.length() > 4000 ? message.substring(0, 4000) : message, now, id).update();
    }

    /** Codes of reform tasks starting with "<year>-": codes a new imported task must not take. */
    List<String> codesOfYear(int year) {
        return jdbc.sql("select code from reform_task where code like ?").param(year + "-%").query(String.class).list();
    }

    int deleteExpired(OffsetDateTime now) {
        return jdbc.sql("delete from plan_import where status in ('PREVIEW', 'FAILED') and expires_at < ?")
                .param(now).update();
    }

    Map<Role, Map<String, Rule>> rememberedNames() {
        Map<Role, Map<String, Rule>> rules = new EnumMap<>(Role.class);
        jdbc.sql("select role, name, action, target_id from plan_import_name").query().listOfRows()
                .forEach(row -> rules.computeIfAbsent(Role.valueOf((String) row.get("role")), r -> new HashMap<>())
                        .put((String) row.get("name"), new Rule((String) row.get("action"), (String) row.get("target_id"))));
        return rules;
    }

    void rememberName(Role role, String name, String action, String targetId, String actor, OffsetDateTime now) {
        jdbc.sql("delete from plan_import_name where role = ? and name = ?").params(role.name(), name).update();
        jdbc.sql("""
                insert into plan_import_name (role, name, action, target_id, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?)""").params(role.name(), name, action, targetId, actor, now).update();
    }
}
