package cn.reformoffice.platform.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Persistence of reform tasks, their parties and their step records (tables created by Flyway). Inside a
 * transaction, a task read or written by code and its step records are kept until the transaction ends: a
 * write of the stage or the process instance changes the kept task too, a new record drops the task's kept
 * records, any other write drops everything kept. Creating and starting a task read it in every listener of its
 * first step, six reads of rows the transaction had just written.
 */
@Repository
public class ReformTaskRepository {

    /** What one transaction has read; the resource key of {@link TransactionSynchronizationManager}. */
    private static final class ReadCache {
        final Map<String, Optional<ReformTask>> tasks = new HashMap<>();
        final Map<String, List<TaskRecord>> records = new HashMap<>();
    }

    private static final Object READ_CACHE = new Object();

    private static final String LEADER = "LEADER";
    private static final String LEAD_UNIT = "LEAD_UNIT";
    private static final String COOP_UNIT = "COOP_UNIT";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ReformTaskRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The cache this transaction already has, or null (nothing read yet, or no transaction). */
    private static ReadCache boundCache() {
        return (ReadCache) TransactionSynchronizationManager.getResource(READ_CACHE);
    }

    /** The current transaction's cache, created on first use, or null outside a transaction. */
    private static ReadCache readCache() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        ReadCache cache = boundCache();
        if (cache == null) {
            ReadCache created = new ReadCache();
            TransactionSynchronizationManager.bindResource(READ_CACHE, created);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void suspend() {
                    TransactionSynchronizationManager.unbindResourceIfPossible(READ_CACHE);
                }

                @Override
                public void resume() {
                    TransactionSynchronizationManager.bindResource(READ_CACHE, created);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(READ_CACHE);
                }
            });
            cache = created;
        }
        return cache;
    }

    /** Before every write: this transaction reads again what it reads next. */
    private static void forget() {
        ReadCache cache = boundCache();
        if (cache != null) {
            cache.tasks.clear();
            cache.records.clear();
        }
    }

    /** After a write of one column: the cached tasks it applies to take the new value. */
    private static void written(java.util.function.Predicate<ReformTask> applies,
            java.util.function.UnaryOperator<ReformTask> change) {
        ReadCache cache = boundCache();
        if (cache != null) {
            cache.tasks.replaceAll((code, known) -> known.map(task -> applies.test(task) ? change.apply(task) : task));
        }
    }

    public long insert(ReformTask task, String createdBy) {
        forget();
        OffsetDateTime now = OffsetDateTime.now();
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into reform_task (code, plan_year, category, title, goals, measures, deadline, stage,
                                         created_by, created_at, updated_at)
                values (:code, :year, :category, :title, :goals, :measures, :deadline, :stage,
                        :createdBy, :now, :now)""")
                .param("code", task.code()).param("year", task.year()).param("category", task.category())
                .param("title", task.title()).param("goals", task.goals()).param("measures", task.measures())
                .param("deadline", task.deadline()).param("stage", task.stage().name())
                .param("createdBy", createdBy).param("now", now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        insertParties(id, LEADER, task.leaderIds());
        insertParties(id, LEAD_UNIT, task.leadUnitIds());
        insertParties(id, COOP_UNIT, task.coopUnitIds());
        ReadCache cache = readCache();
        if (cache != null) { // what was just written, as findByCode would read it; a new task has no records
            cache.tasks.put(task.code(), Optional.of(new ReformTask(id, task.code(), task.year(), task.category(),
                    task.title(), task.goals(), task.measures(), List.copyOf(task.leaderIds()),
                    List.copyOf(task.leadUnitIds()), List.copyOf(task.coopUnitIds()), task.deadline(), task.stage(),
                    null)));
            cache.records.put(task.code(), List.of());
        }
        return id;
    }

    private void insertParties(long taskId, String role, List<String> partyIds) {
        for (int i = 0; i < partyIds.size(); i++) {
            jdbc.sql("insert into reform_task_party (task_id, role, position, party_id) values (?, ?, ?, ?)")
                    .params(taskId, role, i, partyIds.get(i)).update();
        }
    }

    public void setProcessInstance(long taskId, String processInstanceId) {
        written(task -> task.id() == taskId, task -> new ReformTask(task.id(), task.code(), task.year(),
                task.category(), task.title(), task.goals(), task.measures(), task.leaderIds(), task.leadUnitIds(),
                task.coopUnitIds(), task.deadline(), task.stage(), processInstanceId));
        jdbc.sql("update reform_task set process_instance_id = ?, updated_at = ? where id = ?")
                .params(processInstanceId, OffsetDateTime.now(), taskId).update();
    }

    public void setStage(String code, Stage stage) {
        written(task -> task.code().equals(code), task -> new ReformTask(task.id(), task.code(), task.year(),
                task.category(), task.title(), task.goals(), task.measures(), task.leaderIds(), task.leadUnitIds(),
                task.coopUnitIds(), task.deadline(), stage, task.processInstanceId()));
        jdbc.sql("update reform_task set stage = ?, updated_at = ? where code = ?")
                .params(stage.name(), OffsetDateTime.now(), code).update();
    }

    /** Moves the task's 完成时限 (an approved extension of its 实施并申请销号 step). */
    public void updateDeadline(String code, LocalDate deadline) {
        forget();
        jdbc.sql("update reform_task set deadline = ?, updated_at = ? where code = ?")
                .params(deadline, OffsetDateTime.now(), code).update();
    }

    public boolean existsByCode(String code) {
        return jdbc.sql("select count(*) from reform_task where code = ?").param(code).query(Long.class).single() > 0;
    }

    public long count() {
        return jdbc.sql("select count(*) from reform_task").query(Long.class).single();
    }

    public Optional<ReformTask> findByCode(String code) {
        ReadCache cache = readCache();
        if (cache == null) {
            return read(code);
        }
        Optional<ReformTask> known = cache.tasks.get(code);
        if (known == null) {
            known = read(code);
            cache.tasks.put(code, known);
        }
        return known;
    }

    private Optional<ReformTask> read(String code) {
        return jdbc.sql("select * from reform_task where code = ?").param(code).query(this::mapTask).optional()
                .map(this::withParties);
    }

    /** All tasks, or only those where one of the given parties (units, leaders) takes part. */
    public List<ReformTask> findAll(List<String> partyIdsOrNullForAll) {
        List<ReformTask> tasks;
        if (partyIdsOrNullForAll == null) {
            tasks = jdbc.sql("select * from reform_task order by plan_year desc, code").query(this::mapTask).list();
        } else if (partyIdsOrNullForAll.isEmpty()) {
            return List.of();
        } else {
            tasks = jdbc.sql("""
                    select * from reform_task t where exists (
                        select 1 from reform_task_party p where p.task_id = t.id and p.party_id in (:parties))
                    order by plan_year desc, code""")
                    .param("parties", partyIdsOrNullForAll).query(this::mapTask).list();
        }
        return tasks.stream().map(this::withParties).toList();
    }

    /** Tasks of one plan year with their parties, in two queries (an import compares a whole plan). */
    public List<ReformTask> findByYear(int year) {
        List<ReformTask> tasks = jdbc.sql("select * from reform_task where plan_year = ? order by code")
                .param(year).query(this::mapTask).list();
        Map<Long, List<Map<String, Object>>> parties = new java.util.HashMap<>();
        jdbc.sql("""
                select p.task_id, p.role, p.party_id from reform_task_party p join reform_task t on t.id = p.task_id
                where t.plan_year = ? order by p.task_id, p.role, p.position""")
                .param(year).query().listOfRows()
                .forEach(row -> parties.computeIfAbsent(((Number) row.get("task_id")).longValue(), id -> new ArrayList<>())
                        .add(row));
        return tasks.stream().map(task -> withParties(task, parties.getOrDefault(task.id(), List.of()))).toList();
    }

    /** Replaces the texts, deadline, stage and parties of a stored task (the office edits a task not yet started). */
    public void update(ReformTask task) {
        forget();
        jdbc.sql("""
                update reform_task set category = :category, title = :title, goals = :goals, measures = :measures,
                                       deadline = :deadline, stage = :stage, updated_at = :now
                where id = :id""")
                .param("category", task.category()).param("title", task.title()).param("goals", task.goals())
                .param("measures", task.measures()).param("deadline", task.deadline())
                .param("stage", task.stage().name()).param("now", OffsetDateTime.now()).param("id", task.id())
                .update();
        jdbc.sql("delete from reform_task_party where task_id = ?").param(task.id()).update();
        insertParties(task.id(), LEADER, task.leaderIds());
        insertParties(task.id(), LEAD_UNIT, task.leadUnitIds());
        insertParties(task.id(), COOP_UNIT, task.coopUnitIds());
    }

    private ReformTask withParties(ReformTask task) {
        List<Map<String, Object>> rows = jdbc.sql(
                "select role, party_id from reform_task_party where task_id = ? order by role, position")
                .param(task.id()).query().listOfRows();
        return withParties(task, rows);
    }

    private ReformTask withParties(ReformTask task, List<Map<String, Object>> rows) {
        List<String> leaders = new ArrayList<>();
        List<String> leadUnits = new ArrayList<>();
        List<String> coopUnits = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String partyId = (String) row.get("party_id");
            switch ((String) row.get("role")) {
                case LEADER -> leaders.add(partyId);
                case LEAD_UNIT -> leadUnits.add(partyId);
                default -> coopUnits.add(partyId);
            }
        }
        return new ReformTask(task.id(), task.code(), task.year(), task.category(), task.title(), task.goals(),
                task.measures(), List.copyOf(leaders), List.copyOf(leadUnits), List.copyOf(coopUnits),
                task.deadline(), task.stage(), task.processInstanceId());
    }

    private ReformTask mapTask(ResultSet rs, int row) throws SQLException {
        return new ReformTask(rs.getLong("id"), rs.getString("code"), rs.getInt("plan_year"),
                rs.getString("category"), rs.getString("title"), rs.getString("goals"), rs.getString("measures"),
                List.of(), List.of(), List.of(), rs.getObject("deadline", LocalDate.class),
                Stage.valueOf(rs.getString("stage")), rs.getString("process_instance_id"));
    }

    public void insertRecord(String taskCode, String activityId, String stageName, String camundaTaskId,
            String actorId, String outcome, List<TaskRecord.RecordedField> fields) {
        ReadCache cache = boundCache();
        if (cache != null) {
            cache.records.remove(taskCode);
        }
        jdbc.sql("""
                insert into reform_task_record (task_id, activity_id, stage_name, camunda_task_id, actor_id, outcome,
                                                fields_json, recorded_at)
                select id, :activityId, :stageName, :camundaTaskId, :actorId, :outcome, :fields, :now
                from reform_task where code = :code""")
                .param("activityId", activityId).param("stageName", stageName).param("camundaTaskId", camundaTaskId)
                .param("actorId", actorId).param("outcome", outcome).param("fields", toJson(fields))
                .param("now", OffsetDateTime.now()).param("code", taskCode)
                .update();
    }

    /** Step records of a task, newest first. */
    public List<TaskRecord> findRecords(String taskCode) {
        ReadCache cache = readCache();
        return cache == null ? readRecords(taskCode) : cache.records.computeIfAbsent(taskCode, this::readRecords);
    }

    private List<TaskRecord> readRecords(String taskCode) {
        return jdbc.sql("""
                select r.* from reform_task_record r join reform_task t on t.id = r.task_id
                where t.code = ? order by r.recorded_at desc, r.id desc""")
                .param(taskCode)
                .query(this::record)
                .list().stream().toList();
    }

    /** The record of one completed user task (the newest, should a step be recorded twice). */
    public Optional<TaskRecord> findRecordOfStep(String camundaTaskId) {
        return jdbc.sql("""
                select * from reform_task_record where camunda_task_id = ? order by recorded_at desc, id desc
                fetch first 1 rows only""")
                .param(camundaTaskId)
                .query(this::record)
                .optional();
    }

    private TaskRecord record(ResultSet rs, int row) throws SQLException {
        return new TaskRecord(rs.getLong("id"), rs.getString("activity_id"), rs.getString("stage_name"),
                rs.getString("camunda_task_id"), rs.getString("actor_id"), rs.getString("outcome"),
                fromJson(rs.getString("fields_json")), rs.getObject("recorded_at", OffsetDateTime.class));
    }

    private String toJson(List<TaskRecord.RecordedField> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private List<TaskRecord.RecordedField> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<List<TaskRecord.RecordedField>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
