package cn.reformoffice.platform;

import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
// @Scheduled housekeeping of the platform's own tables (DashboardTally); reform-task timers are Camunda jobs
@EnableScheduling
public class ReformPlatformApplication {

    /** Deadlines, working days and timers are China times whatever the server's zone. */
    public static final String CHINA_ZONE = "Asia/Shanghai";

    static {
        // The engine evaluates timer dates and cron cycles in the JVM's default zone.
        // Set here (not only in main) so that tests booting this class get the same zone.
        TimeZone.setDefault(TimeZone.getTimeZone(CHINA_ZONE));
    }

    public static void main(String[] args) {
        SpringApplication.run(ReformPlatformApplication.class, args);
    }
}
