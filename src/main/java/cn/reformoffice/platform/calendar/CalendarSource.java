package cn.reformoffice.platform.calendar;

/** Where a year's arrangement comes from. The shipped files never overwrite a year the office maintains. */
enum CalendarSource {

    SHIPPED("国务院办公厅通知（随系统发布）"),
    OFFICE("市委改革办维护");

    private final String label;

    CalendarSource(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }
}
