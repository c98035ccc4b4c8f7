package io.hindsight.platform.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Puts every {@link TurboFilter} bean into logback once the beans exist, and takes them out when the context
 * closes: logback has no Spring hook of its own, and Boot's logging set-up resets its filters before any bean is
 * made.
 */
@Component
class LogFilterInstaller implements SmartInitializingSingleton, DisposableBean {

    private final List<TurboFilter> filters;

    LogFilterInstaller(List<TurboFilter> filters) {
        this.filters = filters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            for (TurboFilter filter : filters) {
                filter.start();
                logging.addTurboFilter(filter);
            }
        }
    }

    @Override
    public void destroy() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) {
            logging.getTurboFilterList().removeAll(filters);
        }
    }
}
