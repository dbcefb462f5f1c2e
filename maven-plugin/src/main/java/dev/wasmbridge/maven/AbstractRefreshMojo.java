package dev.wasmbridge.maven;

import java.io.File;
import java.io.IOException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code refresh} and {@code test-refresh} share: they differ only in the class output they check.
 * See {@link StaleBindings} for what is checked and deleted.
 */
abstract class AbstractRefreshMojo extends AbstractMojo {
    /** Skips the check. */
    @Parameter(property = "wasmbridge.refresh.skip", defaultValue = "false")
    private boolean skip;

    /** The class output the processor wrote its records to. */
    abstract File classes();

    /** Whether this goal has a reason of its own to skip (the test goal: {@code maven.test.skip}). */
    boolean skipped() {
        return false;
    }

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipped()) {
            getLog().info("Skipping the check for changed Wasm modules");
            return;
        }
        try {
            new StaleBindings(classes().toPath(), getLog()::info).refresh();
        } catch (IOException e) {
            throw new MojoExecutionException(
                    "Could not check the Wasm modules of the bindings in " + classes() + ": " + e.getMessage(), e);
        }
    }
}
