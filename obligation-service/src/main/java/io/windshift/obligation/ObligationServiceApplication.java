package io.windshift.obligation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Owns the rights-and-obligations register and emits milestone-due and overdue events on schedule. */
@SpringBootApplication
public class ObligationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ObligationServiceApplication.class, args);
    }
}
