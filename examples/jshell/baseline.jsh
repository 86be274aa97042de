// A small baseline from JShell: an SSH key, a default-deny firewall, a WireGuard plan, a CA.
// Run: examples/jshell/bulwark-jshell.sh examples/jshell/baseline.jsh
var key = Ssh.generateKey().withComment("alice@jshell");
System.out.println("ssh key: " + key.publicKey().toOpenSsh().split(" ")[0] + " " + key.publicKey().fingerprintSha256());

// (in JShell a line that could end a statement does: continue lines after a '.' or an operator)
var policy = Firewall.policy().
        publicService("https", Protocol.TCP, Ports.of(443)).
        privateService("ssh", Ports.of(22), List.of(IpNetwork.parse("10.8.0.0/24"))).
        build();
System.out.println("nft: " + Firewall.nftables().render(policy).lines().
        filter(l -> l.contains("dport 443")).findFirst().orElseThrow().strip());

var plan = Vpn.hubAndSpoke("gw", "203.0.113.1:51820").network(IpNetwork.parse("10.8.0.0/24")).client("laptop").build();
System.out.println("wireguard: " + plan.nodes() + " laptop at " + plan.addresses("laptop"));

var ca = Pki.createRoot("CN=JShell CA").withPolicy(Pki.policy().allowDnsSuffix("example.com").build());
var web = ca.issueServer(List.of("web1.example.com"), Duration.ofDays(90));
System.out.println("tls: " + web.certificate().getSubjectX500Principal().getName() + " issued by " +
        ca.certificate().getSubjectX500Principal().getName());
/exit
