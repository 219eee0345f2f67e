package cn.reformoffice.platform.reminder;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Reminders, their deliveries and the supervision notice counter (tables of V3). */
@Repository
public class ReminderRepository {

    public record ReminderRow(long id, String reminderKey, String taskCode, String camundaTaskId, String stageName,
            Level level, int sequence, String noticeNo, LocalDate dueDate, String message,
            OffsetDateTime createdAt) {
    }

    public record DeliveryRow(long id, long reminderId, String channel, String recipient, String address,
            String status, int attempts, String lastError, OffsetDateTime deliveredAt) {
    }

    private final JdbcClient jdbc;
    private final ReminderRepository self;

    /** {@code self}: this bean's proxy, so that REQUIRES_NEW applies to calls from within. */
    ReminderRepository(JdbcClient jdbc, @Lazy ReminderRepository self) {
        this.jdbc = jdbc;
        this.self = self;
    }

    /** Business time: the engine's clock (moved in tests), in China time. */
    static OffsetDateTime engineNow() {
        return OffsetDateTime.ofInstant(ClockUtil.getCurrentTime().toInstant(), ReminderSchedule.CHINA);
    }

    /**
     * Locks the watch's process instance row until the transaction ends, so that two executions of the same
     * 登记提醒 job (the job's lock expired while it was still running: a node too slow or stopped) record the
     * reminder one after the other; the second then finds it recorded and Camunda drops it (optimistic
     * locking) instead of failing on the reminder's unique key.
     */
    void lockWatch(String processInstanceId) {
        jdbc.sql("select id_ from act_ru_execution where id_ = ? for update").param(processInstanceId)
                .query(String.class).optional();
    }

    Optional<ReminderRow> findByKey(String key) {
        return jdbc.sql("select * from reminder where reminder_key = ?").param(key).query(this::mapReminder)
                .optional();
    }

    ReminderRow findById(long id) {
        return jdbc.sql("select * from reminder where id = ?").param(id).query(this::mapReminder).single();
    }

    Optional<ReminderRow> find(long id) {
        return jdbc.sql("select * from reminder where id = ?").param(id).query(this::mapReminder).optional();
    }

    /** The 督办单 issued for a step (user task), oldest first. */
    public List<ReminderRow> noticesOfStep(String camundaTaskId) {
        return jdbc.sql("select * from reminder where camunda_task_id = ? and notice_no is not null order by created_at, id")
                .param(camundaTaskId).query(this::mapReminder).list();
    }

    long insert(String key, String taskCode, String camundaTaskId, String stageName, Level level, int sequence,
            String noticeNo, LocalDate dueDate, String message) {
        jdbc.sql("""
                insert into reminder (reminder_key, task_code, camunda_task_id, stage_name, level, sequence_no,
                                      notice_no, due_date, message, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key, taskCode, camundaTaskId, stageName, level.name(), sequence, noticeNo, dueDate, message,
                        engineNow())
                .update();
        return findByKey(key).orElseThrow().id();
    }

    void insertDelivery(long reminderId, String channel, String recipient, String address, String status) {
        jdbc.sql("""
                insert into reminder_delivery (reminder_id, channel, recipient, address, status, attempts, delivered_at)
                values (?, ?, ?, ?, ?, 0, ?)""")
                .params(reminderId, channel, recipient, address, status,
                        "DELIVERED".equals(status) ? OffsetDateTime.now() : null)
                .update();
    }

    /**
     * The next 督办单 number of a year; the row lock of the update serializes concurrent callers until
     * their transactions end, so numbers are unique and without gaps.
     */
    int nextNoticeNumber(int year) {
        self.ensureNoticeCounter(year);
        jdbc.sql("update supervision_notice_counter set last_number = last_number + 1 where notice_year = ?")
                .param(year).update();
        return jdbc.sql("select last_number from supervision_notice_counter where notice_year = ?").param(year)
                .query(Integer.class).single();
    }

    /** Creates the year's counter in its own transaction; a concurrent creator wins, which is fine. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ensureNoticeCounter(int year) {
        if (jdbc.sql("select count(*) from supervision_notice_counter where notice_year = ?").param(year)
                .query(Long.class).single() == 0) {
            try {
                jdbc.sql("insert into supervision_notice_counter (notice_year, last_number) values (?, 0)")
                        .param(year).update();
            } catch (DuplicateKeyException createdConcurrently) {
                // another job created it first
            }
        }
    }

    List<DeliveryRow> deliveries(long reminderId) {
        return jdbc.sql("select * from reminder_delivery where reminder_id = ? order by id").param(reminderId)
                .query(this::mapDelivery).list();
    }

    /** What {@link #claim} found. */
    enum Claim {
        /** claimed by the caller: send it */
        CLAIMED,
        /** sent already */
        DELIVERED,
        /** being sent by another execution of the same job whose claim has not expired: try again later */
        BUSY
    }

    /**
     * Claims a delivery for sending in its own transaction, so two executions of the same job never both
     * send it. The claim holds until {@code until} (the job's lock expiration: until then Camunda runs the job
     * nowhere else); after that - the claimant's node died or gave up - another execution may take it over.
     * Times are the engine's clock.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public Claim claim(long deliveryId, String owner, OffsetDateTime until) {
        OffsetDateTime now = engineNow();
        int claimed = jdbc.sql("""
                update reminder_delivery set status = 'SENDING', claimed_at = ?, claimed_by = ?, claimed_until = ?,
                       attempts = attempts + 1
                where id = ? and (status in ('PENDING', 'FAILED')
                                  or (status = 'SENDING' and (claimed_until < ?
                                                              or (claimed_until is null and claimed_at < ?))))""")
                .params(now, owner, until, deliveryId, now, now.minusMinutes(10)).update();
        if (claimed == 1) {
            return Claim.CLAIMED;
        }
        String status = jdbc.sql("select status from reminder_delivery where id = ?").param(deliveryId)
                .query(String.class).single();
        return "DELIVERED".equals(status) ? Claim.DELIVERED : Claim.BUSY;
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void markDelivered(long deliveryId) {
        jdbc.sql("update reminder_delivery set status = 'DELIVERED', delivered_at = ?, last_error = null where id = ?")
                .params(OffsetDateTime.now(), deliveryId).update();
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void markFailed(long deliveryId, String error) {
        String text = error == null ? "未知错误" : error.length() > 1900 ? error.substring(0, 1900) : error;
        jdbc.sql("update reminder_delivery set status = 'FAILED', last_error = ? where id = ?")
                .params(text, deliveryId).update();
    }

    public List<ReminderRow> findByTask(String taskCode) {
        return jdbc.sql("select * from reminder where task_code = ? order by created_at, id").param(taskCode)
                .query(this::mapReminder).list();
    }

    public List<ReminderRow> findAll(int limit) {
        return jdbc.sql("select * from reminder order by created_at desc, id desc").query(this::mapReminder).list()
                .stream().limit(limit).toList();
    }

    private ReminderRow mapReminder(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ReminderRow(rs.getLong("id"), rs.getString("reminder_key"), rs.getString("task_code"),
                rs.getString("camunda_task_id"), rs.getString("stage_name"), Level.valueOf(rs.getString("level")),
                rs.getInt("sequence_no"), rs.getString("notice_no"), rs.getObject("due_date", LocalDate.class),
                rs.getString("message"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private DeliveryRow mapDelivery(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new DeliveryRow(rs.getLong("id"), rs.getLong("reminder_id"), rs.getString("channel"),
                rs.getString("recipient"), rs.getString("address"), rs.getString("status"), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getObject("delivered_at", OffsetDateTime.class));
    }
}
