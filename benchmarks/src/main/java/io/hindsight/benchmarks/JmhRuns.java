package io.hindsight.benchmarks;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs benchmark classes through JMH's runner with this suite's iteration settings. */
final class JmhRuns {

    static final String JPA_CLASS_PATH = "hindsight.bench.jpa-classpath";

    private final SuiteSettings settings;
    private final Path fixtureFile;

    JmhRuns(SuiteSettings settings, Path fixtureFile) {
        this.settings = settings;
        this.fixtureFile = fixtureFile;
    }

    /**
     * Every benchmark of the class in a JVM of its own (one fork each), once per thread count. The forks reach
     * the application and its PostgreSQL through the fixture file.
     */
    List<Measurement> forked(Class<?> benchmarks, Map<String, String[]> params) throws RunnerException {
        return forked(benchmarks, params, "");
    }

    /**
     * As {@link #forked(Class, Map)}, with the JPA jars added to the forks' class path: JMH gives a fork the
     * {@code java.class.path} of this JVM, which must stay free of them.
     */
    List<Measurement> forkedWithJpa(Class<?> benchmarks, Map<String, String[]> params) throws RunnerException {
        String jpaJars = System.getProperty(JPA_CLASS_PATH, "");
        if (jpaJars.isBlank()) {
            throw new IllegalStateException(
                    "-D" + JPA_CLASS_PATH + " is not set: run the suite through benchmarks/run.sh");
        }
        return forked(benchmarks, params, jpaJars);
    }

    private List<Measurement> forked(Class<?> benchmarks, Map<String, String[]> params, String extraClassPath)
            throws RunnerException {
        String classPath = System.getProperty("java.class.path");
        if (!extraClassPath.isEmpty()) {
            System.setProperty("java.class.path", classPath + File.pathSeparator + extraClassPath);
        }
        try {
            return forkedOnClassPath(benchmarks, params);
        } finally {
            System.setProperty("java.class.path", classPath);
        }
    }

    private List<Measurement> forkedOnClassPath(Class<?> benchmarks, Map<String, String[]> params)
            throws RunnerException {
        List<Measurement> measurements = new ArrayList<>();
        for (int threads : settings.threads()) {
            ChainedOptionsBuilder options = options(benchmarks)
                    .forks(1)
                    .threads(threads)
                    .jvmArgs(
                            "-Xms256m",
                            "-Xmx1g",
                            "-Dlogback.configurationFile=benchmark-logback.xml",
                            "-D" + Fixture.FILE_PROPERTY + "=" + fixtureFile.toAbsolutePath());
            params.forEach(options::param);
            for (RunResult result : new Runner(options.build()).run()) {
                measurements.add(Measurement.of(result));
            }
        }
        return measurements;
    }

    /**
     * Every benchmark of the class in this JVM, next to the application it measures; one thread, single shots
     * after one unmeasured shot: the preparation warms the live path, but code only a shot runs (the verified
     * replay's reader, {@code COPY} writer and comparison) is compiled during the first one, which JMH prints as
     * its warm-up iteration.
     */
    List<Measurement> inProcess(Class<?> benchmarks, int shots) throws RunnerException {
        List<Measurement> measurements = new ArrayList<>();
        Options options = options(benchmarks)
                .forks(0)
                .threads(1)
                .warmupIterations(1)
                .measurementIterations(shots)
                .build();
        for (RunResult result : new Runner(options).run()) {
            measurements.add(Measurement.of(result));
        }
        return measurements;
    }

    /**
     * Sample-time benchmarks in this JVM (the application's), on the threads they declare, warmed up and measured
     * as the forked ones.
     */
    List<Measurement> inProcessSampled(Class<?> benchmarks) throws RunnerException {
        List<Measurement> measurements = new ArrayList<>();
        for (RunResult result : new Runner(options(benchmarks).forks(0).build()).run()) {
            measurements.add(Measurement.of(result));
        }
        return measurements;
    }

    private ChainedOptionsBuilder options(Class<?> benchmarks) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(benchmarks.getName()) + "\\.")
                .warmupIterations(1)
                .warmupTime(TimeValue.seconds(settings.warmupSeconds()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.seconds(settings.iterationSeconds()))
                .shouldFailOnError(true);
    }
}
