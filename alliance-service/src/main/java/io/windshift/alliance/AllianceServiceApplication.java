package io.windshift.alliance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Owns alliances, their teams, the people directory mirrored from HR, and change-impact assessment. */
@SpringBootApplication
@EnableScheduling
public class AllianceServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(AllianceServiceApplication.class, args);
    }
}
