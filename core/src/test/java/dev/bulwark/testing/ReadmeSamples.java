package dev.bulwark.testing;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps README code samples honest: extracts the {@code ```java} blocks of a Markdown file and
 * compiles each with the real {@code javac} into a class whose {@code run(Path dir)} holds the
 * block, then runs it. A block sees {@code dir}, a fresh directory of its own.
 */
public final class ReadmeSamples {

    private static final Pattern ALL = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CHECKED = Pattern.compile("<!-- checked -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    private ReadmeSamples() {
    }

    /** Every {@code ```java} block of {@code markdown}, in order. */
    public static List<String> javaBlocks(Path markdown) throws IOException {
        return blocks(markdown, ALL);
    }

    /** The {@code ```java} blocks right after a {@code <!-- checked -->} comment. */
    public static List<String> checkedJavaBlocks(Path markdown) throws IOException {
        return blocks(markdown, CHECKED);
    }

    private static List<String> blocks(Path markdown, Pattern pattern) throws IOException {
        List<String> samples = new ArrayList<>();
        Matcher matcher = pattern.matcher(Files.readString(markdown));
        while (matcher.find()) {
            samples.add(matcher.group(1));
        }
        return samples;
    }

    /** The class path entries (jar or classes directory) that hold {@code anchors}, without duplicates. */
    public static List<Path> locations(Class<?>... anchors) {
        Set<Path> paths = new LinkedHashSet<>();
        for (Class<?> anchor : anchors) {
            try {
                paths.add(Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(paths);
    }

    /**
     * Compiles {@code body} as the method {@code public static void run(Path dir) throws Exception}
     * of class {@code className} (with {@code imports} above it) against {@code classpath}, then runs
     * it with {@code dir} in a class loader whose parent is {@code parent}.
     *
     * @throws AssertionError when javac fails (its output in the message)
     * @throws Exception      whatever the sample throws
     */
    public static void compileAndRun(Path work, String className, String imports, String body, List<Path> classpath,
            ClassLoader parent, Path dir) throws Exception {
        Path source = work.resolve(className + ".java");
        Files.writeString(source, imports + "\npublic class " + className + " {\n"
                + "    public static void run(Path dir) throws Exception {\n" + body + "\n    }\n}\n");
        Path classes = Files.createDirectories(work.resolve("classes-" + className));
        List<String> javac = List.of(Tools.path("javac"), "--release", "17", "-proc:none", "-d", classes.toString(),
                "-cp", classpath.stream().map(Path::toString).collect(Collectors.joining(":")), source.toString());
        Process p = new ProcessBuilder(javac).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(className + " (a README sample) does not compile:\n" + output);
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, parent)) {
            Method run = loader.loadClass(className).getMethod("run", Path.class);
            try {
                run.invoke(null, dir);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
            }
        }
    }
}
