package io.hindsight.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A {@link SecondNode} shared by every test class that registers one with the same properties
 * ({@code @RegisterExtension static final SharedSecondNode secondNode = new SharedSecondNode("hindsight.roles=command")}):
 * the first such class starts it (about 20 s), later ones reuse it, whatever order they run in, and it stops when the
 * whole test run ends. The failsafe run is one JVM running one class after another (no parallel execution), so a
 * shared node serves one class at a time. Keep it a command node: a node with the query role would claim projection
 * segments for the rest of the run, beside tests that replay or pause those projections.
 */
public final class SharedSecondNode implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NODES = ExtensionContext.Namespace.create(SharedSecondNode.class);

    private final String[] properties;
    private StandaloneApp node;

    public SharedSecondNode(String... properties) {
        this.properties = properties.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Environment shared = SpringExtension.getApplicationContext(context).getEnvironment();
        List<String> key = new ArrayList<>(SecondNode.sharedProperties(shared));
        key.addAll(List.of(properties));
        // the root store outlives every class and is closed when the run ends, before the shared servers stop
        node = context.getRoot()
                .getStore(NODES)
                .getOrComputeIfAbsent(key, k -> new Running(SecondNode.start(shared, properties)), Running.class)
                .app();
    }

    public int port() {
        return node.port();
    }

    public <T> T bean(Class<T> type) {
        return node.bean(type);
    }

    /**
     * Two calls released together, the first to the test's own node and the second to this one (the same call on
     * both when one is given); answers in that order. Each call applies its node to a request it builds.
     */
    @SafeVarargs
    public final List<Response> onBothNodesAtOnce(
            Function<Function<RequestSpecification, RequestSpecification>, Response>... calls) throws Exception {
        Function<Function<RequestSpecification, RequestSpecification>, Response> first = calls[0];
        Function<Function<RequestSpecification, RequestSpecification>, Response> second =
                calls.length > 1 ? calls[1] : calls[0];
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            answers.add(threads.submit(() -> {
                start.await();
                return first.apply(request -> request);
            }));
            answers.add(threads.submit(() -> {
                start.await();
                return second.apply(request -> request.port(port()));
            }));
            List<Response> done = new ArrayList<>();
            for (Future<Response> answer : answers) {
                done.add(answer.get(30, TimeUnit.SECONDS));
            }
            return done;
        } finally {
            threads.shutdownNow();
        }
    }

    private record Running(StandaloneApp app) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            app.close();
        }
    }
}
