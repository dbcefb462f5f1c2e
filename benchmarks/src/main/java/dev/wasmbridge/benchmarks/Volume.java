package dev.wasmbridge.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH auxiliary counter of the megabytes (10^6 bytes) a benchmark method processed. In throughput mode
 * JMH reports it next to the method's own score as {@code <method>:megabytes}, in MB/s.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class Volume {
    /** Megabytes processed in the current iteration. */
    public double megabytes;

    /** JMH keeps counters across iterations unless they are reset. */
    @Setup(Level.Iteration)
    public void reset() {
        megabytes = 0;
    }

    void add(long bytes) {
        megabytes += bytes / 1e6;
    }
}
