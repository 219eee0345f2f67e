package cn.reformoffice.platform.reminder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
 * and the reminder is never lost. Each attempt is counted per channel ({@link ReformMetrics}): sent or failed,
 * and as a retry when the delivery was attempted before.
 */
@Component("deliverReminderDelegate")
class DeliverReminderDelegate implements JavaDelegate {

    private static final Logger LOG = LoggerFactory.getLogger(DeliverReminderDelegate.class);

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
        for (DeliveryRow delivery : reminders.deliveries(id)) {
            if (!channels.containsKey(delivery.channel()) || !reminders.claim(delivery.id())) {
                continue;
            }
            if (delivery.attempts() > 0) {
                metrics.deliveryRetried(delivery.channel());
            }
            try {
                channels.get(delivery.channel()).send(delivery.address(), subject(reminder), reminder.message());
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
    }

    static String subject(ReminderRow reminder) {
        String subject = reminder.level().label() + "：" + reminder.taskCode() + " " + reminder.stageName();
        return reminder.noticeNo() == null ? subject : "督办单 " + reminder.noticeNo() + " " + subject;
    }
}
