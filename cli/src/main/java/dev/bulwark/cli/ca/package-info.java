/** {@code bulwark ca}: an internal certificate authority in a durable store (the pki module's CaStore). Not API. */
package dev.bulwark.cli.ca;
