package org.sacroguide.app;

import org.sacroguide.imaging.CtInputException;
import org.sacroguide.imaging.UnsupportedCompressionException;
import org.sacroguide.planning.PlanningException;
import picocli.CommandLine;

/**
 * The one place where errors become exit codes and one-line messages: "sacroguide inspect: <problem>",
 * then "Try --help" for usage errors; a stack trace only with {@code --verbose}.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int BAD_INPUT = 1;
    public static final int USAGE = 2;
    public static final int UNSUPPORTED_COMPRESSION = 3;
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }

    /** A wrong or absurd parameter found by a command after parsing: exit 2 with the message. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    static int of(Throwable t) {
        if (t instanceof UnsupportedCompressionException) {
            return UNSUPPORTED_COMPRESSION;
        }
        if (t instanceof CtInputException || t instanceof PlanningException || t instanceof java.io.IOException) {
            return BAD_INPUT;
        }
        if (t instanceof UsageException || t instanceof IllegalArgumentException
                || t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return INTERNAL;
    }

    /** Prints the one-line message and returns the exit code. */
    static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
            Throwable t = ex;
            boolean verbose = parsed.hasMatchedOption("--verbose")
                    || (parsed.subcommand() != null && hasVerbose(parsed));
            String cmd = cl.getCommandName();
            int code = of(t);
            String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (code == INTERNAL) {
                msg = "internal error (" + t.getClass().getSimpleName() + "): " + msg + " -- please report this with --verbose";
            }
            cl.getErr().println("sacroguide " + cmd + ": " + msg);
            if (code == USAGE) {
                cl.getErr().println("Try `sacroguide " + cmd + " --help'");
            }
            if (verbose) {
                t.printStackTrace(cl.getErr());
            }
            cl.getErr().flush();
            return code;
        }

        private static boolean hasVerbose(CommandLine.ParseResult p) {
            for (CommandLine.ParseResult r = p; r != null; r = r.subcommand()) {
                if (r.hasMatchedOption("--verbose")) {
                    return true;
                }
            }
            return false;
        }
    }
}
