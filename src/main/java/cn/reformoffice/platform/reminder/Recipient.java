package cn.reformoffice.platform.reminder;

/** Whom a reminder reaches: a unit, a person or the office, with the addresses it has. */
record Recipient(String key, String name, String email, String webhook) {
}
