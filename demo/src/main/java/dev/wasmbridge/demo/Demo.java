package dev.wasmbridge.demo;

import dev.wasmbridge.runtime.RustPanicException;

/** Calls Rust from Java: run with {@code mvn -q -f demo exec:java} after installing the project. */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        Greeter greeter = GreeterBindings.create();
        String name = args.length > 0 ? String.join(" ", args) : "Java developer";
        System.out.println(greeter.greet(name));
        String text = "Rust compiled to WebAssembly, called from Java with typed bindings";
        System.out.println("\"" + text + "\" has " + greeter.wordCount(text) + " words (counted in Rust)");
        try {
            greeter.checkedDivide(1, 0);
        } catch (RustPanicException panic) {
            System.out.println("Rust panicked, and Java caught it: " + panic.panicMessage());
        }
        System.out.println("The instance is still live: 84 / 2 = " + greeter.checkedDivide(84, 2));
    }
}
