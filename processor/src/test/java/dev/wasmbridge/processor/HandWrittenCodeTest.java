package dev.wasmbridge.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code users write needs the runtime's public API only. Compiles the hand-written sources of the demo,
 * the example calculator and the archetype's project with the annotation processor, as their builds do, and
 * checks every name they use after javac resolved it: no type, method or field of {@value #INTERNAL} or of
 * the engine ({@value #ENGINE}), imported, written out in full or reached through a generated class. The
 * generated bindings may use both; what users write must not have to.
 */
class HandWrittenCodeTest {
    private static final String INTERNAL = RuntimeNames.INTERNAL;
    private static final String ENGINE = "com.dylibso.chicory";

    private static final Path ROOT = Path.of(System.getProperty("wasmbridge.root", ".."));

    @TempDir
    Path output;

    @Test
    void demoUsesThePublicApiOnly() throws IOException {
        assertEquals(
                List.of(),
                internalUses(
                        sources(ROOT.resolve("demo/src/main/java"), null), ROOT.resolve("demo/src/main/resources")));
    }

    @Test
    void exampleCalculatorUsesThePublicApiOnly() throws IOException {
        Path project = ROOT.resolve("examples/calculator");
        List<JavaFileObject> sources = new ArrayList<>(sources(project.resolve("src/main/java"), null));
        sources.addAll(sources(project.resolve("src/test/java"), null));
        assertEquals(List.of(), internalUses(sources, project.resolve("src/main/resources")));
    }

    @Test
    void archetypeProjectUsesThePublicApiOnly() throws IOException {
        Path project = ROOT.resolve("archetype/src/main/resources/archetype-resources");
        List<JavaFileObject> sources = new ArrayList<>(sources(project.resolve("src/main/java"), "com.example"));
        sources.addAll(sources(project.resolve("src/test/java"), "com.example"));
        assertEquals(List.of(), internalUses(sources, project.resolve("src/main/resources")));
    }

    /** The check itself finds what it must: an import, a name in full, a method reached through bindings. */
    @Test
    void internalNamesAreFound() throws IOException {
        JavaFileObject bad = source("test/Bad.java", """
                package test;

                import dev.wasmbridge.runtime.internal.CallBoundary;

                class Bad {
                    int generation(dev.wasmbridge.runtime.internal.Instances instances) {
                        CallBoundary call = instances.enter();
                        call.exit();
                        return instances.generation();
                    }
                }
                """);
        List<String> found = internalUses(List.of(bad), output);
        assertTrue(found.contains("Bad.java:3: dev.wasmbridge.runtime.internal.CallBoundary"), found.toString());
        assertTrue(found.contains("Bad.java:6: dev.wasmbridge.runtime.internal.Instances"), found.toString());
        assertTrue(
                found.stream().anyMatch(f -> f.startsWith("Bad.java:7: ") && f.contains("enter()")), found.toString());
        // generation() is WasmBindings's, which Instances extends: public API, not reported
        assertTrue(found.stream().noneMatch(f -> f.contains("generation()")), found.toString());
    }

    /**
     * Compiles {@code sources} with the processor (finding their {@code .wasm} in {@code resources}) and
     * lists every use of an internal or engine name in them, as {@code "File.java:line: name"}.
     */
    private List<String> internalUses(List<JavaFileObject> sources, Path resources) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path classes = Files.createDirectories(output.resolve("classes"));
        Path generated = Files.createDirectories(output.resolve("generated"));
        StringWriter messages = new StringWriter();
        JavacTask task = (JavacTask) javac.getTask(
                messages,
                null,
                null,
                List.of(
                        "-d",
                        classes.toString(),
                        "-s",
                        generated.toString(),
                        "--release",
                        "17",
                        "-classpath",
                        System.getProperty("java.class.path"),
                        "-A" + WasmFileLocator.PATH_OPTION + "=" + resources.toAbsolutePath()),
                null,
                sources);
        task.setProcessors(List.of(new WasmBridgeProcessor()));
        Set<String> found = new TreeSet<>();
        Trees trees = Trees.instance(task);
        Elements elements = task.getElements();
        Types types = task.getTypes();
        int[] analyzed = {0};
        Set<URI> handWritten = new java.util.HashSet<>();
        sources.forEach(source -> handWritten.add(source.toUri()));
        task.addTaskListener(new TaskListener() {
            @Override
            public void finished(TaskEvent event) {
                if (event.getKind() == TaskEvent.Kind.ANALYZE
                        && handWritten.contains(event.getSourceFile().toUri())) {
                    analyzed[0]++;
                    new Scanner(trees, elements, types, event.getCompilationUnit(), found)
                            .scan(event.getCompilationUnit(), null);
                }
            }
        });
        boolean compiled = task.call();
        assertTrue(compiled, "the sources do not compile:\n" + messages);
        assertTrue(
                analyzed[0] == handWritten.size(),
                "javac analyzed " + analyzed[0] + " of the " + handWritten.size() + " hand-written files");
        return List.copyOf(found);
    }

    /** Reports every resolved name of an internal or engine package. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final Trees trees;
        private final Elements elements;
        private final Types types;
        private final CompilationUnitTree unit;
        private final Set<String> found;

        Scanner(Trees trees, Elements elements, Types types, CompilationUnitTree unit, Set<String> found) {
            this.trees = trees;
            this.elements = elements;
            this.types = types;
            this.unit = unit;
            this.found = found;
        }

        @Override
        public Void visitIdentifier(IdentifierTree node, Void unused) {
            check();
            return super.visitIdentifier(node, unused);
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree node, Void unused) {
            check();
            return super.visitMemberSelect(node, unused);
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            check();
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitNewClass(NewClassTree node, Void unused) {
            check();
            return super.visitNewClass(node, unused);
        }

        private void check() {
            TreePath path = getCurrentPath();
            Element element = trees.getElement(path);
            TypeMirror type = trees.getTypeMirror(path);
            String name = null;
            if (element != null && forbidden(packageOf(element)) && !overridesPublicApi(element)) {
                name = element.getKind() == ElementKind.PACKAGE || element instanceof TypeElement
                        ? element.toString()
                        : element.getEnclosingElement() + "." + element;
            } else if (type != null
                    && (type.toString().contains(INTERNAL + ".")
                            || type.toString().contains(ENGINE + "."))) {
                name = type.toString();
            }
            if (name != null) {
                long line = unit.getLineMap()
                        .getLineNumber(trees.getSourcePositions().getStartPosition(unit, path.getLeaf()));
                String file = Path.of(unit.getSourceFile().toUri().getPath())
                        .getFileName()
                        .toString();
                found.add(file + ":" + line + ": " + name);
            }
        }

        /**
         * Whether {@code element} is a method that overrides one of a public type (a {@code WasmBindings}
         * method called on generated bindings resolves to their internal superclass's implementation).
         */
        private boolean overridesPublicApi(Element element) {
            if (!(element instanceof ExecutableElement method)
                    || !(method.getEnclosingElement() instanceof TypeElement owner)) {
                return false;
            }
            List<TypeElement> supertypes = new ArrayList<>();
            collectSupertypes(owner.asType(), supertypes);
            for (TypeElement supertype : supertypes) {
                if (forbidden(packageOf(supertype))) {
                    continue;
                }
                for (ExecutableElement candidate : ElementFilter.methodsIn(supertype.getEnclosedElements())) {
                    if (elements.overrides(method, candidate, owner)) {
                        return true;
                    }
                }
            }
            return false;
        }

        private void collectSupertypes(TypeMirror type, List<TypeElement> into) {
            for (TypeMirror supertype : types.directSupertypes(type)) {
                into.add((TypeElement) types.asElement(supertype));
                collectSupertypes(supertype, into);
            }
        }

        private String packageOf(Element element) {
            PackageElement pkg = elements.getPackageOf(element);
            return pkg == null ? "" : pkg.getQualifiedName().toString();
        }

        private static boolean forbidden(String name) {
            return name.equals(INTERNAL)
                    || name.startsWith(INTERNAL + ".")
                    || name.equals(ENGINE)
                    || name.startsWith(ENGINE + ".");
        }
    }

    /** The {@code .java} files under {@code folder}, with {@code ${package}} replaced (archetype templates). */
    private static List<JavaFileObject> sources(Path folder, String archetypePackage) throws IOException {
        assertTrue(Files.isDirectory(folder), folder + " is missing");
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .sorted()
                    .map(f -> {
                        try {
                            String text = Files.readString(f);
                            if (archetypePackage != null) {
                                text = text.replace("${package}", archetypePackage);
                            }
                            return source(folder.relativize(f).toString(), text);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }

    private static JavaFileObject source(String path, String text) {
        return new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }
}
