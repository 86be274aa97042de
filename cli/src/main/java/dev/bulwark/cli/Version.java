package dev.bulwark.cli;

import picocli.CommandLine;

/** {@code bulwark --version}: the version of the jar's manifest. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Bulwark.class.getPackage().getImplementationVersion();
        return new String[] {"bulwark " + (version == null ? "(development build)" : version)};
    }
}
