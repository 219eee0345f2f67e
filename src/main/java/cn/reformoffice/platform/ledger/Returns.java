package cn.reformoffice.platform.ledger;

import java.util.Map;

/** Which decisions send a unit's work back, and which step of the unit's they return. */
final class Returns {

    private static final Map<String, String> RETURN_OUTCOMES = Map.of(
            "Task_LeaderApprovePlan", "return",
            "Task_OfficeApprovePlan", "return",
            "Task_ReconcileReport", "return",
            "Task_ReviewCloseOut", "return",
            "Task_Recheck", "fail");

    private static final Map<String, String> RETURNED_STEPS = Map.of(
            "Task_LeaderApprovePlan", "方案制定",
            "Task_OfficeApprovePlan", "方案制定",
            "Task_ReconcileReport", "季度报送",
            "Task_ReviewCloseOut", "实施并申请销号",
            "Task_Recheck", "整改");

    private Returns() {
    }

    static boolean isReturn(String activityId, String outcome) {
        return outcome != null && outcome.equals(RETURN_OUTCOMES.get(activityId));
    }

    static String returnedStep(String activityId) {
        return RETURNED_STEPS.get(activityId);
    }
}
