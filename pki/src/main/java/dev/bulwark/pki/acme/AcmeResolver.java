package dev.bulwark.pki.acme;

import dev.bulwark.pki.acme.internal.JndiResolver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the ACME server looks names up to validate challenges: the addresses to contact for
 * http-01 and tls-alpn-01, and the TXT records of {@code _acme-challenge.NAME} for dns-01. The
 * server contacts only the addresses its validation networks allow, whatever the resolver says.
 *
 * <pre>{@code
 * AcmeResolver.system()                                      // the machine's resolver (default)
 * AcmeResolver.dns(new InetSocketAddress("10.0.0.53", 53))   // one DNS server, e.g. for an internal zone
 * AcmeResolver.of(Map.of("web.example.internal", List.of(InetAddress.getByName("10.0.0.5"))),
 *                 Map.of("_acme-challenge.web.example.internal", List.of("…")))   // fixed answers (tests)
 * }</pre>
 */
public interface AcmeResolver {

    /** The addresses of a DNS name; empty when it has none. */
    List<InetAddress> addresses(String name) throws IOException;

    /** The TXT strings of a DNS name (each record's strings joined); empty when it has none. */
    List<String> txt(String name) throws IOException;

    /** Addresses through the JDK's resolver ({@code InetAddress}), TXT through JNDI DNS with the system's servers. */
    static AcmeResolver system() {
        return new JndiResolver("dns:", true);
    }

    /**
     * Both addresses (A, AAAA) and TXT from this DNS server, through JNDI DNS. A and AAAA are looked
     * up independently: when one family fails (REFUSED, SERVFAIL, timeout) and the other answers,
     * the addresses that answered are returned; the lookup fails only when no family answered.
     */
    static AcmeResolver dns(InetSocketAddress server) {
        String host = server.getAddress() != null ? server.getAddress().getHostAddress() : server.getHostString();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return new JndiResolver("dns://" + host + ":" + server.getPort(), false);
    }

    /** Fixed answers: names (lower case, no trailing dot) to addresses and to TXT strings. */
    static AcmeResolver of(Map<String, List<InetAddress>> addresses, Map<String, List<String>> txt) {
        Map<String, List<InetAddress>> a = Map.copyOf(addresses);
        Map<String, List<String>> t = Map.copyOf(txt);
        return new AcmeResolver() {
            @Override
            public List<InetAddress> addresses(String name) {
                return List.copyOf(a.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
            }

            @Override
            public List<String> txt(String name) {
                return List.copyOf(t.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
            }

            @Override
            public String toString() {
                return "AcmeResolver.of(" + a.keySet() + ", " + t.keySet() + ")";
            }
        };
    }
}
