package dev.wasmbridge.processor;

/**
 * What the processor leaves in the class output for each binding class it writes, at {@code
 * META-INF/wasmbridge/bindings/<bindings class>.properties}: which module the interface was checked
 * against, with its digest and where it was read. The build plugin's {@code refresh} goal (module
 * maven-plugin, class {@code RefreshMojo}) reads it before the next compilation: when the module's digest
 * changed, it deletes the class files, so javac compiles the interface and runs these checks again. The
 * format is {@code java.util.Properties} with the keys below; both sides must agree on them.
 *
 * @param interfaceName the binary name of the {@code @WasmModule} interface
 * @param sourceClass the binary name of the top-level class whose source file declares it
 * @param bindings the binary name of the generated class
 * @param resource the module's resource path, as in {@code @WasmModule}
 * @param sha256 the SHA-256 of the module as read (lower-case hex)
 * @param where where it was read: a {@code file:} URI for a file, otherwise the location as javac gave it
 */
record BindingsRecord(
        String interfaceName, String sourceClass, String bindings, String resource, String sha256, String where) {
    /** The folder, in the class output, of the records. */
    static final String FOLDER = "META-INF/wasmbridge/bindings/";

    /** Where this record goes in the class output. */
    String path() {
        return FOLDER + bindings + ".properties";
    }

    /** The file's text: one {@code key=value} line each, escaped as {@code Properties.load} reads them. */
    String text() {
        return "# Written by the Wasmbridge annotation processor; read by wasmbridge:refresh.\n"
                + line("interface", interfaceName)
                + line("source", sourceClass)
                + line("bindings", bindings)
                + line("module", resource)
                + line("sha256", sha256)
                + line("found", where);
    }

    private static String line(String key, String value) {
        StringBuilder escaped = new StringBuilder(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.append('\n').toString();
    }
}
