package dev.bulwark.ssh.config;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every keyword OpenSSH 9.2p1's sshd (Debian 12 build) accepts, with how repeated occurrences
 * combine ({@link Multiplicity}), whether it may appear inside a {@code Match} block, how many
 * arguments it takes, and its compiled default in the form {@code sshd -T} prints it.
 *
 * <p>Multi-argument keywords such as {@code AuthorizedKeysFile}, {@code SetEnv} (duplicate names
 * inside the line: first wins), {@code PermitOpen}, {@code AuthenticationMethods} and
 * {@code ChannelTimeout} are first-wins as a whole line; {@code RekeyLimit} is two first-wins
 * options (bytes, interval).
 *
 * <p>This table is the one place where the accumulating keywords are listed. Keywords are
 * matched case-insensitively; the aliases sshd knows ({@code ChallengeResponseAuthentication},
 * {@code HostDSAKey}, {@code KeepAlive} …) map to the keyword they share an option with, so
 * first-wins applies across alias spellings as it does in sshd. Each claim was checked against
 * the installed {@code /usr/sbin/sshd} (see {@code SshdKeywordInteropTest}).
 */
public enum SshdKeyword {
    USE_PAM("UsePAM", Multiplicity.FIRST_WINS, false, Kind.FLAG, "no"),
    PAM_AUTHENTICATION_VIA_KBD_INT("PAMAuthenticationViaKbdInt", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    PORT("Port", Multiplicity.ACCUMULATES, false, Kind.INT, "22"),
    HOST_KEY("HostKey", Multiplicity.ACCUMULATES, false, Kind.TEXT,
            "/etc/ssh/ssh_host_rsa_key\n/etc/ssh/ssh_host_ecdsa_key\n/etc/ssh/ssh_host_ed25519_key"),
    HOST_KEY_AGENT("HostKeyAgent", Multiplicity.FIRST_WINS, false, Kind.TEXT, "none"),
    PID_FILE("PidFile", Multiplicity.FIRST_WINS, false, Kind.TEXT, "/run/sshd.pid"),
    MODULI_FILE("ModuliFile", Multiplicity.FIRST_WINS, false, Kind.TEXT, "/etc/ssh/moduli"),
    SERVER_KEY_BITS("ServerKeyBits", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    LOGIN_GRACE_TIME("LoginGraceTime", Multiplicity.FIRST_WINS, false, Kind.TIME, "120"),
    KEY_REGENERATION_INTERVAL("KeyRegenerationInterval", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    PERMIT_ROOT_LOGIN("PermitRootLogin", Multiplicity.FIRST_WINS, true, Kind.CHOICE, "without-password"),
    SYSLOG_FACILITY("SyslogFacility", Multiplicity.FIRST_WINS, false, Kind.UPPER, "AUTH"),
    LOG_LEVEL("LogLevel", Multiplicity.FIRST_WINS, true, Kind.UPPER, "INFO"),
    LOG_VERBOSE("LogVerbose", Multiplicity.FIRST_WINS, true, Kind.LIST, null),
    RHOSTS_AUTHENTICATION("RhostsAuthentication", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    RHOSTS_RSA_AUTHENTICATION("RhostsRSAAuthentication", Multiplicity.DEPRECATED, true, Kind.TEXT, null),
    HOSTBASED_AUTHENTICATION("HostbasedAuthentication", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    HOSTBASED_USES_NAME_FROM_PACKET_ONLY("HostbasedUsesNameFromPacketOnly", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    HOSTBASED_ACCEPTED_ALGORITHMS("HostbasedAcceptedAlgorithms", Multiplicity.FIRST_WINS, true, Kind.ALGORITHMS, Algorithms.PUBKEY),
    HOST_KEY_ALGORITHMS("HostKeyAlgorithms", Multiplicity.FIRST_WINS, false, Kind.ALGORITHMS, Algorithms.PUBKEY),
    RSA_AUTHENTICATION("RSAAuthentication", Multiplicity.DEPRECATED, true, Kind.TEXT, null),
    PUBKEY_AUTHENTICATION("PubkeyAuthentication", Multiplicity.FIRST_WINS, true, Kind.FLAG, "yes"),
    PUBKEY_ACCEPTED_ALGORITHMS("PubkeyAcceptedAlgorithms", Multiplicity.FIRST_WINS, true, Kind.ALGORITHMS, Algorithms.PUBKEY),
    PUBKEY_AUTH_OPTIONS("PubkeyAuthOptions", Multiplicity.FIRST_WINS, true, Kind.LIST, "none"),
    KERBEROS_AUTHENTICATION("KerberosAuthentication", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    KERBEROS_OR_LOCAL_PASSWD("KerberosOrLocalPasswd", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    KERBEROS_TICKET_CLEANUP("KerberosTicketCleanup", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    KERBEROS_GET_AFS_TOKEN("KerberosGetAFSToken", Multiplicity.UNSUPPORTED, false, Kind.TEXT, null),
    KERBEROS_TGT_PASSING("KerberosTgtPassing", Multiplicity.UNSUPPORTED, false, Kind.TEXT, null),
    AFS_TOKEN_PASSING("AFSTokenPassing", Multiplicity.UNSUPPORTED, false, Kind.TEXT, null),
    GSSAPI_AUTHENTICATION("GSSAPIAuthentication", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    GSSAPI_CLEANUP_CREDENTIALS("GSSAPICleanupCredentials", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    GSSAPI_STRICT_ACCEPTOR_CHECK("GSSAPIStrictAcceptorCheck", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    GSSAPI_KEY_EXCHANGE("GSSAPIKeyExchange", Multiplicity.FIRST_WINS, false, Kind.FLAG, "no"),
    GSSAPI_STORE_CREDENTIALS_ON_REKEY("GSSAPIStoreCredentialsOnRekey", Multiplicity.FIRST_WINS, false, Kind.FLAG, "no"),
    GSSAPI_KEX_ALGORITHMS("GSSAPIKexAlgorithms", Multiplicity.FIRST_WINS, false, Kind.TEXT,
            "gss-group14-sha256-,gss-group16-sha512-,gss-nistp256-sha256-,gss-curve25519-sha256-,gss-group14-sha1-,gss-gex-sha1-"),
    GSS_USE_SESSION_CCACHE("GSSUseSessionCCache", Multiplicity.UNSUPPORTED, false, Kind.TEXT, null),
    GSSAPI_USE_SESSION_CRED_CACHE("GSSAPIUseSessionCredCache", Multiplicity.UNSUPPORTED, false, Kind.TEXT, null),
    PASSWORD_AUTHENTICATION("PasswordAuthentication", Multiplicity.FIRST_WINS, true, Kind.FLAG, "yes"),
    KBD_INTERACTIVE_AUTHENTICATION("KbdInteractiveAuthentication", Multiplicity.FIRST_WINS, true, Kind.FLAG, "yes"),
    CHECK_MAIL("CheckMail", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    LISTEN_ADDRESS("ListenAddress", Multiplicity.ACCUMULATES, false, Kind.TEXT, null),
    ADDRESS_FAMILY("AddressFamily", Multiplicity.FIRST_WINS, false, Kind.CHOICE, "any"),
    PRINT_MOTD("PrintMotd", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    PRINT_LAST_LOG("PrintLastLog", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    IGNORE_RHOSTS("IgnoreRhosts", Multiplicity.FIRST_WINS, true, Kind.CHOICE, "yes"),
    IGNORE_USER_KNOWN_HOSTS("IgnoreUserKnownHosts", Multiplicity.FIRST_WINS, false, Kind.FLAG, "no"),
    X11_FORWARDING("X11Forwarding", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    X11_DISPLAY_OFFSET("X11DisplayOffset", Multiplicity.FIRST_WINS, true, Kind.INT, "10"),
    X11_USE_LOCALHOST("X11UseLocalhost", Multiplicity.FIRST_WINS, true, Kind.FLAG, "yes"),
    XAUTH_LOCATION("XAuthLocation", Multiplicity.FIRST_WINS, false, Kind.TEXT, "/usr/bin/xauth"),
    STRICT_MODES("StrictModes", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    PERMIT_BLACKLISTED_KEYS("PermitBlacklistedKeys", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    PERMIT_EMPTY_PASSWORDS("PermitEmptyPasswords", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    PERMIT_USER_ENVIRONMENT("PermitUserEnvironment", Multiplicity.FIRST_WINS, false, Kind.TEXT, "no"),
    USE_LOGIN("UseLogin", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    COMPRESSION("Compression", Multiplicity.FIRST_WINS, false, Kind.CHOICE, "yes"),
    REKEY_LIMIT("RekeyLimit", Multiplicity.FIRST_WINS, true, Kind.TEXT, "0 0"),
    TCP_KEEP_ALIVE("TCPKeepAlive", Multiplicity.FIRST_WINS, false, Kind.FLAG, "yes"),
    ALLOW_TCP_FORWARDING("AllowTcpForwarding", Multiplicity.FIRST_WINS, true, Kind.CHOICE, "yes"),
    ALLOW_AGENT_FORWARDING("AllowAgentForwarding", Multiplicity.FIRST_WINS, true, Kind.FLAG, "yes"),
    ALLOW_USERS("AllowUsers", Multiplicity.ACCUMULATES, true, Kind.LIST, null),
    DENY_USERS("DenyUsers", Multiplicity.ACCUMULATES, true, Kind.LIST, null),
    ALLOW_GROUPS("AllowGroups", Multiplicity.ACCUMULATES, true, Kind.LIST, null),
    DENY_GROUPS("DenyGroups", Multiplicity.ACCUMULATES, true, Kind.LIST, null),
    CIPHERS("Ciphers", Multiplicity.FIRST_WINS, false, Kind.ALGORITHMS, Algorithms.CIPHERS),
    MACS("MACs", Multiplicity.FIRST_WINS, false, Kind.ALGORITHMS, Algorithms.MACS),
    PROTOCOL("Protocol", Multiplicity.IGNORED, false, Kind.TEXT, null),
    GATEWAY_PORTS("GatewayPorts", Multiplicity.FIRST_WINS, true, Kind.CHOICE, "no"),
    SUBSYSTEM("Subsystem", Multiplicity.UNIQUE_NAMES_FATAL, false, Kind.LINE, null),
    MAX_STARTUPS("MaxStartups", Multiplicity.LAST_WINS, false, Kind.TEXT, "10:30:100"),
    PER_SOURCE_MAX_STARTUPS("PerSourceMaxStartups", Multiplicity.LAST_WINS, false, Kind.TEXT, "none"),
    PER_SOURCE_NET_BLOCK_SIZE("PerSourceNetBlockSize", Multiplicity.LAST_WINS, false, Kind.TEXT, "32:128"),
    MAX_AUTH_TRIES("MaxAuthTries", Multiplicity.FIRST_WINS, true, Kind.INT, "6"),
    MAX_SESSIONS("MaxSessions", Multiplicity.FIRST_WINS, true, Kind.INT, "10"),
    BANNER("Banner", Multiplicity.FIRST_WINS, true, Kind.TEXT, "none"),
    USE_DNS("UseDNS", Multiplicity.FIRST_WINS, false, Kind.FLAG, "no"),
    VERIFY_REVERSE_MAPPING("VerifyReverseMapping", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    REVERSE_MAPPING_CHECK("ReverseMappingCheck", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    CLIENT_ALIVE_INTERVAL("ClientAliveInterval", Multiplicity.FIRST_WINS, true, Kind.TIME, "0"),
    CLIENT_ALIVE_COUNT_MAX("ClientAliveCountMax", Multiplicity.FIRST_WINS, true, Kind.INT, "3"),
    AUTHORIZED_KEYS_FILE("AuthorizedKeysFile", Multiplicity.FIRST_WINS, true, Kind.LIST, ".ssh/authorized_keys .ssh/authorized_keys2"),
    AUTHORIZED_KEYS_FILE2("AuthorizedKeysFile2", Multiplicity.DEPRECATED, true, Kind.TEXT, null),
    USE_PRIVILEGE_SEPARATION("UsePrivilegeSeparation", Multiplicity.DEPRECATED, false, Kind.TEXT, null),
    ACCEPT_ENV("AcceptEnv", Multiplicity.ACCUMULATES, true, Kind.LIST, null),
    SET_ENV("SetEnv", Multiplicity.FIRST_WINS, true, Kind.LIST, null),
    PERMIT_TUNNEL("PermitTunnel", Multiplicity.FIRST_WINS, true, Kind.CHOICE, "no"),
    PERMIT_TTY("PermitTTY", Multiplicity.FIRST_WINS, true, Kind.FLAG, "yes"),
    PERMIT_USER_RC("PermitUserRC", Multiplicity.FIRST_WINS, true, Kind.FLAG, "yes"),
    MATCH("Match", Multiplicity.STRUCTURE, true, Kind.LINE, null),
    PERMIT_OPEN("PermitOpen", Multiplicity.FIRST_WINS, true, Kind.LIST, "any"),
    PERMIT_LISTEN("PermitListen", Multiplicity.FIRST_WINS, true, Kind.LIST, "any"),
    FORCE_COMMAND("ForceCommand", Multiplicity.FIRST_WINS, true, Kind.LINE, "none"),
    CHROOT_DIRECTORY("ChrootDirectory", Multiplicity.FIRST_WINS, true, Kind.TEXT, "none"),
    HOST_CERTIFICATE("HostCertificate", Multiplicity.ACCUMULATES, false, Kind.TEXT, null),
    REVOKED_KEYS("RevokedKeys", Multiplicity.FIRST_WINS, true, Kind.TEXT, "none"),
    TRUSTED_USER_CA_KEYS("TrustedUserCAKeys", Multiplicity.FIRST_WINS, true, Kind.TEXT, "none"),
    AUTHORIZED_PRINCIPALS_FILE("AuthorizedPrincipalsFile", Multiplicity.FIRST_WINS, true, Kind.TEXT, "none"),
    KEX_ALGORITHMS("KexAlgorithms", Multiplicity.FIRST_WINS, false, Kind.ALGORITHMS, Algorithms.KEX),
    INCLUDE("Include", Multiplicity.STRUCTURE, true, Kind.LIST, null),
    IP_QOS("IPQoS", Multiplicity.LAST_WINS, true, Kind.LIST, "lowdelay throughput"),
    AUTHORIZED_KEYS_COMMAND("AuthorizedKeysCommand", Multiplicity.FIRST_WINS, true, Kind.LINE, "none"),
    AUTHORIZED_KEYS_COMMAND_USER("AuthorizedKeysCommandUser", Multiplicity.FIRST_WINS, true, Kind.TEXT, "none"),
    /** Last wins in 9.2: sshd tests AuthorizedKeysCommand's field before storing it (and never stores it when that is set). */
    AUTHORIZED_PRINCIPALS_COMMAND("AuthorizedPrincipalsCommand", Multiplicity.LAST_WINS, true, Kind.LINE, "none"),
    AUTHORIZED_PRINCIPALS_COMMAND_USER("AuthorizedPrincipalsCommandUser", Multiplicity.FIRST_WINS, true, Kind.TEXT, "none"),
    VERSION_ADDENDUM("VersionAddendum", Multiplicity.FIRST_WINS, false, Kind.LINE, "none"),
    AUTHENTICATION_METHODS("AuthenticationMethods", Multiplicity.FIRST_WINS, true, Kind.LIST, "any"),
    STREAM_LOCAL_BIND_MASK("StreamLocalBindMask", Multiplicity.LAST_WINS, true, Kind.TEXT, "0177"),
    STREAM_LOCAL_BIND_UNLINK("StreamLocalBindUnlink", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    ALLOW_STREAM_LOCAL_FORWARDING("AllowStreamLocalForwarding", Multiplicity.FIRST_WINS, true, Kind.CHOICE, "yes"),
    FINGERPRINT_HASH("FingerprintHash", Multiplicity.LAST_WINS, false, Kind.UPPER, "SHA256"),
    DISABLE_FORWARDING("DisableForwarding", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    EXPOSE_AUTH_INFO("ExposeAuthInfo", Multiplicity.FIRST_WINS, true, Kind.FLAG, "no"),
    RDOMAIN("RDomain", Multiplicity.UNSUPPORTED, true, Kind.TEXT, null),
    CA_SIGNATURE_ALGORITHMS("CASignatureAlgorithms", Multiplicity.FIRST_WINS, true, Kind.ALGORITHMS, Algorithms.CA),
    SECURITY_KEY_PROVIDER("SecurityKeyProvider", Multiplicity.FIRST_WINS, false, Kind.TEXT, "internal"),
    REQUIRED_RSA_SIZE("RequiredRSASize", Multiplicity.FIRST_WINS, true, Kind.INT, "1024"),
    CHANNEL_TIMEOUT("ChannelTimeout", Multiplicity.FIRST_WINS, true, Kind.LIST, null),
    UNUSED_CONNECTION_TIMEOUT("UnusedConnectionTimeout", Multiplicity.FIRST_WINS, true, Kind.TIME, "none"),
    DEBIAN_BANNER("DebianBanner", Multiplicity.FIRST_WINS, false, Kind.FLAG, null);

    /** How repeated occurrences of a keyword combine. */
    public enum Multiplicity {
        /** The first occurrence wins; later ones are ignored (most keywords). */
        FIRST_WINS,
        /**
         * Every occurrence takes effect, the last one wins (IPQoS, StreamLocalBindMask, FingerprintHash,
         * MaxStartups, PerSourceMaxStartups, PerSourceNetBlockSize).
         */
        LAST_WINS,
        /** Occurrences add to a list ({@code AllowUsers}, {@code Port}, {@code HostKey} …). */
        ACCUMULATES,
        /** Occurrences add named entries; a repeated name is fatal before OpenSSH 9.5 ({@code Subsystem}). */
        UNIQUE_NAMES_FATAL,
        /** Structure, not an option: {@code Match} and {@code Include}. */
        STRUCTURE,
        /** Accepted and ignored with a "Deprecated option" message (protocol 1 and other remnants). */
        DEPRECATED,
        /** Accepted and ignored with an "Unsupported option" message (not compiled into this build). */
        UNSUPPORTED,
        /** Accepted and silently ignored ({@code Protocol}). */
        IGNORED
    }

    /** How the value is normalised for {@code sshd -T} output. */
    public enum Kind {
        /** {@code yes}/{@code no}. */
        FLAG,
        /** One word from a fixed set, with sshd's synonyms. */
        CHOICE,
        /** A time interval, printed in seconds. */
        TIME,
        /** A decimal integer. */
        INT,
        /** One word printed in upper case. */
        UPPER,
        /** A comma-separated algorithm list with optional {@code +}, {@code -}, {@code ^} modifiers. */
        ALGORITHMS,
        /** One argument printed as written. */
        TEXT,
        /** Several arguments. */
        LIST,
        /** The rest of the line. */
        LINE
    }

    private static final Map<String, SshdKeyword> BY_NAME = new TreeMap<>();

    static {
        for (SshdKeyword k : values()) {
            BY_NAME.put(k.wireName.toLowerCase(Locale.ROOT), k);
        }
        BY_NAME.put("hostdsakey", HOST_KEY);
        BY_NAME.put("hostbasedacceptedkeytypes", HOSTBASED_ACCEPTED_ALGORITHMS);
        BY_NAME.put("pubkeyacceptedkeytypes", PUBKEY_ACCEPTED_ALGORITHMS);
        BY_NAME.put("dsaauthentication", PUBKEY_AUTHENTICATION);
        BY_NAME.put("gssapicleanupcreds", GSSAPI_CLEANUP_CREDENTIALS);
        BY_NAME.put("challengeresponseauthentication", KBD_INTERACTIVE_AUTHENTICATION);
        BY_NAME.put("skeyauthentication", KBD_INTERACTIVE_AUTHENTICATION);
        BY_NAME.put("keepalive", TCP_KEEP_ALIVE);
    }

    private final String wireName;
    private final Multiplicity multiplicity;
    private final boolean allowedInMatch;
    private final Kind kind;
    private final String compiledDefault;

    SshdKeyword(String wireName, Multiplicity multiplicity, boolean allowedInMatch, Kind kind, String compiledDefault) {
        this.wireName = wireName;
        this.multiplicity = multiplicity;
        this.allowedInMatch = allowedInMatch;
        this.kind = kind;
        this.compiledDefault = compiledDefault;
    }

    /** The keyword as the sshd_config(5) man page spells it, e.g. {@code PermitRootLogin}. */
    public String wireName() {
        return wireName;
    }

    /** How repeated occurrences combine. */
    public Multiplicity multiplicity() {
        return multiplicity;
    }

    /** Whether sshd accepts the keyword inside a {@code Match} block. */
    public boolean allowedInMatch() {
        return allowedInMatch;
    }

    /** How the value is normalised for {@code sshd -T}. */
    public Kind kind() {
        return kind;
    }

    /** Whether the keyword is accepted but has no effect (deprecated, unsupported or ignored). */
    public boolean isObsolete() {
        return multiplicity == Multiplicity.DEPRECATED || multiplicity == Multiplicity.UNSUPPORTED
                || multiplicity == Multiplicity.IGNORED;
    }

    /**
     * The compiled default as {@code sshd -T} prints it (lower-case keyword omitted; one value a line
     * for {@code HostKey}); empty when sshd prints nothing. {@code ListenAddress}, which sshd derives
     * from the ports through getaddrinfo, has none here.
     */
    public Optional<String> compiledDefault() {
        return Optional.ofNullable(compiledDefault);
    }

    /** The keyword for a name in any case, including sshd's aliases. */
    public static Optional<SshdKeyword> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** Every spelling sshd accepts, lower case, aliases included (sorted). */
    public static Set<String> acceptedNames() {
        return Collections.unmodifiableSet(BY_NAME.keySet());
    }

    /** OpenSSH 9.2p1's compiled default algorithm lists, as {@code sshd -T -f /dev/null} prints them. */
    static final class Algorithms {
        static final String CIPHERS = "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,"
                + "aes128-gcm@openssh.com,aes256-gcm@openssh.com";
        static final String MACS = "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,"
                + "hmac-sha2-512-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,"
                + "hmac-sha2-256,hmac-sha2-512,hmac-sha1";
        static final String KEX = "sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com,curve25519-sha256,"
                + "curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,"
                + "diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
                + "diffie-hellman-group14-sha256";
        static final String CA = "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,"
                + "sk-ssh-ed25519@openssh.com,sk-ecdsa-sha2-nistp256@openssh.com,rsa-sha2-512,rsa-sha2-256";
        static final String PUBKEY = "ssh-ed25519-cert-v01@openssh.com,ecdsa-sha2-nistp256-cert-v01@openssh.com,"
                + "ecdsa-sha2-nistp384-cert-v01@openssh.com,ecdsa-sha2-nistp521-cert-v01@openssh.com,"
                + "sk-ssh-ed25519-cert-v01@openssh.com,sk-ecdsa-sha2-nistp256-cert-v01@openssh.com,"
                + "rsa-sha2-512-cert-v01@openssh.com,rsa-sha2-256-cert-v01@openssh.com," + CA;

        private Algorithms() {
        }
    }
}
