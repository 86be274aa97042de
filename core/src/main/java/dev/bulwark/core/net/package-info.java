/**
 * Network values: IP address literals ({@link dev.bulwark.core.net.IpAddresses}, never DNS),
 * CIDR networks ({@link dev.bulwark.core.net.IpNetwork}, RFC 4632 and RFC 4291), port ranges,
 * protocols, the classification of an address into the baseline's scopes
 * ({@link dev.bulwark.core.net.AddressScope}) and the three service categories
 * ({@link dev.bulwark.core.net.Exposure}), socket endpoints as ss prints them
 * ({@link dev.bulwark.core.net.Endpoint}) and the services database that maps the port names ss
 * prints back to numbers ({@link dev.bulwark.core.net.ServiceNames}). IPv6 text follows RFC 5952.
 * Every parser throws {@link dev.bulwark.core.ParseException} with the source, line and column.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4632">RFC 4632 (CIDR)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4291">RFC 4291 (IPv6 addressing)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5952">RFC 5952 (IPv6 text)</a>
 * @see <a href="https://man7.org/linux/man-pages/man5/services.5.html">services(5)</a>
 */
package dev.bulwark.core.net;
