package io.hindsight.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.hindsight.projection.ReadsProjection;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;

class HandlerAnnotationTest {

    private final HandlerAnnotation<ReadsProjection> reads = new HandlerAnnotation<>(ReadsProjection.class);

    @Test
    void takesTheMethodsAnnotationBeforeItsControllers() throws Exception {
        assertThat(reads.on(handler(new Annotated(), "own")).map(ReadsProjection::value))
                .hasValueSatisfying(names -> assertThat(names).containsExactly("method"));
        assertThat(reads.on(handler(new Annotated(), "inherited")).map(ReadsProjection::value))
                .hasValueSatisfying(names -> assertThat(names).containsExactly("controller"));
    }

    @Test
    void looksUpAMethodTwoControllersInheritForEachOfThem() throws Exception {
        assertThat(reads.on(handler(new Annotated(), "inherited"))).isPresent();
        assertThat(reads.on(handler(new Plain(), "inherited"))).isEmpty();
        assertThat(reads.on(handler(new Annotated(), "inherited"))).isPresent();
    }

    private static HandlerMethod handler(Object controller, String name) throws NoSuchMethodException {
        return new HandlerMethod(controller, controller.getClass().getMethod(name));
    }

    public static class Base {
        public void inherited() {}
    }

    @ReadsProjection("controller")
    public static class Annotated extends Base {
        @ReadsProjection("method")
        public void own() {}
    }

    public static class Plain extends Base {}
}
