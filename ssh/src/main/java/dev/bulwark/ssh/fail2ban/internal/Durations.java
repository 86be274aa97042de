package dev.bulwark.ssh.fail2ban.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fail2ban's time strings ({@code MyTime.str2seconds}): {@code 600}, {@code 10m}, {@code 1h30m},
 * {@code 1year-6mo}, {@code -1} (forever); a month is a twelfth of 365.25 days. Not API.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile(
            "\\s*([+-]?)\\s*(\\d{1,12}(?:\\.\\d{1,6})?)\\s*([a-z]*)", Pattern.CASE_INSENSITIVE);

    private Durations() {
    }

    /** The duration in seconds, or empty when the text is not a fail2ban time. */
    public static Optional<Long> seconds(String text) {
        String s = text.strip();
        if (s.isEmpty() || s.length() > 64) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(s);
        double total = 0;
        int end = 0;
        while (end < s.length() && m.find(end) && m.start() == end) {
            Optional<Double> unit = unit(m.group(3).toLowerCase(Locale.ROOT));
            if (unit.isEmpty() || m.end() == end) {
                return Optional.empty();
            }
            double v = Double.parseDouble(m.group(2)) * unit.get();
            total += m.group(1).equals("-") ? -v : v;
            end = m.end();
        }
        return end == s.length() ? Optional.of(Math.round(total)) : Optional.empty();
    }

    /** The duration, or empty. */
    public static Optional<Duration> parse(String text) {
        return seconds(text).map(Duration::ofSeconds);
    }

    /** The shortest fail2ban spelling: {@code 1w}, {@code 2d}, {@code 1h}, {@code 10m}, {@code 45s}. */
    public static String format(Duration d) {
        long s = d.getSeconds();
        long[] sizes = {604800, 86400, 3600, 60};
        String[] names = {"w", "d", "h", "m"};
        for (int i = 0; i < sizes.length; i++) {
            if (s != 0 && s % sizes[i] == 0) {
                return s / sizes[i] + names[i];
            }
        }
        return Long.toString(s);
    }

    private static Optional<Double> unit(String u) {
        if (u.isEmpty() || u.matches("s|ss|se|sec|seconds?")) {
            return Optional.of(1.0);
        }
        if (u.matches("m|mm|mi|min|minutes?")) {
            return Optional.of(60.0);
        }
        if (u.matches("h|hh|ho|hou|hours?")) {
            return Optional.of(3600.0);
        }
        if (u.matches("d|dd|da|days?")) {
            return Optional.of(86400.0);
        }
        if (u.matches("w|ww|we|wee|weeks?")) {
            return Optional.of(604800.0);
        }
        if (u.matches("mo|mon|months?")) {
            return Optional.of(365.25 * 86400 / 12);
        }
        if (u.matches("y|yy|ye|yea|years?")) {
            return Optional.of(365.25 * 86400);
        }
        return Optional.empty();
    }
}
