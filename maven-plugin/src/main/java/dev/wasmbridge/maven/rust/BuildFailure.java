package dev.wasmbridge.maven.rust;

/**
 * A problem the user has to fix before the crate can be built: a missing toolchain, a bad parameter, a
 * failed cargo run. Its message says what to do; {@code BuildMojo} turns it into a
 * {@code MojoFailureException}.
 */
public class BuildFailure extends Exception {
    private static final long serialVersionUID = 1L;

    /** A failure with a message a user can act on. */
    public BuildFailure(String message) {
        super(message);
    }

    /** A failure with a message a user can act on, caused by {@code cause}. */
    public BuildFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
