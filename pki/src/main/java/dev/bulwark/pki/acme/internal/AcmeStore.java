package dev.bulwark.pki.acme.internal;

import dev.bulwark.core.io.FileMode;
import dev.bulwark.core.io.SafeFiles;
import dev.bulwark.pki.internal.UncheckedIo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The ACME server's durable state inside a CA store directory, one small file per object:
 *
 * <pre>
 * DIR/acme/                     0700
 *   .lock                       striped lock regions ({@link StripedLock})
 *   accounts/ACCT/account.json  an account
 *   accounts/ACCT/orders/DAY/ID.json   an order, filed by the UTC day (YYYY-MM-DD) its id carries
 *   accounts/ACCT/orders/ID.json       an order stored before orders were filed by day
 *   accounts/ACCT/authz/ID.json
 *   keys/THUMBPRINT             the account that holds the key with this RFC 7638 thumbprint
 *   eab/KID                     the account an external account key was bound to
 *   certs/SERIAL                ACCT/ORDER that a certificate was issued for
 *   nonce-epoch                 the number of the last server instance started on the store ({@link Nonces})
 * </pre>
 *
 * An account, order or authorization file holds one JSON object per line, each a version of the
 * object; the last complete line is the current one. An update appends a line and fsyncs the file
 * ({@link SafeFiles#appendLine}): no temporary file, rename or directory sync, which on ext4 cost
 * more than the write itself (a new inode per update). A crash mid-append leaves an unterminated
 * line, which readers skip, or a complete line that does not parse, which readers also skip (an
 * append the writer never saw synced); the version before it is then current. A file written
 * before this layout holds one JSON object without a line feed and is read as that object. The
 * small files that never change ({@code keys/}, {@code eab/}, {@code certs/}) are written whole
 * through {@link SafeFiles#writeString}.
 *
 * <p>Every read stats the object's file, so two server processes on one store see each other's
 * changes; the object is parsed again only when the file changed (its file key or size,
 * {@link #current}). Read-modify-write (and so every append) runs under the lock of the object's
 * key. Not API.
 */
public final class AcmeStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AcmeStore.class);

    /** Identifiers this store makes: base64url, so that a path segment from a URL can never escape. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,86}");
    /** The name of a directory of one day's orders. */
    private static final Pattern DAY = Pattern.compile("[0-9]{4,5}-[0-9]{2}-[0-9]{2}");
    private static final String JSON = ".json";

    /** The largest object (one version) read back. */
    private static final int MAX_OBJECT = 1 << 20;
    /** Objects kept read ({@link #current}); all are dropped when it is full. */
    private static final int CACHE_CAPACITY = 20_000;

    private final java.util.concurrent.ConcurrentMap<Path, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();
    private final Path root;
    private final StripedLock lock;

    private AcmeStore(Path root) {
        this.root = root;
        this.lock = new StripedLock(root.resolve(".lock"));
    }

    /** Opens (creating when needed) the ACME state under the CA store directory. */
    public static AcmeStore open(Path caStoreDirectory) throws IOException {
        Path root = caStoreDirectory.resolve("acme");
        SafeFiles.createDirectories(root, FileMode.PRIVATE_DIRECTORY);
        for (String sub : List.of("accounts", "keys", "eab", "certs")) {
            SafeFiles.createDirectories(root.resolve(sub), FileMode.PRIVATE_DIRECTORY);
        }
        return new AcmeStore(root);
    }

    /** Whether this text can be an identifier this store made. */
    public static boolean isId(String text) {
        return ID.matcher(text).matches();
    }

    public <T> T locked(Collection<String> keys, Supplier<T> action) {
        return lock.locked(keys, action);
    }

    public <T> T locked(String key, Supplier<T> action) {
        return lock.locked(key, action);
    }

    // accounts

    public Optional<AccountRecord> account(String id) {
        return isId(id) ? current(accountDir(id).resolve("account.json"), AccountRecord::fromStored) : Optional.empty();
    }

    public void putAccount(AccountRecord account) {
        Path dir = accountDir(account.id());
        UncheckedIo.run(() -> {
            SafeFiles.createDirectories(dir.resolve("orders"), FileMode.PRIVATE_DIRECTORY);
            SafeFiles.createDirectories(dir.resolve("authz"), FileMode.PRIVATE_DIRECTORY);
            return null;
        });
        append(dir.resolve("account.json"), Json.render(account.toStored()));
    }

    public Optional<String> accountByKey(String thumbprint) {
        return isId(thumbprint) ? readText(root.resolve("keys").resolve(thumbprint)) : Optional.empty();
    }

    public void putKey(String thumbprint, String accountId) {
        write(root.resolve("keys").resolve(thumbprint), accountId);
    }

    public void removeKey(String thumbprint) {
        UncheckedIo.run(() -> Files.deleteIfExists(root.resolve("keys").resolve(thumbprint)));
    }

    public Optional<String> accountByEab(String kid) {
        return readText(root.resolve("eab").resolve(fileName(kid)));
    }

    public void putEab(String kid, String accountId) {
        write(root.resolve("eab").resolve(fileName(kid)), accountId);
    }

    // orders and authorizations

    public Optional<OrderRecord> order(String accountId, String id) {
        if (!isId(accountId) || !isId(id)) {
            return Optional.empty();
        }
        Optional<Path> dated = datedOrderFile(accountId, id);
        Optional<OrderRecord> found = dated.isPresent() ? current(dated.get(), OrderRecord::fromStored) : Optional.empty();
        return found.isPresent() ? found : current(undatedOrderFile(accountId, id), OrderRecord::fromStored);
    }

    /**
     * Appends the order's new version to its file: the one it has (an order stored before orders
     * were filed by day stays where it is), or for a new order, in the directory of the day its id
     * carries, created when it is the day's first.
     */
    public void putOrder(OrderRecord order) {
        Optional<Path> dated = datedOrderFile(order.accountId(), order.id());
        Path file = dated.orElseGet(() -> undatedOrderFile(order.accountId(), order.id()));
        if (dated.isPresent() && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            Path undated = undatedOrderFile(order.accountId(), order.id());
            if (Files.exists(undated, LinkOption.NOFOLLOW_LINKS)) {
                file = undated;
            } else if (!Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                Path day = file.getParent();
                UncheckedIo.run(() -> SafeFiles.createDirectory(day, FileMode.PRIVATE_DIRECTORY));
            }
        }
        append(file, Json.render(order.toStored()));
    }

    /**
     * The ids of the account's orders that may have been created at {@code since} or later: those
     * in the directories of that day and after, and every order stored before orders were filed by
     * day (whose creation time the caller reads). Listing the days in question, not the account's
     * whole history, keeps counting recent orders (the rate limit) as cheap for an account with a
     * million orders as for a new one.
     */
    public List<String> orderIds(String accountId, Instant since) {
        List<String> ids = new ArrayList<>();
        if (!isId(accountId)) {
            return ids;
        }
        LocalDate firstDay = LocalDate.ofInstant(since, ZoneOffset.UTC);
        Path orders = accountDir(accountId).resolve("orders");
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(orders)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                String id = idOf(name);
                if (id != null) {
                    ids.add(id);
                } else if (day(name).filter(d -> !d.isBefore(firstDay)).isPresent()) {
                    addIds(entry, ids);
                }
            }
        } catch (NoSuchFileException e) {
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ids.sort(null);
        return ids;
    }

    /** The ids of the account's authorizations (a directory listing). */
    public List<String> authzIds(String accountId) {
        List<String> ids = new ArrayList<>();
        if (isId(accountId)) {
            addIds(accountDir(accountId).resolve("authz"), ids);
            ids.sort(null);
        }
        return ids;
    }

    /** Adds the ids of the {@code ID.json} files in a directory (none when it is missing). */
    private static void addIds(Path directory, List<String> ids) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                String id = idOf(file.getFileName().toString());
                if (id != null) {
                    ids.add(id);
                }
            }
        } catch (NoSuchFileException e) {
            // no such directory: no ids
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id an {@code ID.json} file is named after, or null for any other name. */
    private static String idOf(String fileName) {
        return fileName.endsWith(JSON) ? fileName.substring(0, fileName.length() - JSON.length()) : null;
    }

    /** {@code orders/YYYY-MM-DD/ID.json}, the UTC day the id carries ({@link OrderRecord#newId}); empty for ids without one. */
    private Optional<Path> datedOrderFile(String accountId, String id) {
        return OrderRecord.createdFromId(id).map(created -> accountDir(accountId).resolve("orders")
                .resolve(LocalDate.ofInstant(created, ZoneOffset.UTC).toString()).resolve(id + JSON));
    }

    /** {@code orders/ID.json}, where orders were stored before they were filed by day. */
    private Path undatedOrderFile(String accountId, String id) {
        return accountDir(accountId).resolve("orders").resolve(id + JSON);
    }

    /** The day a directory of orders is named after, or empty for any other name. */
    private static Optional<LocalDate> day(String name) {
        if (!DAY.matcher(name).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(name));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Optional<AuthzRecord> authz(String accountId, String id) {
        return isId(accountId) && isId(id)
                ? current(authzFile(accountId, id), AuthzRecord::fromStored)
                : Optional.empty();
    }

    /** How long ago the authorization's file was last written (wall clock); zero when it is missing. */
    public java.time.Duration authzAge(String accountId, String id) {
        Path file = authzFile(accountId, id);
        try {
            long modified = Files.getLastModifiedTime(file).toMillis();
            return java.time.Duration.ofMillis(Math.max(0, System.currentTimeMillis() - modified));
        } catch (IOException e) {
            return java.time.Duration.ZERO;
        }
    }

    public void putAuthz(AuthzRecord authz) {
        append(authzFile(authz.accountId(), authz.id()), Json.render(authz.toStored()));
    }

    private Path authzFile(String accountId, String id) {
        return accountDir(accountId).resolve("authz").resolve(id + JSON);
    }

    // certificates

    /** {@code ACCT/ORDER} of the order a certificate (upper-case hex serial) was issued for. */
    public Optional<String> certificateOwner(String serialHex) {
        return serialHex.matches("[0-9A-F]{2,42}") ? readText(root.resolve("certs").resolve(serialHex)) : Optional.empty();
    }

    public void putCertificateOwner(String serialHex, String accountId, String orderId) {
        write(root.resolve("certs").resolve(serialHex), accountId + "/" + orderId);
    }

    // nonces

    /**
     * The number of a server instance starting now: one more than the last one handed out on this
     * store, by any process (read, incremented and written under the store's lock).
     */
    public long nextNonceEpoch() {
        Path file = root.resolve("nonce-epoch");
        return locked("nonce-epoch", () -> {
            long last = readText(file).map(String::strip).map(text -> {
                if (!text.matches("[0-9]{1,18}")) {
                    throw new IllegalStateException(file + " does not hold a number; remove it only when no server runs on the store");
                }
                return Long.parseLong(text);
            }).orElse(0L);
            write(file, Long.toString(last + 1));
            return last + 1;
        });
    }

    private Path accountDir(String id) {
        return root.resolve("accounts").resolve(id);
    }

    /** An external account key id as a file name: hex of its UTF-8 bytes (any text is safe). */
    private static String fileName(String kid) {
        StringBuilder out = new StringBuilder();
        for (byte b : kid.getBytes(StandardCharsets.UTF_8)) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }

    /**
     * The current version of an object, from the cache when the file is the one read last time (same
     * file key, same size): object files are only ever appended to (never truncated, replaced or
     * deleted), so a file key and a size name one content. Every call stats the file, so a version
     * another process appended is always seen.
     */
    private <T> Optional<T> current(Path file, Function<Map<String, Object>, T> fromStored) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Cached known = cache.get(file);
        if (known != null && attributes.fileKey() != null && known.fileKey().equals(attributes.fileKey())
                && known.size() == attributes.size()) {
            @SuppressWarnings("unchecked")
            T value = (T) known.value();
            return Optional.of(value);
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Optional<T> value = readVersioned(new String(content, StandardCharsets.UTF_8), file).map(fromStored);
        if (value.isPresent() && attributes.fileKey() != null) {
            if (cache.size() >= CACHE_CAPACITY) {
                cache.clear();
            }
            // the content read is the file's first content.length bytes, which never change
            cache.put(file, new Cached(attributes.fileKey(), content.length, value.get()));
        }
        return value;
    }

    /** An object as read from a file of this key and size. */
    private record Cached(Object fileKey, long size, Object value) {
    }

    /**
     * The current version in a file of JSON lines: the last complete line that parses. An
     * unterminated last line is an append in progress or cut short, and a complete line that does
     * not parse can only be an append whose writer crashed before its fsync returned (an append
     * that returned was synced, and lines are never rewritten): both are skipped. A file without any
     * line feed is one JSON object written before this layout (or a first version being written,
     * which reads as missing while it does not parse yet).
     */
    static Optional<Map<String, Object>> readVersioned(String text, Path file) {
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            try {
                return text.isEmpty() ? Optional.empty() : Optional.of(Json.parse(text, file.toString(), MAX_OBJECT));
            } catch (Problem e) {
                return Optional.empty();
            }
        }
        while (end > 0) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            try {
                return Optional.of(Json.parse(text.substring(start, end), file.toString(), MAX_OBJECT));
            } catch (Problem e) {
                LOG.warn("{}: skipping a version that does not parse (an append cut short by a crash)", file);
            }
            end = start - 1;
        }
        throw new IllegalStateException(file + " holds no version that parses");
    }

    private static Optional<String> readText(Path file) {
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void append(Path file, String json) {
        UncheckedIo.run(() -> {
            SafeFiles.appendLine(file, json.getBytes(StandardCharsets.UTF_8), FileMode.SECRET);
            return null;
        });
    }

    private static void write(Path file, String text) {
        UncheckedIo.run(() -> {
            SafeFiles.writeString(file, text, FileMode.SECRET);
            return null;
        });
    }
}
