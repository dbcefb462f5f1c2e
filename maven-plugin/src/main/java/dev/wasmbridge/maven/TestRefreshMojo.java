package dev.wasmbridge.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * {@code refresh} for the test sources: makes javac check again every {@code @WasmModule} interface of the
 * test sources whose {@code .wasm} changed since it was compiled. Runs in {@code process-test-resources}.
 * Skipped with {@code -Dwasmbridge.refresh.skip} or {@code -Dmaven.test.skip}.
 */
@Mojo(name = "test-refresh", defaultPhase = LifecyclePhase.PROCESS_TEST_RESOURCES, threadSafe = true)
public class TestRefreshMojo extends AbstractRefreshMojo {
    /** The test class output the processor wrote its records to. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File testClassesDirectory;

    /** Skips the check when the tests are not compiled. */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    private boolean testSkip;

    /** Creates the goal; Maven sets its parameters. */
    public TestRefreshMojo() {}

    @Override
    File classes() {
        return testClassesDirectory;
    }

    @Override
    boolean skipped() {
        return testSkip;
    }
}
