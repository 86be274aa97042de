/**
 * Bulwark core: the shared vocabulary (positions, parse and validation errors, findings) and the
 * building blocks every other module uses.
 */
module dev.bulwark.core {
    requires org.slf4j;
    requires com.fasterxml.jackson.core;

    exports dev.bulwark.core;
    exports dev.bulwark.core.audit;
    exports dev.bulwark.core.audit.internal to dev.bulwark.firewall;
    exports dev.bulwark.core.host;
    exports dev.bulwark.core.io;
    exports dev.bulwark.core.net;
    exports dev.bulwark.core.sockets;
    exports dev.bulwark.core.updates;
}
