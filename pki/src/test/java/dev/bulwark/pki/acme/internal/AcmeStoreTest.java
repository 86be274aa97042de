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
import java.time.Duration;
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
        file = dir.resolve("acme/accounts/acct1/orders/2026-12-06/" + order.id() + ".json");
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

    @Test
    void orderIdsListsTheDaysAskedForAndEveryOrderStoredBeforeOrdersWereFiledByDay() throws IOException {
        OrderRecord threeDaysAgo = orderCreatedAt(NOW.minus(Duration.ofDays(3)));
        OrderRecord yesterday = orderCreatedAt(NOW.minus(Duration.ofDays(1)));
        store.putOrder(threeDaysAgo);
        store.putOrder(yesterday);
        assertThat(dir.resolve("acme/accounts/acct1/orders/2026-12-03/" + threeDaysAgo.id() + ".json")).exists();
        // two orders of the layout before: one with a dated id, one with an id that carries no time
        OrderRecord undated = orderCreatedAt(NOW.minus(Duration.ofDays(30)));
        Path orders = dir.resolve("acme/accounts/acct1/orders");
        Files.writeString(orders.resolve(undated.id() + ".json"), Json.render(undated.toStored()));
        Files.writeString(orders.resolve("older-id.json"), "{}");

        assertThat(store.orderIds("acct1", NOW.minus(Duration.ofHours(30))))
                .containsExactlyInAnyOrder(order.id(), yesterday.id(), undated.id(), "older-id");
        assertThat(store.orderIds("acct1", NOW.minus(Duration.ofDays(5)))).contains(threeDaysAgo.id());
    }

    @Test
    void anOrderStoredBeforeOrdersWereFiledByDayIsReadAndUpdatedWhereItIs() throws IOException {
        OrderRecord old = orderCreatedAt(NOW.minus(Duration.ofDays(2)));
        Path undated = dir.resolve("acme/accounts/acct1/orders/" + old.id() + ".json");
        Files.writeString(undated, Json.render(old.toStored()));
        assertThat(store.order("acct1", old.id())).map(OrderRecord::status).contains("pending");

        store.putOrder(old.valid("0C"));
        assertThat(store.order("acct1", old.id())).map(OrderRecord::status).contains("valid");
        assertThat(Files.readAllLines(undated)).hasSize(2);
        assertThat(dir.resolve("acme/accounts/acct1/orders/2026-12-04")).doesNotExist();
    }

    private static OrderRecord orderCreatedAt(Instant created) {
        return new OrderRecord(OrderRecord.newId(created, new SecureRandom()), "acct1", "pending",
                List.of(new Identifier("dns", "b.example")), List.of("authz2"), created.plusSeconds(3600), Optional.empty(),
                Optional.empty(), Optional.empty(), created);
    }
}
