package dev.wasmbridge.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleBindingsTest {
    @TempDir
    Path classes;

    private final List<String> log = new ArrayList<>();
    private Path module;
    private byte[] original = {0, 'a', 's', 'm', 1, 0, 0, 0};

    @BeforeEach
    void compiledOnce() throws IOException {
        module = write("wasm/app.wasm", original);
        write("com/example/App.class", new byte[] {1});
        write("com/example/App$Nested.class", new byte[] {1});
        write("com/example/AppBindings.class", new byte[] {1});
        write("com/example/AppBindings$CounterObject.class", new byte[] {1});
        write("com/example/AppBindingsMachine.class", new byte[] {1});
        write("com/example/AppBindingsMachineFuncGroup_0.class", new byte[] {1});
        write("com/example/Other.class", new byte[] {1});
        write("com/example/OtherBindings.class", new byte[] {1});
        write("META-INF/wasmbridge/exnref/" + StaleBindings.sha256(original) + "/wasm/app.wasm", new byte[] {2});
        record("com.example.AppBindings", "com.example.App", module, original);
    }

    @Test
    void unchangedModuleLeavesEverything() throws IOException {
        assertEquals(List.of(), new StaleBindings(classes, log::add).refresh());
        assertTrue(Files.exists(classes.resolve("com/example/App.class")));
        assertTrue(Files.exists(classes.resolve("com/example/AppBindings.class")));
        assertEquals(List.of(), log);
    }

    @Test
    void changedModuleDeletesTheInterfaceAndWhatWasGeneratedFromIt() throws IOException {
        Files.write(module, new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 0});
        List<StaleBindings.Stale> stale = new StaleBindings(classes, log::add).refresh();
        assertEquals(1, stale.size());
        assertEquals("com.example.App", stale.get(0).interfaceName());
        assertTrue(
                stale.get(0).reason().startsWith("changed (SHA-256 "),
                stale.get(0).reason());
        for (String gone : List.of(
                "App.class",
                "AppBindings.class",
                "AppBindings$CounterObject.class",
                "AppBindingsMachine.class",
                "AppBindingsMachineFuncGroup_0.class")) {
            assertFalse(Files.exists(classes.resolve("com/example/" + gone)), gone);
        }
        // other classes stay; the nested class of the interface is recompiled with it anyway
        assertTrue(Files.exists(classes.resolve("com/example/Other.class")));
        assertTrue(Files.exists(classes.resolve("com/example/OtherBindings.class")));
        assertFalse(Files.exists(classes.resolve("META-INF/wasmbridge/bindings/com.example.AppBindings.properties")));
        assertFalse(Files.exists(classes.resolve("META-INF/wasmbridge/exnref/" + StaleBindings.sha256(original))));
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("Wasm module wasm/app.wasm changed (SHA-256 "), log.get(0));
        assertTrue(log.get(0).endsWith("since com.example.App was checked against it: javac will check it again."));
        // the next compilation writes a new record: until then, nothing more to do
        assertEquals(List.of(), new StaleBindings(classes, log::add).refresh());
    }

    @Test
    void aTranslationAnotherBindingStillUsesIsKept() throws IOException {
        record("com.example.OtherBindings", "com.example.Other", module, original);
        Path otherModule = write("wasm/other.wasm", original);
        record("com.example.OtherBindings", "com.example.Other", otherModule, original);
        Files.write(module, new byte[] {9});
        assertEquals(1, new StaleBindings(classes, log::add).refresh().size());
        assertTrue(Files.exists(classes.resolve("META-INF/wasmbridge/exnref/" + StaleBindings.sha256(original))));
    }

    @Test
    void aDeletedModuleIsStale() throws IOException {
        Files.delete(module);
        List<StaleBindings.Stale> stale = new StaleBindings(classes, log::add).refresh();
        assertEquals(1, stale.size());
        assertTrue(
                stale.get(0).reason().startsWith("is gone from file:"),
                stale.get(0).reason());
        assertFalse(Files.exists(classes.resolve("com/example/App.class")));
    }

    @Test
    void aModuleReadFromAJarIsCheckedToo() throws IOException {
        Path jar = classes.resolveSibling(classes.getFileName() + "-lib.jar");
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("wasm/lib.wasm"));
            out.write(original);
            out.closeEntry();
        }
        write("com/example/Lib.class", new byte[] {1});
        writeRecord(
                "com.example.LibBindings",
                "com.example.Lib",
                "jar:" + jar.toUri() + "!/wasm/lib.wasm",
                StaleBindings.sha256(original));
        assertEquals(List.of(), new StaleBindings(classes, log::add).refresh());
        writeRecord(
                "com.example.LibBindings",
                "com.example.Lib",
                "jar:" + jar.toUri() + "!/wasm/lib.wasm",
                StaleBindings.sha256(new byte[] {7}));
        assertEquals(1, new StaleBindings(classes, log::add).refresh().size());
        assertFalse(Files.exists(classes.resolve("com/example/Lib.class")));
        Files.delete(jar);
    }

    @Test
    void aRecordFromAnotherVersionSaysWhatToDo() throws IOException {
        write(
                StaleBindings.RECORDS + "/com.example.Old.properties",
                "module=wasm/x.wasm\n".getBytes(StandardCharsets.UTF_8));
        IOException e = assertThrows(IOException.class, () -> new StaleBindings(classes, log::add).refresh());
        assertTrue(e.getMessage().endsWith("Run `mvn clean verify` once."), e.getMessage());
    }

    @Test
    void noRecordsNoWork() throws IOException {
        Path empty = Files.createDirectories(classes.resolve("empty"));
        assertEquals(List.of(), new StaleBindings(empty, log::add).refresh());
    }

    private Path write(String path, byte[] bytes) throws IOException {
        Path file = classes.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private void record(String bindings, String source, Path moduleFile, byte[] bytes) throws IOException {
        writeRecord(bindings, source, moduleFile.toUri().toString(), StaleBindings.sha256(bytes));
    }

    private void writeRecord(String bindings, String source, String found, String sha256) throws IOException {
        String module = found.substring(found.indexOf("wasm/"));
        write(
                StaleBindings.RECORDS + "/" + bindings + ".properties",
                ("interface=" + source + "\nsource=" + source + "\nbindings=" + bindings + "\nmodule=" + module
                                + "\nsha256=" + sha256 + "\nfound=" + found + "\n")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
