package dev.wasmbridge.processor;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Reports diagnostics from the {@link Message} catalogue on the element they are about, each with the
 * severity the catalogue gives it, and remembers whether an error was reported so the processor writes no
 * bindings from a broken model.
 *
 * <p>Several {@code @WasmModule} interfaces may share elements: one base interface with the exports, extended
 * by one sub-interface per build flavour of the same crate, and the records, enums, classes and imports
 * interfaces they use. Each module is validated on its own, so a problem with a shared element would be found
 * once per module. While a module is validated ({@link #enterModule}), reports are held back; {@link #flush}
 * then prints each problem once per element: when every module that checks the element has it, once, saying
 * so; when only some have it, once, naming them ({@link Message.Shared}).
 */
final class Diagnostics {
    private final Messager messager;
    private int errors;

    /** The module being validated; null outside validation, where reports are printed at once. */
    private ModuleScope current;

    /** Reports held back until {@link #flush}, in the order they were made. */
    private final List<Pending> pending = new ArrayList<>();

    /** The modules that checked each element, in the order they did. */
    private final Map<Element, Set<ModuleScope>> checkedBy = new HashMap<>();

    Diagnostics(Messager messager) {
        this.messager = messager;
    }

    /** A {@code @WasmModule} interface and the module it binds, as the messages name them. */
    record ModuleScope(TypeElement module, String resource) {
        String describe() {
            return String.join(".", ClassName.get(module).simpleNames()) + " ('" + resource + "')";
        }
    }

    /** A report held back, keyed by the element, the message and its text with the module left out. */
    private record Pending(Element element, Message message, String text, ModuleScope scope, String key) {}

    /**
     * Reports {@code message} on {@code element} as the error or warning it is, and carries on, so one
     * compile shows every problem.
     */
    void report(Element element, Message message, Object... args) {
        if (message.severity() == Severity.ERROR) {
            errors++;
        }
        String text = message.format(args);
        if (current == null) {
            messager.printMessage(message.severity().kind, text, element);
            return;
        }
        Object[] neutral = args.clone();
        for (int i = 0; i < neutral.length; i++) {
            if (current.resource().equals(neutral[i])) {
                neutral[i] = "\0module\0"; // the same problem in another flavour's module reads the same
            }
        }
        pending.add(new Pending(element, message, text, current, message.format(neutral)));
    }

    /** How many errors were reported so far; compare before and after validating one module. */
    int errorCount() {
        return errors;
    }

    /** Starts holding back the reports of the module {@code module} binds, until {@link #flush}. */
    void enterModule(TypeElement module, String resource) {
        current = new ModuleScope(module, resource);
    }

    /** Ends the module started by {@link #enterModule}. */
    void exitModule() {
        current = null;
    }

    /**
     * Records that the module being validated checks {@code element} (a method it binds, a type it uses),
     * so that a problem with it is known to concern every module that checks it. Enclosed elements
     * (parameters, record components, enum constants) count as checked with their enclosing one.
     */
    void checks(Element element) {
        if (current != null) {
            checkedBy.computeIfAbsent(element, e -> new LinkedHashSet<>()).add(current);
        }
    }

    /**
     * Prints the reports held back: one per element and problem, with the modules named when the element is
     * shared (see the class comment).
     */
    void flush() {
        Map<List<Object>, List<Pending>> groups = new LinkedHashMap<>();
        for (Pending report : pending) {
            groups.computeIfAbsent(List.of(report.element(), report.message(), report.key()), k -> new ArrayList<>())
                    .add(report);
        }
        pending.clear();
        for (List<Pending> group : groups.values()) {
            Pending first = group.get(0);
            Set<ModuleScope> reporting =
                    group.stream().map(Pending::scope).collect(Collectors.toCollection(LinkedHashSet::new));
            Set<ModuleScope> sharing = new LinkedHashSet<>(sharers(first.element()));
            sharing.addAll(reporting);
            String text = first.text();
            if (sharing.size() > 1) {
                List<ModuleScope> others =
                        sharing.stream().filter(s -> !reporting.contains(s)).collect(Collectors.toList());
                text += others.isEmpty()
                        ? Message.Shared.EVERY_MODULE.format(list(sharing))
                        : Message.Shared.SOME_MODULES.format(list(reporting), list(others));
            }
            messager.printMessage(first.message().severity().kind, text, first.element());
        }
        checkedBy.clear();
    }

    /** The modules that checked {@code element} or, failing that, the nearest element enclosing it. */
    private Set<ModuleScope> sharers(Element element) {
        for (Element e = element; e != null; e = e.getEnclosingElement()) {
            Set<ModuleScope> modules = checkedBy.get(e);
            if (modules != null) {
                return modules;
            }
        }
        return Set.of();
    }

    /** {@code A ('a.wasm'), B ('b.wasm') and C ('c.wasm')}. */
    private static String list(Iterable<ModuleScope> modules) {
        List<String> names = new ArrayList<>();
        modules.forEach(m -> names.add(m.describe()));
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
