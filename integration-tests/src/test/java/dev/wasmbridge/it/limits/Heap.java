package dev.wasmbridge.it.limits;

/** The JVM heap the tests' objects use, measured after garbage collection. */
final class Heap {
    private Heap() {}

    /** {@return the bytes of heap in use after a few collections} */
    static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
