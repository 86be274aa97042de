package dev.bulwark.ssh.remote;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The loggers sshj gets from {@link SshConnector}'s configuration: slf4j's, with INFO lowered to
 * DEBUG. sshj logs every connection at INFO (identity strings, "Disconnected - BY_APPLICATION",
 * the sftp subsystem request); for a library that opens many connections that is noise in the
 * application's log. WARN and ERROR pass unchanged; nothing else is configured, so the application
 * keeps its own backend and levels (sshj's lines come back at DEBUG for {@code net.schmizz}).
 */
final class SshjLoggers implements net.schmizz.sshj.common.LoggerFactory {

    /** The one instance; it holds no state. */
    static final SshjLoggers INSTANCE = new SshjLoggers();

    private SshjLoggers() {
    }

    @Override
    public Logger getLogger(String name) {
        return new InfoAsDebug(org.slf4j.LoggerFactory.getLogger(name));
    }

    @Override
    public Logger getLogger(Class<?> clazz) {
        return getLogger(clazz.getName());
    }

    /** A logger that sends INFO to its delegate's DEBUG and everything else unchanged. */
    static final class InfoAsDebug extends AbstractLogger {

        private static final long serialVersionUID = 1L;

        private final transient Logger delegate;

        InfoAsDebug(Logger delegate) {
            this.delegate = delegate;
            this.name = delegate.getName();
        }

        @Override
        public boolean isTraceEnabled() {
            return delegate.isTraceEnabled();
        }

        @Override
        public boolean isTraceEnabled(Marker marker) {
            return delegate.isTraceEnabled(marker);
        }

        @Override
        public boolean isDebugEnabled() {
            return delegate.isDebugEnabled();
        }

        @Override
        public boolean isDebugEnabled(Marker marker) {
            return delegate.isDebugEnabled(marker);
        }

        @Override
        public boolean isInfoEnabled() {
            return delegate.isDebugEnabled();
        }

        @Override
        public boolean isInfoEnabled(Marker marker) {
            return delegate.isDebugEnabled(marker);
        }

        @Override
        public boolean isWarnEnabled() {
            return delegate.isWarnEnabled();
        }

        @Override
        public boolean isWarnEnabled(Marker marker) {
            return delegate.isWarnEnabled(marker);
        }

        @Override
        public boolean isErrorEnabled() {
            return delegate.isErrorEnabled();
        }

        @Override
        public boolean isErrorEnabled(Marker marker) {
            return delegate.isErrorEnabled(marker);
        }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                                   Throwable throwable) {
            Level to = level == Level.INFO ? Level.DEBUG : level;
            LoggingEventBuilder event = delegate.makeLoggingEventBuilder(to).setMessage(messagePattern);
            if (marker != null) {
                event.addMarker(marker);
            }
            if (arguments != null) {
                for (Object a : arguments) {
                    event.addArgument(a);
                }
            }
            if (throwable != null) {
                event.setCause(throwable);
            }
            event.log();
        }
    }
}
