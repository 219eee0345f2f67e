package cn.reformoffice.platform.reminder;

/** A way reminders reach people. Implementations throw when the message was not accepted. */
interface ReminderChannel {

    String name();

    void send(String address, String subject, String text) throws Exception;
}
