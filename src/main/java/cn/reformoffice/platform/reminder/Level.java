package cn.reformoffice.platform.reminder;

/** Escalation levels, in the order they come. */
public enum Level {
    DUE_SOON("临期提醒", 50),
    URGE("逾期催办", 75),
    ESCALATION("升级督办", 100);

    private final String label;
    private final int taskPriority;

    Level(String label, int taskPriority) {
        this.label = label;
        this.taskPriority = taskPriority;
    }

    public String label() {
        return label;
    }

    /** The priority the task gets in Tasklist once this level is reached (50 = Camunda's default). */
    int taskPriority() {
        return taskPriority;
    }
}
