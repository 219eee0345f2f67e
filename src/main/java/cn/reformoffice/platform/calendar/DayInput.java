package cn.reformoffice.platform.calendar;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One submitted day as typed, checked by {@link ArrangementValidator} so that errors can name the line. */
@JsonIgnoreProperties(ignoreUnknown = true)
record DayInput(String date, String name, @JsonProperty("isOffDay") Boolean isOffDay) {

    /** For trusted data (the shipped files). */
    CalendarDay toDay() {
        return new CalendarDay(LocalDate.parse(date), name, isOffDay);
    }
}
