package dev.wasmbridge.it.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wasmbridge.it.EngineSwitch;
import dev.wasmbridge.it.PanicFixture;
import dev.wasmbridge.it.PanicHost;
import dev.wasmbridge.runtime.Engine;
import dev.wasmbridge.runtime.ModuleSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rust's {@code realloc} stays right once HotSpot has compiled it: the regression test of the intermittent
 * {@code LegacyExnrefDifferentialTest} failure (CONTRIBUTING.md, "The flaky test that was a JIT bug").
 *
 * <p>On JDK 17, C2 compiled dlmalloc's {@code realloc} ({@code __rust_realloc}, Wasm compiled by Chicory) with
 * Chicory's {@code OpcodeImpl.I32_GT_U} and {@code I32_LT_U} inlined, and when the profile had never seen a
 * request under 11 bytes, a 10-byte request took the branch of {@code bytes >= max_request()}: realloc
 * returned null with most of memory free, and Rust aborted ("memory allocation of 10 bytes failed"). The
 * test makes that profile on purpose: thousands of strings of 11 bytes and more (every realloc under them is
 * 11 bytes or more), time for the JIT, then {@code call_host_greeting("n26")}, whose result shrinks to 10
 * bytes. Before the comparisons were redirected ({@code dev.wasmbridge.wasmeh.UnsignedComparisons}) it
 * failed every time on JDK 17.0.15; it passes on any JVM whose C2 is right (JDK 21 and later).
 *
 * <p>Each engine gets bytecode no other test runs, so that no earlier test has shown the JIT a small request:
 * the build-time bytecode of bindings of their own ({@link HotPanicExnref}, {@link HotPanicLegacy}), and the
 * run-time compiler's bytecode of the module given as bytes (compiled for these bindings alone).
 */
abstract class HotReallocContract {
    /** Calls with a realloc of 11 bytes or more, in rounds with a pause for the JIT after each. */
    private static final int WARM_UP_CALLS = 40_000;

    private static final int ROUNDS = 3;

    /** This flavour's module, as a classpath resource. */
    abstract String resource();

    /** This flavour's bindings of their own, on the build-time bytecode. */
    abstract PanicFixture create(PanicHost host);

    /** This flavour's bindings of their own, for a module given at run time. */
    abstract PanicFixture create(ModuleSource source, PanicHost host);

    @ParameterizedTest
    @EnumSource(
            value = Engine.class,
            names = {"AUTO", "COMPILER"})
    void aStringShrunkToTenBytesAfterThousandsOfLongerOnes(Engine engine) throws InterruptedException {
        Greeter host = new Greeter();
        PanicFixture rust =
                engine == Engine.AUTO ? create(host) : EngineSwitch.on(engine, () -> create(moduleBytes(), host));
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < WARM_UP_CALLS; i++) {
                // "hello " + 9 characters + "!": grows the 15-byte String to 30 bytes, then shrinks it to 16
                String name = "name-" + (1000 + i % 9000);
                assertEquals("hello " + name + "!", rust.callHostGreeting(name));
            }
            Thread.sleep(300); // C2 compiles in the background
        }
        rust.resetState(); // a fresh instance: the compiled code is the module's, not the instance's

        // "hello n26" (9 bytes, from the import) + "!": grows to 18 bytes, then shrinks to 10
        assertEquals("hello n26!", rust.callHostGreeting("n26"));
        assertEquals("hello n27!", rust.callHostGreeting("n27"));
    }

    private ModuleSource moduleBytes() {
        try (InputStream in = HotReallocContract.class.getClassLoader().getResourceAsStream(resource())) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource());
            }
            return ModuleSource.of(resource(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The imports: {@code host_greeting} greets, the others are not called. */
    private static final class Greeter implements PanicHost {
        @Override
        public int hostTransform(int value) {
            return value;
        }

        @Override
        public String hostGreeting(String name) {
            return "hello " + name;
        }

        @Override
        public int hostReenter(int a, int b) {
            return a / b;
        }
    }
}
