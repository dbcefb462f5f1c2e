package dev.wasmbridge.processor;

import com.google.auto.service.AutoService;
import dev.wasmbridge.wasmeh.ModuleSkeleton;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;

/**
 * Generates a binding class for every {@code @WasmModule} interface: validates the interface against the
 * real {@code .wasm} ({@link BindingValidator}), builds a {@link BindingModel}, writes it ({@link
 * BindingWriter}).
 *
 * <p>Option {@code -Awasmbridge.path=<folders>}: extra folders to look for {@code .wasm} files in.
 */
@AutoService(Processor.class)
public final class WasmBridgeProcessor extends AbstractProcessor {
    /** Translations written in this compilation: several interfaces may bind one module. */
    private final Set<String> translationsWritten = new HashSet<>();

    /** Skeletons written in this compilation (see {@link ModuleSkeleton}). */
    private final Set<String> skeletonsWritten = new HashSet<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(BindingValidator.WASM_MODULE);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(WasmFileLocator.PATH_OPTION, MachineCompiler.OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (annotations.isEmpty()) {
            return false;
        }
        Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
        WasmFileLocator locator = new WasmFileLocator(
                processingEnv.getFiler(), processingEnv.getOptions().get(WasmFileLocator.PATH_OPTION));
        BindingValidator validator = new BindingValidator(processingEnv.getElementUtils(), diagnostics, locator);
        TypeElement annotation = processingEnv.getElementUtils().getTypeElement(BindingValidator.WASM_MODULE);
        try {
            for (Element element : round.getElementsAnnotatedWith(annotation)) {
                validator.validate((TypeElement) element).ifPresent(model -> write(model, element));
            }
        } finally {
            diagnostics.flush(); // once per element, for every interface of the round that shares it
        }
        return true;
    }

    private void write(BindingModel model, Element element) {
        try {
            writeTranslation(model.module());
            BindingWriter.write(model, compileMachine(model, element)).writeTo(processingEnv.getFiler());
            writeRecord(model, (TypeElement) element);
        } catch (IOException e) {
            processingEnv
                    .getMessager()
                    .printMessage(Diagnostic.Kind.ERROR, "Could not write " + model.generated() + ": " + e, element);
        }
    }

    /**
     * Compiles the module to JVM bytecode next to the bindings.
     *
     * @return the machine class and the digest of the module it was compiled from, or null when build-time
     *     compilation is off or failed (the runtime then compiles on first use)
     */
    private BindingWriter.Machine compileMachine(BindingModel model, Element element) throws IOException {
        if ("false".equals(processingEnv.getOptions().get(MachineCompiler.OPTION))) {
            return null;
        }
        String machine = MachineCompiler.machineClassName(model.generated().reflectionName());
        MachineCompiler.Compiled compiled;
        try {
            compiled = MachineCompiler.compile(model.module().runnable(), machine);
        } catch (RuntimeException e) {
            new Diagnostics(processingEnv.getMessager())
                    .report(element, Message.COMPILE_FAILED, model.module().resource(), e);
            return null;
        }
        if (!compiled.oversized().isEmpty()) {
            List<MachineCompiler.Oversized> oversized = compiled.oversized();
            String listed = oversized.stream()
                            .limit(8)
                            .map(MachineCompiler.Oversized::describe)
                            .collect(java.util.stream.Collectors.joining(", "))
                    + (oversized.size() > 8 ? " and " + (oversized.size() - 8) + " more" : "");
            new Diagnostics(processingEnv.getMessager())
                    .report(
                            element,
                            Message.HUGE_METHODS,
                            model.module().resource(),
                            oversized.size() == 1 ? "1 JVM method" : oversized.size() + " JVM methods",
                            listed);
        }
        if (skeletonsWritten.add(model.module().skeletonPath())) {
            writeResource(
                    model.module().skeletonPath(),
                    ModuleSkeleton.of(model.module().runnable()),
                    element);
        }
        for (Map.Entry<String, byte[]> entry : compiled.classes().entrySet()) {
            String binaryName = entry.getKey().replace('/', '.');
            JavaFileObject file = processingEnv.getFiler().createClassFile(binaryName, element);
            try (OutputStream out = file.openOutputStream()) {
                out.write(entry.getValue());
            }
        }
        return new BindingWriter.Machine(
                machine,
                compiled.moduleDigest(),
                compiled.oversized().stream()
                        .map(MachineCompiler.Oversized::describe)
                        .toList(),
                compiled.exports());
    }

    /**
     * Records in the class output which module the bindings were checked against ({@link BindingsRecord}),
     * for the build plugin's {@code refresh} goal.
     */
    private void writeRecord(BindingModel model, TypeElement element) throws IOException {
        Element outermost = element;
        while (outermost.getEnclosingElement() instanceof TypeElement enclosing) {
            outermost = enclosing;
        }
        BindingsRecord record = new BindingsRecord(
                processingEnv.getElementUtils().getBinaryName(element).toString(),
                processingEnv
                        .getElementUtils()
                        .getBinaryName((TypeElement) outermost)
                        .toString(),
                model.generated().reflectionName(),
                model.module().resource(),
                model.module().sha256(),
                model.module().where());
        writeResource(record.path(), record.text().getBytes(java.nio.charset.StandardCharsets.UTF_8), element);
    }

    /** Writes {@code bytes} to {@code path} in the class output. */
    private void writeResource(String path, byte[] bytes, Element... originating) throws IOException {
        FileObject file = processingEnv.getFiler().createResource(StandardLocation.CLASS_OUTPUT, "", path, originating);
        try (OutputStream out = file.openOutputStream()) {
            out.write(bytes);
        }
    }

    /** Puts the exnref translation of a legacy module in the class output, where the bindings load it. */
    private void writeTranslation(BindingModel.ModuleFile module) throws IOException {
        if (!module.translated() || !translationsWritten.add(module.translationPath())) {
            return;
        }
        writeResource(module.translationPath(), module.runnable());
    }
}
