package dev.bulwark.cli;

import picocli.CommandLine;

/** A command that only groups subcommands ({@code bulwark ca}): run alone, it says which there are (status 2). */
public abstract class GroupCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public final void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
