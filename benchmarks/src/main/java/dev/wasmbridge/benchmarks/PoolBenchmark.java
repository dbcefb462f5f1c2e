package dev.wasmbridge.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of one pooled proxy ({@code BigModuleBindings.pool(2)}) called from one thread and from two,
 * against two threads that each have an instance of their own (no pool: the ceiling two cores allow). The
 * call is {@link BigModule#fnvHashRounds} over 16 KiB, a few microseconds of Wasm work, so the figure is the
 * pool's scaling, not the cost of its bookkeeping alone. Scores are total calls per second over all threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolBenchmark {
    /** Shared by every thread of a run: one proxy over two instances. */
    @State(Scope.Benchmark)
    public static class Pool {
        BigModule proxy;
        byte[] data;

        @Setup(Level.Trial)
        public void setUp() {
            proxy = BigModuleBindings.pool(2);
            data = Input.bytes();
            Input.check(proxy, data);
        }
    }

    /** One instance per thread, no pool. */
    @State(Scope.Thread)
    public static class Own {
        BigModule proxy;
        byte[] data;

        @Setup(Level.Trial)
        public void setUp() {
            proxy = BigModuleBindings.create();
            data = Input.bytes();
            Input.check(proxy, data);
        }
    }

    @Benchmark
    @Threads(1)
    public long pooledOneThread(Pool pool) {
        return pool.proxy.fnvHashRounds(pool.data, 1);
    }

    @Benchmark
    @Threads(2)
    public long pooledTwoThreads(Pool pool) {
        return pool.proxy.fnvHashRounds(pool.data, 1);
    }

    @Benchmark
    @Threads(2)
    public long ownInstanceTwoThreads(Own own) {
        return own.proxy.fnvHashRounds(own.data, 1);
    }

    /** The input, and a check of the proxy against the same hash in Java. */
    private static final class Input {
        static byte[] bytes() {
            byte[] data = new byte[16 * 1024];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31 + 7);
            }
            return data;
        }

        static void check(BigModule proxy, byte[] data) {
            long hash = 0xcbf29ce484222325L;
            for (byte b : data) {
                hash ^= b & 0xFF;
                hash *= 0x100000001b3L;
            }
            // the round index (0) is xored in after the round: no change
            if (proxy.fnvHashRounds(data, 1) != hash) {
                throw new IllegalStateException("fnv_hash_rounds disagrees with FNV-1a in Java");
            }
        }
    }
}
