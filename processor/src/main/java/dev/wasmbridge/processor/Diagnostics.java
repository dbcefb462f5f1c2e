package dev.wasmbridge.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;

/**
 * Reports diagnostics from the {@link Message} catalogue on the element they are about, each with the
 * severity the catalogue gives it, and remembers whether an error was reported so the processor writes no
 * bindings from a broken model.
 */
final class Diagnostics {
    private final Messager messager;
    private int errors;

    Diagnostics(Messager messager) {
        this.messager = messager;
    }

    /**
     * Reports {@code message} on {@code element} as the error or warning it is, and carries on, so one
     * compile shows every problem.
     */
    void report(Element element, Message message, Object... args) {
        if (message.severity() == Severity.ERROR) {
            errors++;
        }
        messager.printMessage(message.severity().kind, message.format(args), element);
    }

    /** How many errors were reported so far; compare before and after validating one module. */
    int errorCount() {
        return errors;
    }
}
