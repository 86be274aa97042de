package dev.bulwark.pki.acme.internal;

import dev.bulwark.pki.acme.AcmeResolver;
import dev.bulwark.pki.internal.Names;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;

/** An {@link AcmeResolver} over JNDI DNS ({@code dns:} for the system's servers, {@code dns://host:port} for one). Not API. */
public final class JndiResolver implements AcmeResolver {
    private final String url;
    private final boolean jdkAddresses;

    public JndiResolver(String url, boolean jdkAddresses) {
        this.url = url;
        this.jdkAddresses = jdkAddresses;
    }

    @Override
    public List<InetAddress> addresses(String name) throws IOException {
        if (jdkAddresses) {
            try {
                return List.of(InetAddress.getAllByName(name));
            } catch (UnknownHostException e) {
                return List.of();
            }
        }
        // each family on its own: a server that refuses or fails AAAA while it answers A (or the reverse)
        // leaves the name reachable over the family that answered; only when no family answered and one
        // failed is the lookup a failure (an empty answer could hide the address that failed)
        List<InetAddress> out = new ArrayList<>();
        IOException failure = null;
        for (String type : List.of("A", "AAAA")) {
            try {
                for (String value : lookup(name, type)) {
                    if (Names.looksLikeIp(value)) {   // never a second lookup of what the server answered
                        out.add(Names.parseIp(value));
                    }
                }
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (out.isEmpty() && failure != null) {
            throw failure;
        }
        return out;
    }

    @Override
    public List<String> txt(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (String value : lookup(name, "TXT")) {
            out.add(unquote(value));
        }
        return out;
    }

    private List<String> lookup(String name, String type) throws IOException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", url);
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        List<String> out = new ArrayList<>();
        try {
            InitialDirContext context = new InitialDirContext(env);
            try {
                Attributes attributes = context.getAttributes(name.endsWith(".") ? name : name + ".", new String[] {type});
                Attribute attribute = attributes.get(type);
                if (attribute != null) {
                    NamingEnumeration<?> values = attribute.getAll();
                    while (values.hasMore()) {
                        out.add(String.valueOf(values.next()));
                    }
                }
            } finally {
                context.close();
            }
        } catch (javax.naming.NameNotFoundException e) {
            return out;
        } catch (NamingException e) {
            throw new IOException("DNS lookup of " + type + " " + name + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** JNDI gives a TXT record as its strings, each quoted when it holds a space; join them. */
    private static String unquote(String value) {
        StringBuilder out = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                continue;
            } else if (c == '\\' && i + 1 < value.length()) {
                out.append(value.charAt(++i));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "AcmeResolver[" + url + "]";
    }
}
