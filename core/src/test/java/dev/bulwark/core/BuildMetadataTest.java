package dev.bulwark.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The build's packaging for consumers: {@code bulwark-bom} manages every module of the reactor
 * (but the benchmarks) at the project version, and the parent and the BOM carry Maven Central's
 * required metadata. Reads the POMs beside this module (surefire runs in the module directory);
 * the module's JPMS descriptor does not read java.xml, so the POMs, which this project writes one
 * element a line, are read with patterns.
 */
class BuildMetadataTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>\\s*</dependency>");

    @Test
    void theBomManagesEveryModuleAtTheProjectVersion() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        String bom = Files.readString(ROOT.resolve("bom/pom.xml"));
        List<String> expected = new ArrayList<>();
        Matcher m = MODULE.matcher(parent);
        while (m.find()) {
            String module = m.group(1);
            if (!module.equals("bom") && !module.equals("benchmarks")) {
                expected.add(ownArtifactId(Files.readString(ROOT.resolve(module).resolve("pom.xml"))));
            }
        }
        List<String> listed = new ArrayList<>();
        Matcher d = DEPENDENCY.matcher(bom);
        while (d.find()) {
            assertThat(d.group(1)).isEqualTo("dev.bulwark");
            assertThat(d.group(3)).isEqualTo("${project.version}");
            listed.add(d.group(2));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected).contains("bulwark-core", "bulwark-firewall");
        assertThat(ownVersion(bom)).isEqualTo(ownVersion(parent.substring(parent.indexOf("<artifactId>bulwark-parent"))));
        assertThat(bom).contains("<artifactId>bulwark-bom</artifactId>", "<packaging>pom</packaging>").doesNotContain("<parent>");
    }

    @Test
    void theParentAndTheBomCarryCentralMetadata() throws IOException {
        for (String pom : List.of("pom.xml", "bom/pom.xml")) {
            String text = Files.readString(ROOT.resolve(pom));
            assertThat(text).as(pom).containsPattern("<name>[^<]+</name>").containsPattern("<description>[^<]+</description>")
                    .containsPattern("<url>https://[^<]+</url>")
                    .containsPattern("<license>\\s*<name>Apache-2.0</name>")
                    .containsPattern("<developer>\\s*<name>Bulwark developers</name>")
                    .containsPattern("<scm[^>]*>\\s*<connection>scm:git:[^<]+</connection>");
        }
        assertThat(Files.readString(ROOT.resolve("LICENSE"))).contains("Apache License", "Version 2.0, January 2004");
    }

    /** The artifactId after the parent block (the module's own). */
    private static String ownArtifactId(String pom) {
        int from = pom.contains("</parent>") ? pom.indexOf("</parent>") : 0;
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(pom);
        assertThat(m.find(from)).isTrue();
        return m.group(1);
    }

    private static String ownVersion(String pomFromArtifactId) {
        Matcher m = Pattern.compile("<version>([^<]+)</version>").matcher(pomFromArtifactId);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
