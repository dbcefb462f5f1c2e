package dev.wasmbridge.wasmeh;

/** The section ids of the WebAssembly binary format (tag section from exception handling). */
final class SectionId {
    static final int CUSTOM = 0;
    static final int TYPE = 1;
    static final int IMPORT = 2;
    static final int FUNCTION = 3;
    static final int TABLE = 4;
    static final int MEMORY = 5;
    static final int GLOBAL = 6;
    static final int EXPORT = 7;
    static final int START = 8;
    static final int ELEMENT = 9;
    static final int CODE = 10;
    static final int DATA = 11;
    static final int DATA_COUNT = 12;
    static final int TAG = 13;

    private SectionId() {}

    static boolean isKnown(int id) {
        return id >= CUSTOM && id <= TAG;
    }
}
