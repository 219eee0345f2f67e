package cn.reformoffice.platform.task;

/** User task names read "<stage>｜<code> <title>", e.g. 方案制定｜2026-002 要素市场化配置综合改革. */
public final class TaskNames {

    public static final String SEPARATOR = "｜";

    private TaskNames() {
    }

    public static String of(String stage, ReformTask task) {
        String name = stage + SEPARATOR + task.code() + " " + task.title();
        return name.length() > 250 ? name.substring(0, 249) + "…" : name;
    }

    /** The stage part of a task name (the whole name if it has no separator). */
    public static String stageOf(String taskName) {
        int separator = taskName.indexOf(SEPARATOR);
        return separator < 0 ? taskName : taskName.substring(0, separator);
    }
}
