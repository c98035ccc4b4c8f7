package io.hindsight.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;

/**
 * One JMH result in milliseconds. For sample-time runs (closed loop, every thread busy all the time) the
 * throughput follows from the mean latency: threads / mean (Little's law).
 */
public record Measurement(
        String benchmark,
        String variant,
        int threads,
        long samples,
        double meanMillis,
        double p50Millis,
        double p95Millis,
        double p99Millis,
        double minMillis,
        double maxMillis) {

    public static Measurement of(RunResult run) {
        BenchmarkParams params = run.getParams();
        String name = params.getBenchmark();
        Statistics statistics = run.getPrimaryResult().getStatistics();
        double toMillis = millisPer(params.getTimeUnit());
        return new Measurement(
                name.substring(name.lastIndexOf('.') + 1),
                params.getParam("variant"),
                params.getThreads(),
                statistics.getN(),
                statistics.getMean() * toMillis,
                statistics.getPercentile(50) * toMillis,
                statistics.getPercentile(95) * toMillis,
                statistics.getPercentile(99) * toMillis,
                statistics.getMin() * toMillis,
                statistics.getMax() * toMillis);
    }

    private static double millisPer(TimeUnit unit) {
        return unit.toNanos(1) / 1_000_000.0;
    }

    public double operationsPerSecond() {
        return threads * 1000.0 / meanMillis;
    }

    public boolean is(String benchmark, int threads) {
        return this.benchmark.equals(benchmark) && this.threads == threads;
    }
}
