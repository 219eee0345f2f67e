package cn.reformoffice.platform.calendar;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A file in the format of holiday-cn (https://github.com/NateScarlet/holiday-cn): the year, the State
 * Council notices it transcribes ({@code papers}) and the days they name.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record HolidayCnFile(Integer year, List<String> papers, List<DayInput> days) {
}
