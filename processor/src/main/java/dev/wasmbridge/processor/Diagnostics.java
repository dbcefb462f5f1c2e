package dev.wasmbridge.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports diagnostics from the {@link Message} catalogue on the element they are about, and remembers
 * whether an error was reported so the processor writes no bindings from a broken model.
 */
final class Diagnostics {
    private final Messager messager;
    private int errors;

    Diagnostics(Messager messager) {
        this.messager = messager;
    }

    /** Reports an error on {@code element} and carries on, so one compile shows every problem. */
    void error(Element element, Message message, Object... args) {
        errors++;
        messager.printMessage(Diagnostic.Kind.ERROR, message.format(args), element);
    }

    /** Reports a warning on {@code element}. */
    void warning(Element element, Message message, Object... args) {
        messager.printMessage(Diagnostic.Kind.WARNING, message.format(args), element);
    }

    /** How many errors were reported so far; compare before and after validating one module. */
    int errorCount() {
        return errors;
    }
}
