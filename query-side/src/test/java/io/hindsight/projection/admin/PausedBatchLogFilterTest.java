package io.hindsight.projection.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import io.hindsight.projection.admin.ProjectionPause.ProjectionPausedException;
import org.junit.jupiter.api.Test;

class PausedBatchLogFilterTest {

    private final LoggerContext logging = new LoggerContext();
    private final PausedBatchLogFilter filter = new PausedBatchLogFilter();
    private final Logger workPackage = logging.getLogger(PausedBatchLogFilter.WORK_PACKAGE);

    @Test
    void dropsTheWorkPackagesWarningOfABatchAPauseStopped() {
        Object[] params = {0, "accounts", new ProjectionPausedException("accounts")};

        assertThat(filter.decide(null, workPackage, Level.WARN, "Error in [{}]-[{}]", params, null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void leavesEveryOtherWarningAlone() {
        Object[] failure = {0, "accounts", new IllegalStateException("a real failure")};
        Object[] paused = {0, "accounts", new ProjectionPausedException("accounts")};

        assertThat(filter.decide(null, workPackage, Level.WARN, "Error in [{}]-[{}]", failure, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, logging.getLogger("elsewhere"), Level.WARN, "{}", paused, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
