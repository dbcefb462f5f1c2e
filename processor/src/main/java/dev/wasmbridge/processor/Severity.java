package dev.wasmbridge.processor;

import javax.tools.Diagnostic;

/** How serious a {@link Message} is: whether javac fails the build for it. */
enum Severity {
    /** The bindings cannot be generated (or would be wrong): the compile fails. */
    ERROR(Diagnostic.Kind.ERROR),
    /** The bindings are generated and work, but something deserves attention. */
    WARNING(Diagnostic.Kind.WARNING);

    final Diagnostic.Kind kind;

    Severity(Diagnostic.Kind kind) {
        this.kind = kind;
    }
}
