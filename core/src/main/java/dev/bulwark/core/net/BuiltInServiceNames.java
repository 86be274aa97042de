package dev.bulwark.core.net;

/**
 * The service names Bulwark knows without a services database: the IANA assignments of the
 * common well-known ports (as {@code /etc/services} lists them) and the common IP protocol
 * numbers. Not API: see {@link ServiceNames#builtIn()}.
 */
final class BuiltInServiceNames {

    private BuiltInServiceNames() {
    }

    /** One service a line: name, port, protocols (comma-separated), aliases. */
    static final String SERVICES = """
            tcpmux 1 tcp
            echo 7 tcp,udp
            discard 9 tcp,udp sink null
            systat 11 tcp users
            daytime 13 tcp,udp
            netstat 15 tcp
            qotd 17 tcp quote
            chargen 19 tcp,udp ttytst source
            ftp-data 20 tcp
            ftp 21 tcp
            ssh 22 tcp
            telnet 23 tcp
            smtp 25 tcp mail
            time 37 tcp,udp timserver
            whois 43 tcp nicname
            tacacs 49 tcp,udp
            domain 53 tcp,udp
            bootps 67 udp
            bootpc 68 udp
            tftp 69 udp
            gopher 70 tcp
            finger 79 tcp
            http 80 tcp www
            kerberos 88 tcp,udp kerberos5 krb5 kerberos-sec
            iso-tsap 102 tcp tsap
            acr-nema 104 tcp dicom
            pop3 110 tcp pop-3
            sunrpc 111 tcp,udp portmapper
            auth 113 tcp authentication tap ident
            nntp 119 tcp readnews untp
            ntp 123 udp
            epmap 135 tcp loc-srv
            netbios-ns 137 udp
            netbios-dgm 138 udp
            netbios-ssn 139 tcp
            imap2 143 tcp imap
            snmp 161 tcp,udp
            snmp-trap 162 tcp,udp snmptrap
            bgp 179 tcp
            ldap 389 tcp,udp
            https 443 tcp,udp
            microsoft-ds 445 tcp
            kpasswd 464 tcp,udp
            submissions 465 tcp ssmtp smtps urd
            isakmp 500 udp
            rtsp 554 tcp,udp
            ipp 631 tcp
            exec 512 tcp
            login 513 tcp
            shell 514 tcp cmd syslog
            syslog 514 udp
            printer 515 tcp spooler
            talk 517 udp
            ntalk 518 udp
            route 520 udp router routed
            afpovertcp 548 tcp
            nntps 563 tcp snntp
            submission 587 tcp
            ldaps 636 tcp,udp
            kerberos-adm 749 tcp
            domain-s 853 tcp,udp
            rsync 873 tcp
            ftps-data 989 tcp
            ftps 990 tcp
            telnets 992 tcp
            imaps 993 tcp
            pop3s 995 tcp
            socks 1080 tcp
            openvpn 1194 tcp,udp
            rmiregistry 1099 tcp
            ms-sql-s 1433 tcp
            ms-sql-m 1434 udp
            l2f 1701 udp l2tp
            radius 1812 tcp,udp
            radius-acct 1813 tcp,udp radacct
            nfs 2049 tcp,udp
            cvspserver 2401 tcp
            dict 2628 tcp
            gpsd 2947 tcp
            iscsi-target 3260 tcp
            mysql 3306 tcp
            ms-wbt-server 3389 tcp
            distcc 3632 tcp
            svn 3690 tcp subversion
            sieve 4190 tcp
            epmd 4369 tcp
            ntske 4460 tcp
            ipsec-nat-t 4500 udp
            sip 5060 tcp,udp
            sip-tls 5061 tcp,udp
            xmpp-client 5222 tcp jabber-client
            xmpp-server 5269 tcp jabber-server
            mdns 5353 udp
            postgresql 5432 tcp postgres
            amqps 5671 tcp
            amqp 5672 tcp,sctp
            x11 6000 tcp x11-0
            redis 6379 tcp
            babel 6696 udp
            ircs-u 6697 tcp
            http-alt 8080 tcp webcache
            puppet 8140 tcp
            nbd 10809 tcp
            zabbix-agent 10050 tcp
            zabbix-trapper 10051 tcp
            hkp 11371 tcp
            echo 4 ddp
            kerberos4 750 udp,tcp kerberos-iv kdc
            munin 4949 tcp lrrd
            nrpe 5666 tcp
            git 9418 tcp
            """;

    /** One IP protocol a line: name and number, as {@code /etc/protocols} has them. */
    static final String PROTOCOLS = """
            ip 0
            icmp 1
            igmp 2
            ipencap 4
            tcp 6
            egp 8
            udp 17
            dccp 33
            ipv6 41
            ipv6-route 43
            ipv6-frag 44
            rsvp 46
            gre 47
            esp 50
            ah 51
            ipv6-icmp 58
            ipv6-nonxt 59
            ipv6-opts 60
            eigrp 88
            ospf 89
            ipip 94
            etherip 97
            pim 103
            ipcomp 108
            vrrp 112
            l2tp 115
            isis 124
            sctp 132
            udplite 136
            mpls-in-ip 137
            ethernet 143
            """;
}
