package io.hindsight.projection.admin;

import io.hindsight.common.BusinessException;
import io.hindsight.common.CommonError;
import io.hindsight.projection.Projection;
import io.hindsight.query.QueryRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes what replays whose node stopped or died left behind. A replay holds its lock for as long as it runs, so a
 * status still running that no lock backs was abandoned: it is saved as failed. A read model that was being rebuilt
 * in place is then half-built (its Redis sets emptied and partly refilled) and still marked as rebuilding, so its
 * reads answer 503: it is rebuilt again from the events here, with no operator, and served once that rebuild has
 * folded every event. So is one whose state outside PostgreSQL was lost (Redis flushed, or restarted without its
 * files). Every query node looks, at start and every ten seconds; the replay's lock lets one of them win.
 */
@QueryRole
@Component
public class AbandonedReplays {

    private static final Logger log = LoggerFactory.getLogger(AbandonedReplays.class);

    private final ProjectionRegistry registry;
    private final ReplayRecords records;
    private final ProjectionReplay replays;

    public AbandonedReplays(ProjectionRegistry registry, ReplayRecords records, ProjectionReplay replays) {
        this.registry = registry;
        this.records = records;
        this.replays = replays;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(fixedDelay = 10_000, initialDelay = 10_000)
    public void finishAbandonedReplays() {
        for (Projection projection : registry.all().values()) {
            String name = projection.name();
            try {
                records.recordAbandoned(name)
                        .ifPresent(failed -> log.warn("Replay of {} was abandoned: {}", name, failed.error()));
                if (projection.rebuiltInPlace() && halfBuilt(name)) {
                    rebuildAgain(name, "was left half-built by a rebuild in place that did not finish");
                } else if (projection.rebuiltInPlace() && projection.lostOutsidePostgres()) {
                    rebuildAgain(name, "was lost by the store outside PostgreSQL that kept it");
                }
            } catch (RuntimeException e) {
                log.warn("Could not look for an abandoned replay of {}; looking again in 10 s: {}", name, e.toString());
            }
        }
    }

    private boolean halfBuilt(String projection) {
        return records.inPlaceRebuilds(projection).running() && !records.locked(projection);
    }

    private void rebuildAgain(String projection, String why) {
        try {
            replays.start(projection);
            log.warn("The read model of {} {}; rebuilding it from the events", projection, why);
        } catch (BusinessException alreadyRunning) {
            if (alreadyRunning.code() != CommonError.REPLAY_IN_PROGRESS) {
                throw alreadyRunning;
            }
        }
    }
}
