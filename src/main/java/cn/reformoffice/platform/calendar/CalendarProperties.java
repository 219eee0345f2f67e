package cn.reformoffice.platform.calendar;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param countStartDay whether a working start day counts as the first working day (当日起算); by default
 *                      counting starts the next working day (次日起算)
 * @param cacheTtl      how long a node keeps the calendar in memory: a change made on this node applies at
 *                      once, a change made on another node of a cluster after at most this long
 */
@ConfigurationProperties("reform.calendar")
public record CalendarProperties(@DefaultValue("false") boolean countStartDay, @DefaultValue("1m") Duration cacheTtl) {
}
