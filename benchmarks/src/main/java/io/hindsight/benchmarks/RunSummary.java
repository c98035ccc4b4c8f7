package io.hindsight.benchmarks;

import io.hindsight.benchmarks.ProjectionProgress.EventTableHead;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything one run of the suite found out, for the report. */
public record RunSummary(
        SuiteSettings settings,
        MachineFacts machine,
        String loadAverageBefore,
        String loadAverageAfter,
        Instant started,
        Duration took,
        FixturePreparation.Prepared prepared,
        Optional<Double> memberEventsAfterCommands,
        Optional<EventTableHead> replayedTable,
        String processorSettings,
        long largeObjects,
        List<Measurement> measurements) {

    public Optional<Measurement> find(String benchmark, int threads, String variant) {
        return measurements.stream()
                .filter(m -> m.is(benchmark, threads))
                .filter(m -> variant == null || variant.equals(m.variant()))
                .findFirst();
    }
}
