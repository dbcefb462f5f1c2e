package dev.wasmbridge.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Makes javac check again every {@code @WasmModule} interface of the main sources whose {@code .wasm}
 * changed since it was compiled, so that a Rust-only change followed by a plain {@code mvn verify} (no
 * {@code clean}) gets the same compile-time diagnostics as a clean build.
 *
 * <p>Runs in {@code process-resources}, after the resources (the {@code .wasm} files) are copied to the
 * class output and before {@code compile}. It reads the records the annotation processor leaves in the
 * class output and deletes the class files of each interface whose module changed; Maven's compiler plugin
 * then sees its source as changed and recompiles, which runs the processor. {@code test-refresh} does the
 * same for the test sources. Skipped with {@code -Dwasmbridge.refresh.skip}.
 */
@Mojo(name = "refresh", defaultPhase = LifecyclePhase.PROCESS_RESOURCES, threadSafe = true)
public class RefreshMojo extends AbstractRefreshMojo {
    /** The class output the processor wrote its records to. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /** Creates the goal; Maven sets its parameters. */
    public RefreshMojo() {}

    @Override
    File classes() {
        return classesDirectory;
    }
}
