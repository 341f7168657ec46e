package org.cpis.audit;

import java.io.PrintStream;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar cpis.jar --cpis.command=verify-audit}: verifies the audit chain, prints the outcome and exits, 0 if
 * the chain holds and 3 at a broken link (docs/operations.md).
 */
@Component
@ConditionalOnProperty(name = "cpis.command", havingValue = "verify-audit")
class VerifyAuditCommand implements ApplicationRunner {

    static final int BROKEN = 3;

    private final AuditIntegrity integrity;
    private final ConfigurableApplicationContext context;

    VerifyAuditCommand(AuditIntegrity integrity, ConfigurableApplicationContext context) {
        this.integrity = integrity;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = report(System.out);
        System.exit(SpringApplication.exit(context, (ExitCodeGenerator) () -> code));
    }

    /** Verifies, prints one line and returns the exit code. */
    int report(PrintStream out) {
        AuditVerification result = integrity.verifyNow();
        String line = result.intact()
                ? "cpis verify-audit: INTACT, " + result.checked() + " entries, head id " + result.headId()
                : "cpis verify-audit: BROKEN at entry id " + result.firstBrokenId() + " (" + result.reason() + "), "
                        + result.checked() + " entries before it intact";
        out.println(line);
        return result.intact() ? 0 : BROKEN;
    }
}
