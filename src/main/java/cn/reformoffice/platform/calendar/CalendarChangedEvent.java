package cn.reformoffice.platform.calendar;

import java.time.LocalDate;
import java.util.Set;

/**
 * Published after the arrangement of a year was committed (office change, or a release shipping a new
 * or corrected year), on the node that made the change, outside any transaction.
 *
 * @param year        the year whose arrangement was replaced (it is no longer provisional)
 * @param changedDays the days whose working/off status changed, sorted; empty when only names changed or
 *                    the year became announced without moving a day. May hold days of the previous
 *                    December when the notice names them.
 */
public record CalendarChangedEvent(int year, Set<LocalDate> changedDays) {
}
