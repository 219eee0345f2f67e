package cn.reformoffice.platform.task;

/** Where a reform task stands in its lifecycle; kept on the task record by {@code StageTracker}. */
public enum Stage {
    /** Imported without a lead unit: the process starts once the office assigns one. */
    AWAITING_ASSIGNMENT("待分配"),
    DRAFTING("方案制定"),
    APPROVAL("方案审定"),
    IMPLEMENTATION("实施"),
    CLOSE_OUT_REVIEW("销号审核"),
    CLOSED("已销号");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
