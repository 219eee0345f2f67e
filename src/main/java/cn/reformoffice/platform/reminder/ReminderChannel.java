package cn.reformoffice.platform.reminder;

/** A way reminders reach people. Implementations throw when the message was not accepted. */
interface ReminderChannel {

    String name();

    void send(String address, String subject, String text) throws Exception;

    /**
     * Sends with a key that stays the same when the delivery is sent again (after a node died before marking
     * it sent), for receivers to drop the repeat: the e-mail's Message-ID, the webhook's Idempotency-Key.
     */
    default void send(String deliveryKey, String address, String subject, String text) throws Exception {
        send(address, subject, text);
    }
}
