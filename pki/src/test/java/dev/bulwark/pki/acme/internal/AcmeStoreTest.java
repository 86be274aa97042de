package dev.bulwark.pki.acme.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The versioned object files: the last complete version wins, and what a crash leaves is skipped, never read. */
class AcmeStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @TempDir
    Path dir;

    private AcmeStore store;
    private OrderRecord order;
    private Path file;

    @BeforeEach
    void createAnAccountAndAnOrder() throws IOException {
        store = AcmeStore.open(dir);
        store.putAccount(new AccountRecord("acct1", "valid", "{}", "thumb", List.of(), Optional.empty(), NOW));
        order = new OrderRecord(OrderRecord.newId(NOW, new SecureRandom()), "acct1", "pending",
                List.of(new Identifier("dns", "a.example")), List.of("authz1"), NOW.plusSeconds(3600), Optional.empty(),
                Optional.empty(), Optional.empty(), NOW);
        store.putOrder(order);
        file = dir.resolve("acme/accounts/acct1/orders/" + order.id() + ".json");
    }

    @Test
    void anUpdateAppendsAVersionAndTheLastOneIsRead() throws IOException {
        store.putOrder(order.valid("0A1B"));
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(store.order("acct1", order.id())).map(OrderRecord::status).contains("valid");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void anAppendCutShortIsSkippedByReadersAndKeptApartByTheNextWrite() throws IOException {
        Files.writeString(file, "{\"id\":\"" + order.id() + "\",\"status\":\"val", StandardOpenOption.APPEND);
        assertThat(store.order("acct1", order.id())).map(OrderRecord::status).contains("pending");

        store.putOrder(order.valid("0A1B"));
        assertThat(store.order("acct1", order.id())).map(OrderRecord::status).contains("valid");
        assertThat(Files.readAllLines(file)).hasSize(3);
    }

    @Test
    void aCompleteVersionThatDoesNotParseIsSkipped() throws IOException {
        // a crash before the fsync returned can leave the line feed on disk but not all bytes before it
        Files.write(file, new byte[] {'{', 0, 0, 0, '\n'}, StandardOpenOption.APPEND);
        assertThat(store.order("acct1", order.id())).map(OrderRecord::status).contains("pending");
    }

    @Test
    void aFileWithoutAnyVersionThatParsesIsRefusedNotReadAsMissing() throws IOException {
        Files.writeString(file, "not json\n{also not\n");
        assertThatThrownBy(() -> store.order("acct1", order.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no version that parses");
    }

    @Test
    void aFileWrittenWholeBeforeVersionsIsReadAndThenUpdated() throws IOException {
        String whole = Files.readAllLines(file).get(0);
        Files.writeString(file, whole);   // the earlier layout: one object, no line feed
        assertThat(store.order("acct1", order.id())).map(OrderRecord::id).contains(order.id());

        store.putOrder(order.valid("0A1B"));
        assertThat(store.order("acct1", order.id())).map(OrderRecord::status).contains("valid");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith(whole + "\n");
    }

    @Test
    void aVersionAnotherStoreObjectAppendedIsReadNotTheOneKeptFromBefore() throws IOException {
        assertThat(store.order("acct1", order.id())).map(OrderRecord::status).contains("pending");
        // another process on the store: its own store object, its own cache
        AcmeStore other = AcmeStore.open(dir);
        other.putOrder(order.valid("0A1B"));
        assertThat(store.order("acct1", order.id())).map(OrderRecord::status).contains("valid");
        assertThat(other.order("acct1", order.id())).map(OrderRecord::serial).contains(Optional.of("0A1B"));
    }
}
