package org.forwardlearn.core.logging;

import org.apache.logging.log4j.simple.SimpleLoggerContextFactory;
import org.apache.logging.log4j.spi.Provider;

/**
 * The Log4j 2 API provider used only when the application has none.
 *
 * <p>forwardlearn's library modules depend on {@code log4j-api} alone. Without any provider on the
 * class path (log4j-core, log4j-to-slf4j, ...), the Log4j API prints "could not find a logging
 * provider" at the first logger an embedding program touches. This provider, registered through
 * {@code META-INF/services}, removes that message: it routes to the API's own {@code SimpleLogger}
 * (stderr, level WARN, from {@code log4j2.simplelog.properties} in this jar). Its priority is 1, below
 * every real provider (log4j-core registers 10, log4j-to-slf4j 15), so an application that brings a
 * logging implementation always gets its own.
 */
public final class FallbackLoggingProvider extends Provider {
    /** Priority below every real Log4j provider. */
    public static final int PRIORITY = 1;

    /** Called by the service loader. */
    public FallbackLoggingProvider() {
        super(PRIORITY, CURRENT_VERSION, SimpleLoggerContextFactory.class);
    }
}
