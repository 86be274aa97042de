package dev.bulwark.ssh.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.core.ValidationException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncludeRootTest {

    @Test
    void sshdsRulePrefixesRelativePathsWithEtcSshAndKeepsAbsoluteOnes() {
        IncludeRoot sshd = IncludeRoot.sshd();
        assertThat(sshd.resolve("sshd_config.d/*.conf")).isEqualTo("/etc/ssh/sshd_config.d/*.conf");
        assertThat(sshd.resolve("/srv/ssh/*.conf")).isEqualTo("/srv/ssh/*.conf");
        assertThat(IncludeRoot.directory(Path.of("/srv/copy")).resolve("a.conf")).isEqualTo("/srv/copy/a.conf");
        assertThat(IncludeRoot.directory(Path.of("/")).resolve("a.conf")).isEqualTo("/a.conf");
    }

    @Test
    void aTildePathHasNoFixedPlaceAndIsNeverResolvedByGuess() {
        assertThat(IncludeRoot.readsFromWorkingDirectory("~/x.conf")).isTrue();
        assertThat(IncludeRoot.readsFromWorkingDirectory("~root/x.conf")).isTrue();
        assertThat(IncludeRoot.readsFromWorkingDirectory("x/~.conf")).isFalse();
        assertThatThrownBy(() -> IncludeRoot.sshd().resolve("~/x.conf")).isInstanceOf(ValidationException.class)
                .hasMessage("Include ~/x.conf is read relative to sshd's working directory (sshd does not expand '~');"
                        + " it has no fixed path");
        assertThatThrownBy(() -> IncludeRoot.image(Path.of("/mnt/img")).resolve("~/x.conf"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void anImageReRootsAbsolutePathsAndNothingEscapesIt() {
        IncludeRoot image = IncludeRoot.image(Path.of("/mnt/img"));
        assertThat(image.configDirectory()).isEqualTo(Path.of("/mnt/img/etc/ssh"));
        assertThat(image.resolve("sshd_config.d/*.conf")).isEqualTo("/mnt/img/etc/ssh/sshd_config.d/*.conf");
        assertThat(image.resolve("/etc/ssh/extra.conf")).isEqualTo("/mnt/img/etc/ssh/extra.conf");
        assertThat(image.resolve("/../../etc/shadow")).isEqualTo("/mnt/img/etc/shadow");
        assertThat(image.resolve("../../../../etc/shadow")).isEqualTo("/mnt/img/etc/shadow");
        assertThat(image.resolve("/..")).isEqualTo("/mnt/img");
    }

    @Test
    void refusesRelativeDirectoriesAndADirectoryOutsideTheSysroot() {
        assertThatThrownBy(() -> new IncludeRoot(Path.of("etc/ssh"), Optional.empty()))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Include configuration directory must be absolute: etc/ssh");
        assertThatThrownBy(() -> new IncludeRoot(Path.of("/etc/ssh"), Optional.of(Path.of("/mnt/img"))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("Include sysroot must be absolute and hold the configuration directory: /mnt/img, /etc/ssh");
    }

    @Test
    void parsedTextFollowsNoIncludesAndHasNoRoot() {
        assertThat(SshdConfig.parse("Include a.conf\n").includeRoot()).isEmpty();
        assertThat(SshdConfig.parse("Include a.conf\n").files()).hasSize(1);
    }
}
