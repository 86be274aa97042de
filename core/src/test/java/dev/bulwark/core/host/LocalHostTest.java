package dev.bulwark.core.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.testing.RequiresTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@RequiresTool({"sh", "true", "false", "cat", "head", "tr", "sleep"})
class LocalHostTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Host host = LocalHost.create();

    @TempDir
    Path dir;

    @Test
    void reportsSuccessAndFailure() throws IOException {
        assertThat(host.run(List.of("true"), TIMEOUT).isSuccess()).isTrue();
        CommandResult failed = host.run(List.of("false"), TIMEOUT);
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.isSuccess()).isFalse();
        assertThat(host.run(List.of("sh", "-c", "exit 3"), TIMEOUT).exitCode()).isEqualTo(3);
    }

    @Test
    void requireSuccessNamesTheCommandStatusAndStderr() throws IOException {
        CommandResult result = host.run(List.of("sh", "-c", "echo 'no such thing' >&2; exit 2"), TIMEOUT);
        assertThatThrownBy(result::requireSuccess)
                .isInstanceOf(CommandFailedException.class)
                .hasMessage("'sh -c echo 'no such thing' >&2; exit 2' exited with status 2: no such thing");
        assertThat(host.run(List.of("true"), TIMEOUT).requireSuccess().stdout()).isEmpty();
    }

    @Test
    void capturesStdoutAndStderrSeparately() throws IOException {
        CommandResult result = host.run(List.of("sh", "-c", "echo out; echo err >&2"), TIMEOUT);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
        assertThat(result.command()).containsExactly("sh", "-c", "echo out; echo err >&2");
        assertThat(result).hasToString("CommandResult[sh -c echo out; echo err >&2 exited 0, stdout 4 chars,"
                + " stderr 4 chars]");
    }

    @Test
    void argumentsAreNeverInterpretedByAShell() throws IOException {
        String hostile = "a; touch " + dir.resolve("pwned") + " $(id) `id` 'q\"";
        CommandResult result = host.run(List.of("sh", "-c", "printf '%s' \"$1\"", "sh", hostile), TIMEOUT);
        assertThat(result.stdout()).isEqualTo(hostile);
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void capturesTheOutputOfEveryRunHoweverQuicklyItEnds() throws IOException {
        // Regression: a pump thread that started before it was fully built lost output now and then.
        for (int i = 0; i < 200; i++) {
            CommandResult result = host.run(List.of("sh", "-c", "echo out" + i + "; echo err >&2"), TIMEOUT);
            assertThat(result.stdout()).isEqualTo("out" + i + "\n");
            assertThat(result.stderr()).isEqualTo("err\n");
        }
    }

    @Test
    void feedsStdin() throws IOException {
        byte[] input = "line one\nline two\n".getBytes(StandardCharsets.UTF_8);
        assertThat(host.run(List.of("cat"), input, TIMEOUT).stdout()).isEqualTo("line one\nline two\n");
    }

    @Test
    void bigOutputOnBothStreamsAndBigInputNeverDeadlock() throws IOException {
        // Each stream carries far more than a pipe buffer (64 KiB): a sequential reader would block.
        byte[] input = new byte[4 << 20];
        Arrays.fill(input, (byte) 'x');
        CommandResult result = host.run(List.of("sh", "-c",
                "head -c 3000000 /dev/zero | tr '\\0' e >&2; cat"), input, TIMEOUT);
        assertThat(result.stdout()).hasSize(4 << 20);
        assertThat(result.stderr()).hasSize(3_000_000);
        assertThat(result.stdout().chars().allMatch(c -> c == 'x')).isTrue();
    }

    @Test
    void aCommandThatIgnoresItsStdinStillFinishes() throws IOException {
        byte[] input = new byte[1 << 20];
        assertThat(host.run(List.of("true"), input, TIMEOUT).isSuccess()).isTrue();
    }

    @Test
    void runsInTheCLocale() throws IOException {
        assertThat(host.run(List.of("sh", "-c", "echo \"$LC_ALL/$LANG\""), TIMEOUT).stdout()).isEqualTo("C/C\n");
    }

    @Test
    void killsTheWholeProcessTreeOnTimeout() throws Exception {
        Path pidFile = dir.resolve("child.pid");
        // The child holds the output pipe open: a timeout must kill it too, not only sh.
        List<String> command = List.of("sh", "-c", "sleep 300 & echo $! > \"$1\"; wait", "sh", pidFile.toString());
        assertThatThrownBy(() -> host.run(command, Duration.ofSeconds(2)))
                .isInstanceOf(CommandTimeoutException.class)
                .hasMessage("'sh -c sleep 300 & echo $! > \"$1\"; wait sh " + pidFile
                        + "' did not finish within 2000 ms and was killed");
        long childPid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> child = ProcessHandle.of(childPid);
        if (child.isPresent()) {
            child.get().onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(ProcessHandle.of(childPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
    }

    @Test
    void namesAMissingExecutable() {
        assertThatThrownBy(() -> host.run(List.of("bulwark-no-such-tool", "-x"), TIMEOUT))
                .isInstanceOf(CommandNotFoundException.class)
                .hasMessageStartingWith("bulwark-no-such-tool: command not found (not on PATH=")
                .satisfies(e -> assertThat(((CommandNotFoundException) e).program()).isEqualTo("bulwark-no-such-tool"));
        assertThatThrownBy(() -> host.run(List.of("/nonexistent/bin/tool"), TIMEOUT))
                .isInstanceOf(CommandNotFoundException.class)
                .hasMessage("/nonexistent/bin/tool: command not found (no such file)");
    }

    @Test
    void rejectsCommandsNoProcessCanRun() {
        assertThatThrownBy(() -> host.run(List.of(), TIMEOUT)).hasMessage("empty command");
        assertThatThrownBy(() -> host.run(List.of("echo", "a\0b"), TIMEOUT))
                .hasMessage("argument 1 of echo contains a NUL character, which no command line can carry");
        assertThatThrownBy(() -> host.run(List.of("true"), Duration.ZERO)).hasMessage("timeout PT0S is not positive");
    }

    @Test
    void readsWritesAndChecksFiles() throws IOException {
        Path file = dir.resolve("sub.conf");
        assertThat(host.exists(file)).isFalse();
        assertThatThrownBy(() -> host.readFile(file)).isInstanceOf(NoSuchFileException.class);
        host.writeFile(file, "héllo\n".getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
        assertThat(host.exists(file)).isTrue();
        assertThat(host.readString(file)).isEqualTo("héllo\n");
        assertThat(host.readFile(file)).hasSize(7);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void isNamedByTheKernelHostName() throws IOException {
        assertThat(host.name()).isNotBlank().doesNotContain(" ");
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(kernel)) {
            assertThat(host.name()).isEqualTo(Files.readString(kernel).strip());
        }
        assertThat(host).hasToString("LocalHost[" + host.name() + "]");
    }

    @Test
    void aCommandPrintingPastTheOutputLimitIsKilledAtOnceWithATypedError() throws Exception {
        Path pidFile = dir.resolve("pid");
        LocalHost limited = LocalHost.create().withOutputLimit(1024 * 1024);
        // The timeout is far beyond the test's run: only the limit can end the command.
        assertThatThrownBy(() -> limited.run(List.of("sh", "-c", "echo $$ > \"$0\"; exec yes", pidFile.toString()),
                Duration.ofDays(1)))
                .isInstanceOf(CommandOutputTooLargeException.class)
                .hasMessage("'sh -c echo $$ > \"$0\"; exec yes " + pidFile + "' wrote more than 1048576 bytes to stdout"
                        + " and was killed (raise the output limit if that much is expected)")
                .satisfies(e -> assertThat(((CommandOutputTooLargeException) e).stream()).isEqualTo("stdout"));
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        // Killed before the exception: the process ends without our help (a live one would fail the wait).
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isPresent()) {
            handle.get().onExit().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void stderrHasTheSameLimit() {
        LocalHost limited = LocalHost.create().withOutputLimit(4096);
        assertThatThrownBy(() -> limited.run(List.of("sh", "-c", "head -c 5000 /dev/zero >&2"), Duration.ofDays(1)))
                .isInstanceOf(CommandOutputTooLargeException.class)
                .hasMessageContaining("wrote more than 4096 bytes to stderr");
    }

    @Test
    void outputUpToTheLimitIsKeptInFull() throws IOException {
        LocalHost limited = LocalHost.create().withOutputLimit(5000);
        assertThat(limited.run(List.of("sh", "-c", "head -c 5000 /dev/zero | tr '\\0' x"), TIMEOUT).stdout())
                .hasSize(5000);
        assertThat(LocalHost.create().outputLimit()).isEqualTo(64L * 1024 * 1024);
    }
}
