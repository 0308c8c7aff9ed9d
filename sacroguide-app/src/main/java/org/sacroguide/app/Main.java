package org.sacroguide.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sacroguide} command line: one subcommand per job (DESIGN.md), exit codes chosen in one
 * place ({@link ExitCodes}). Research and training software, not for clinical use.
 */
@Command(name = "sacroguide", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"CT-guided sacroplasty: patient selection, needle planning, fluoroscopy rehearsal and "
                + "outcomes registry (Strub et al., AJNR 2007).", "Research and training software: NOT FOR CLINICAL USE."},
        footer = {"", "Exit codes:", "  0  done", "  1  the input could not be used (corrupt, incomplete or not a CT)",
                "  2  wrong usage (unknown option, absurd parameter)", "  3  unsupported compression",
                "  4  an internal error (a bug: please report it with --verbose output)"},
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            InspectCommand.class,
            ConvertCommand.class,
            DrrCommand.class,
            FluoroCommand.class,
            SelectCommand.class,
            PlanCommand.class,
            SegmentCommand.class,
            RegistryCommand.class,
        })
public final class Main implements Runnable {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces for errors (for bug reports).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (used by tests in-process). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new ExitCodes.ErrorHandler());
        cl.setExitCodeExceptionMapper(ExitCodes::of);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"sacroguide " + (v == null ? "development build" : v) + " (not for clinical use)"};
        }
    }
}
