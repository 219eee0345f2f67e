package cn.reformoffice.bare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline of {@code ReadyTimeBenchmark}: a Camunda Spring Boot webapp (engine, REST, Cockpit/Tasklist/Admin,
 * actuator) with no project code. It lives outside {@code cn.reformoffice.platform}, so its component scan finds
 * nothing of the product, and the benchmark runs it on the platform's own libraries (the boot jar's lib/) without
 * the platform's classes, configuration, processes or forms.
 */
@SpringBootApplication
public class BareCamundaApplication {

    public static void main(String[] args) {
        SpringApplication.run(BareCamundaApplication.class, args);
    }
}
