package cn.reformoffice.platform.reminder;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.operations.ReformMetrics;
import cn.reformoffice.platform.reminder.ReminderRepository.DeliveryRow;
import cn.reformoffice.platform.reminder.ReminderRepository.ReminderRow;

/**
 * 发送提醒: sends the reminder's pending deliveries. Each is claimed and marked in its own
 * transaction, so what was sent stays sent when another channel fails the job; Camunda then retries
 * the job (failedJobRetryTimeCycle) and finally raises an incident. The process never rolls back
 * and the reminder is never lost. A claim holds until the job's lock expires: when a node dies while
 * sending, the job runs again elsewhere after the lock time and takes over the claims of the dead node
 * (a message the dead node had sent but not yet marked is sent again: the remaining at-least-once
 * window, which each message's stable key - Message-ID, Idempotency-Key - lets receivers close).
 * A claim still held by a live execution fails the job instead of ending it, so nothing is skipped.
 * Each attempt is counted per channel ({@link ReformMetrics}): sent or failed, and as a retry when the
 * delivery was attempted before.
 */
@Component("deliverReminderDelegate")
class DeliverReminderDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverReminderDelegate.class);
    static final int UNLOCKED_CLAIM_MINUTES = 5;

    private final ReminderRepository reminders;
    private final Map<String, ReminderChannel> channels;
    private final ReformMetrics metrics;

    DeliverReminderDelegate(ReminderRepository reminders, List<ReminderChannel> channels, ReformMetrics metrics) {
        this.reminders = reminders;
        this.metrics = metrics;
        this.channels = channels.stream().collect(java.util.stream.Collectors.toMap(ReminderChannel::name, c -> c));
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object reminderId = execution.getVariable("reminderId");
        if (reminderId == null) {
            return;
        }
        long id = ((Number) reminderId).longValue();
        ReminderRow reminder = reminders.findById(id);
        List<String> failures = new ArrayList<>();
        int busy = 0;
        String owner = claimOwner();
        OffsetDateTime until = claimUntil();
        for (DeliveryRow delivery : reminders.deliveries(id)) {
            if (!channels.containsKey(delivery.channel()) || "DELIVERED".equals(delivery.status())) {
                continue;
            }
            ReminderRepository.Claim claim = reminders.claim(delivery.id(), owner, until);
            if (claim == ReminderRepository.Claim.BUSY) {
                busy++;
            }
            if (claim != ReminderRepository.Claim.CLAIMED) {
                continue;
            }
            if (delivery.attempts() > 0) {
                metrics.deliveryRetried(delivery.channel());
            }
            try {
                channels.get(delivery.channel()).send(deliveryKey(reminder, delivery), delivery.address(),
                        subject(reminder), reminder.message());
                reminders.markDelivered(delivery.id());
                metrics.deliverySent(delivery.channel());
            } catch (Exception e) {
                LOG.warn("Reminder {} not delivered by {} to {}: {}", reminder.reminderKey(), delivery.channel(),
                        delivery.address(), e.getMessage());
                reminders.markFailed(delivery.id(), e.getMessage());
                metrics.deliveryFailed(delivery.channel());
                failures.add(delivery.channel() + " " + delivery.address() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("提醒发送失败，将自动重试（" + failures.size() + "项）：" + String.join("；", failures));
        }
        if (busy > 0) {
            // Another execution of this job still holds a claim (its lock has not expired): the job must not
            // end before that delivery is known to be sent, so it fails and is retried after the claim expires.
            throw new IllegalStateException("提醒正由另一执行发送中，稍后重试（" + busy + "项）");
        }
    }

    /** The job executor's lock owner (one per node), or this thread when the job runs outside it. */
    private static String claimOwner() {
        JobExecutorContext context = Context.getJobExecutorContext();
        if (context != null && context.getCurrentJob() != null && context.getCurrentJob().getLockOwner() != null) {
            return context.getCurrentJob().getLockOwner();
        }
        return "thread " + Thread.currentThread().getName();
    }

    /**
     * Until when a claim holds: the job's lock expiration (no other node runs the job before it), or
     * {@link #UNLOCKED_CLAIM_MINUTES} when the job was not acquired by the job executor (run by a test or
     * synchronously).
     */
    private static OffsetDateTime claimUntil() {
        JobExecutorContext context = Context.getJobExecutorContext();
        if (context != null && context.getCurrentJob() != null
                && context.getCurrentJob().getLockExpirationTime() != null) {
            return OffsetDateTime.ofInstant(context.getCurrentJob().getLockExpirationTime().toInstant(),
                    ReminderSchedule.CHINA);
        }
        return ReminderRepository.engineNow().plusMinutes(UNLOCKED_CLAIM_MINUTES);
    }

    /** Stable per delivery: the e-mail's Message-ID and the webhook's Idempotency-Key, so receivers can dedupe. */
    static String deliveryKey(ReminderRow reminder, DeliveryRow delivery) {
        return "reform-reminder-" + reminder.id() + "-" + delivery.id();
    }

    static String subject(ReminderRow reminder) {
        String subject = reminder.level().label() + "：" + reminder.taskCode() + " " + reminder.stageName();
        return reminder.noticeNo() == null ? subject : "督办单 " + reminder.noticeNo() + " " + subject;
    }
}
