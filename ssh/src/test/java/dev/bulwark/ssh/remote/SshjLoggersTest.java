package dev.bulwark.ssh.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.AbstractLogger;
import org.junit.jupiter.api.Test;

class SshjLoggersTest {

    @Test
    void sendsInfoToDebugAndTheRestUnchanged() {
        Recording delegate = new Recording(Level.TRACE);
        Logger quiet = new SshjLoggers.InfoAsDebug(delegate);
        quiet.info("Client identity string: {}", "SSH-2.0-SSHJ");
        quiet.warn("Dying because - {}", "x");
        quiet.error("boom", new IllegalStateException("e"));
        quiet.debug("detail {} {}", 1, 2);
        assertThat(delegate.events).containsExactly(
                "DEBUG Client identity string: {} [SSH-2.0-SSHJ]",
                "WARN Dying because - {} [x]",
                "ERROR boom [] java.lang.IllegalStateException: e",
                "DEBUG detail {} {} [1, 2]");
        assertThat(quiet.getName()).isEqualTo("recording");
    }

    @Test
    void infoIsEnabledOnlyWhenTheDelegatesDebugIs() {
        Recording atInfo = new Recording(Level.INFO);
        Logger quiet = new SshjLoggers.InfoAsDebug(atInfo);
        assertThat(quiet.isInfoEnabled()).isFalse();
        assertThat(quiet.isWarnEnabled()).isTrue();
        quiet.info("Disconnected - BY_APPLICATION");
        assertThat(atInfo.events).isEmpty();
        assertThat(new SshjLoggers.InfoAsDebug(new Recording(Level.DEBUG)).isInfoEnabled()).isTrue();
    }

    @Test
    void theConnectorsSshjConfigurationUsesThem() {
        assertThat(SshConnector.create().sshjLoggerFactory()).isSameAs(SshjLoggers.INSTANCE);
        assertThat(SshjLoggers.INSTANCE.getLogger(SshjLoggersTest.class)).isInstanceOf(SshjLoggers.InfoAsDebug.class)
                .extracting(Logger::getName).isEqualTo(SshjLoggersTest.class.getName());
    }

    /** Records every event at or above its level as "LEVEL pattern [args] cause". */
    private static final class Recording extends AbstractLogger {
        private static final long serialVersionUID = 1L;
        final transient List<String> events = new ArrayList<>();
        private final Level threshold;

        Recording(Level threshold) {
            this.threshold = threshold;
            this.name = "recording";
        }

        private boolean on(Level l) {
            return l.toInt() >= threshold.toInt();
        }

        @Override public boolean isTraceEnabled() { return on(Level.TRACE); }
        @Override public boolean isTraceEnabled(Marker m) { return on(Level.TRACE); }
        @Override public boolean isDebugEnabled() { return on(Level.DEBUG); }
        @Override public boolean isDebugEnabled(Marker m) { return on(Level.DEBUG); }
        @Override public boolean isInfoEnabled() { return on(Level.INFO); }
        @Override public boolean isInfoEnabled(Marker m) { return on(Level.INFO); }
        @Override public boolean isWarnEnabled() { return on(Level.WARN); }
        @Override public boolean isWarnEnabled(Marker m) { return on(Level.WARN); }
        @Override public boolean isErrorEnabled() { return on(Level.ERROR); }
        @Override public boolean isErrorEnabled(Marker m) { return on(Level.ERROR); }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
            if (on(level)) {
                events.add(level + " " + pattern + " " + Arrays.toString(args == null ? new Object[0] : args)
                        + (t == null ? "" : " " + t));
            }
        }
    }
}
