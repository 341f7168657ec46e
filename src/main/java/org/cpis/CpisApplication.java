package org.cpis;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CpisApplication {

    public static void main(String[] args) {
        SpringApplication.run(CpisApplication.class, args);
    }
}
