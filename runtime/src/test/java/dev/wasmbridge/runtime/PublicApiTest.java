package dev.wasmbridge.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API package shows users no internal type and no engine type: no public or protected
 * signature in {@code dev.wasmbridge.runtime} (supertypes, fields, constructors, methods, their generic
 * arguments and exceptions) names {@code dev.wasmbridge.runtime.internal} or Chicory. Generated code may
 * use both; an engine upgrade or an internal change must not break hand-written code.
 */
class PublicApiTest {
    private static final List<String> FORBIDDEN = List.of("dev.wasmbridge.runtime.internal.", "com.dylibso.chicory.");

    @Test
    void noPublicSignatureNamesAnInternalOrEngineType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (Class<?> type : apiClasses()) {
            if (!visible(type.getModifiers())) {
                continue;
            }
            check(leaks, type + " extends", type.getGenericSuperclass());
            for (Type implemented : type.getGenericInterfaces()) {
                check(leaks, type + " implements", implemented);
            }
            for (Field field : type.getDeclaredFields()) {
                if (visible(field.getModifiers())) {
                    check(leaks, field.toString(), field.getGenericType());
                }
            }
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                checkExecutable(leaks, constructor);
            }
            for (Method method : type.getDeclaredMethods()) {
                if (!method.isSynthetic()) {
                    checkExecutable(leaks, method);
                    if (visible(method.getModifiers())) {
                        check(leaks, method.toString(), method.getGenericReturnType());
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);
    }

    /** The check sees the API: a known public type with members is among the classes it reads. */
    @Test
    void readsTheWholePackage() throws Exception {
        List<String> names = apiClasses().stream().map(Class::getSimpleName).toList();
        assertTrue(
                names.containsAll(List.of("WasmBindings", "ModuleSource", "Engine", "WasmAbortException")),
                names.toString());
    }

    private static void checkExecutable(List<String> leaks, Executable executable) {
        if (!visible(executable.getModifiers())) {
            return;
        }
        for (Type parameter : executable.getGenericParameterTypes()) {
            check(leaks, executable.toString(), parameter);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            check(leaks, executable.toString(), thrown);
        }
    }

    private static void check(List<String> leaks, String where, Type type) {
        TreeSet<String> names = new TreeSet<>();
        collect(type, names, 0);
        for (String name : names) {
            if (FORBIDDEN.stream().anyMatch(name::startsWith)) {
                leaks.add(where + ": " + name);
            }
        }
    }

    private static void collect(Type type, TreeSet<String> names, int depth) {
        if (type == null || depth > 8) {
            return;
        }
        if (type instanceof Class<?> c) {
            names.add(c.isArray() ? c.getComponentType().getName() : c.getName());
        } else if (type instanceof ParameterizedType p) {
            collect(p.getRawType(), names, depth + 1);
            for (Type argument : p.getActualTypeArguments()) {
                collect(argument, names, depth + 1);
            }
        } else if (type instanceof GenericArrayType a) {
            collect(a.getGenericComponentType(), names, depth + 1);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                collect(bound, names, depth + 1);
            }
            for (Type bound : w.getLowerBounds()) {
                collect(bound, names, depth + 1);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                collect(bound, names, depth + 1);
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** Every class of the package {@code dev.wasmbridge.runtime} (not its subpackages), nested ones too. */
    private static List<Class<?>> apiClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(WasmBindings.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path folder = root.resolve("dev/wasmbridge/runtime");
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.equals("package-info.class")) {
                    classes.add(Class.forName(
                            "dev.wasmbridge.runtime." + name.substring(0, name.length() - 6),
                            false,
                            PublicApiTest.class.getClassLoader()));
                }
            }
        }
        return classes;
    }
}
