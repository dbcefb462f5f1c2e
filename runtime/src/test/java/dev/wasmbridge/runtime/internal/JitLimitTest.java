package dev.wasmbridge.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tests run on HotSpot with its default flags, so DontCompileHugeMethods is on. */
class JitLimitTest {
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    /**
     * The runtime's logger, held: java.util.logging keeps loggers only weakly, so one that nothing holds may
     * be collected (with the handler above) before the runtime logs, which then goes to a fresh one.
     */
    private static final Logger RUNTIME_LOGGER = Logger.getLogger("dev.wasmbridge");

    @BeforeEach
    void capture() {
        RUNTIME_LOGGER.addHandler(capture);
    }

    @AfterEach
    void release() {
        RUNTIME_LOGGER.removeHandler(capture);
    }

    @Test
    void readsTheFlagOfThisJvm() {
        String value = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("DontCompileHugeMethods")
                .getValue();
        assertEquals(Boolean.parseBoolean(value), JitLimit.hugeMethodsInterpreted());
    }

    @Test
    void warnsOnceNamingTheMethodsAndTheFlag() {
        assumeTrue(JitLimit.hugeMethodsInterpreted(), "run with the JVM's default flags");
        JitLimit.warnIfInterpreted("wasm/big.wasm", List.of("my_crate::parse (func_12, 9,612 bytes)"));
        assertEquals(1, logged.size());
        String message = logged.get(0).getMessage();
        assertTrue(
                message.startsWith("Wasm module 'wasm/big.wasm' has 1 method over HotSpot's JIT limit of 8,000"
                        + " bytes of bytecode, which this JVM leaves to its interpreter"),
                message);
        assertTrue(
                message.endsWith(
                        ": my_crate::parse (func_12, 9,612 bytes). Run the JVM with" + " -XX:-DontCompileHugeMethods."),
                message);
    }

    @Test
    void saysNothingWithoutHugeMethods() {
        JitLimit.warnIfInterpreted("wasm/small.wasm", List.of());
        assertEquals(List.of(), logged);
    }
}
