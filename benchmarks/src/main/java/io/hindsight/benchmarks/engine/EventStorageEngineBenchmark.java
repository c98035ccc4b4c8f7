package io.hindsight.benchmarks.engine;

import io.hindsight.benchmarks.AccountEvents;
import io.hindsight.benchmarks.Fixture;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.EventMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Axon's JDBC vs JPA event storage engine on the application's PostgreSQL, each in a fresh schema: a new
 * aggregate's first event, and an existing aggregate's load + append, each committed on its own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EventStorageEngineBenchmark {

    /** Aggregates each thread cycles through, seeded afresh with one event each iteration, so streams stay short. */
    public static final int AGGREGATES_PER_THREAD = 1024;

    public static final int POOL_SIZE = 10;

    @Param({"JDBC_PRODUCTION", "JPA_PRODUCTION", "JDBC_BIGSERIAL"})
    public EngineVariant variant;

    StorageEngineUnderTest engine;

    @Setup(Level.Trial)
    public void start() {
        Fixture fixture = Fixture.load();
        variant.table().recreate(fixture.jdbcUrl(), variant.schema());
        engine = StorageEngineUnderTest.start(variant, fixture.jdbcUrlInSchema(variant.schema()), POOL_SIZE);
    }

    @TearDown(Level.Trial)
    public void stop() {
        engine.close();
    }

    /** This thread's own aggregates, so threads never race for an aggregate's next sequence number. */
    @State(Scope.Thread)
    public static class OwnAggregates {

        private List<String> ids;
        private int next;

        @Setup(Level.Iteration)
        public void seed(EventStorageEngineBenchmark benchmark) {
            ids = new ArrayList<>(AGGREGATES_PER_THREAD);
            List<EventMessage<?>> events = new ArrayList<>(AGGREGATES_PER_THREAD);
            for (int i = 0; i < AGGREGATES_PER_THREAD; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                events.add(AccountEvents.signedUp(id, i));
            }
            benchmark.engine.append(events);
            next = 0;
        }

        String next() {
            return ids.get(next++ % ids.size());
        }
    }

    @Benchmark
    public void appendToNewAggregate() {
        engine.appendToNewAggregate(UUID.randomUUID().toString());
    }

    @Benchmark
    public long loadAndAppend(OwnAggregates aggregates) {
        return engine.loadAndAppend(aggregates.next());
    }
}
