package io.hindsight.support;

import io.hindsight.HindsightApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The whole application in a JVM of its own, as an operator runs it, until it is killed. */
public final class HindsightProcess {

    public static final String READY = "hindsight ready on port ";

    private HindsightProcess() {}

    public static void main(String[] arguments) {
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(HindsightApplication.class).run(arguments);
        System.out.println(
                READY + ((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
