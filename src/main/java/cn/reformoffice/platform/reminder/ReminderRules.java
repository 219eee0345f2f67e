package cn.reformoffice.platform.reminder;

import java.util.Map;

/** One row of the DMN decision reminder-rules: which levels a stage has and who is copied. */
record ReminderRules(int dueSoonDays, boolean urgeWhenOverdue, int escalateAfterDays, int repeatEveryDays,
        boolean copyToLeaders, boolean copyToOffice) {

    static ReminderRules from(Map<String, Object> decisionResult) {
        return new ReminderRules(number(decisionResult.get("dueSoonDays")),
                Boolean.TRUE.equals(decisionResult.get("urgeWhenOverdue")),
                number(decisionResult.get("escalateAfterDays")), number(decisionResult.get("repeatEveryDays")),
                Boolean.TRUE.equals(decisionResult.get("copyToLeaders")),
                Boolean.TRUE.equals(decisionResult.get("copyToOffice")));
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
