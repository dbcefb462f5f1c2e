package ${package};

import dev.wasmbridge.runtime.RustPanicException;

/** Calls the Rust functions in rust/src/lib.rs and prints what they return: {@code mvn -q compile exec:java}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        RustLib rust = RustLibBindings.create(); // RustLibBindings is generated at compile time

        String name = args.length > 0 ? String.join(" ", args) : "Java developer";
        System.out.println(rust.greet(name));

        String text = "Rust compiled to WebAssembly, called from Java with typed bindings";
        System.out.println("\"" + text + "\" has " + rust.wordCount(text) + " words (counted in Rust)");

        System.out.println("84 / 2 = " + rust.checkedDivide(84, 2) + " (divided in Rust)");
        try {
            rust.checkedDivide(1, 0);
        } catch (RustPanicException panic) {
            System.out.println("Rust panicked, and Java caught it: " + panic.panicMessage());
        }
        System.out.println("The module still works after the panic: 9 / 3 = " + rust.checkedDivide(9, 3));
    }
}
