package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@link FunctionOutliner} to every function of a module over the budget, then writes
 * the module with the new functions appended: their types to the type section, their type
 * indices to the function section, their bodies to the code section and their names to the
 * {@code name} section.
 */
final class ModuleSplitter implements FunctionOutliner.Module {
    /** Functions with more locals than this are left as they are (and reported). */
    private static final long MAX_LOCALS = 50_000;

    private final WasmModule module;
    private final byte[] bytes;
    private final ModuleIndex index;
    private final TypePool types;
    private final int functionCount;
    private final int importedCount;
    private final List<FuncType> newTypes = new ArrayList<>();
    private final List<byte[]> newEntries = new ArrayList<>();
    private final List<Integer> origins = new ArrayList<>();
    private Set<FuncType> indirectlyCalled;

    private ModuleSplitter(WasmModule module) {
        this.module = module;
        this.bytes = module.bytes();
        this.index = module.index();
        this.types = new TypePool(index);
        this.functionCount = index.functionTypeIndices().size();
        this.importedCount = functionCount - index.bodies().size();
    }

    static List<OversizedFunction> oversized(WasmModule module, long budget) {
        ModuleSplitter splitter = new ModuleSplitter(module);
        Map<Integer, String> names = NameSection.functionNames(module);
        List<OversizedFunction> result = new ArrayList<>();
        for (FunctionBody body : splitter.index.bodies()) {
            int function = splitter.importedCount + body.definedIndex();
            long size = FunctionOutliner.estimate(splitter, function, body.localCount(), splitter.code(body));
            if (size > budget) {
                result.add(new OversizedFunction(function, names.get(function), size));
            }
        }
        return result;
    }

    /**
     * Splits every function over the budget.
     *
     * @param everything for tests: move every region that can move (see
     *     {@link FunctionOutliner#split})
     */
    static WasmModule split(WasmModule module, long budget, boolean everything) {
        ModuleSplitter splitter = new ModuleSplitter(module);
        List<byte[]> entries = new ArrayList<>();
        for (FunctionBody body : splitter.index.bodies()) {
            entries.add(splitter.split(body, budget, everything));
        }
        return splitter.write(entries);
    }

    private byte[] code(FunctionBody body) {
        return Arrays.copyOfRange(bytes, body.codeStart(), body.end());
    }

    /** Returns the function's new code entry, or null when it stays as it is. */
    private byte[] split(FunctionBody body, long budget, boolean everything) {
        int function = importedCount + body.definedIndex();
        byte[] code = code(body);
        if (body.localCount() > MAX_LOCALS
                || FunctionOutliner.estimate(this, function, body.localCount(), code) <= budget) {
            return null;
        }
        FunctionOutliner.Split split = FunctionOutliner.split(
                this, function, localTypes(body, function), body.localCount(), code, budget, everything);
        if (split == null) {
            return null;
        }
        ByteWriter content = new ByteWriter(split.code().length
                + body.codeStart()
                - body.localsStart()
                + 3 * split.addedLocals().size());
        content.writeUnsigned(
                body.localGroupCount() + (long) split.addedLocals().size());
        content.writeBytes(bytes, body.localGroupsStart(), body.codeStart());
        for (ValueType type : split.addedLocals()) {
            content.writeUnsigned(1);
            type.writeTo(content);
        }
        content.writeBytes(split.code());
        byte[] entry = content.toByteArray();
        ByteWriter sized = new ByteWriter(entry.length + 5);
        sized.writeUnsigned(entry.length).writeBytes(entry);
        return sized.toByteArray();
    }

    private List<ValueType> localTypes(FunctionBody body, int function) {
        List<ValueType> locals =
                new ArrayList<>(functionType(function, body.entryStart()).params());
        ByteReader reader = new ByteReader(bytes, body.localGroupsStart(), body.codeStart());
        for (int g = 0; g < body.localGroupCount(); g++) {
            long count = reader.readU32("local count");
            ValueType type = ValueType.read(reader);
            for (long i = 0; i < count; i++) {
                locals.add(type);
            }
        }
        return locals;
    }

    @Override
    public FuncType functionType(long function, int offset) {
        if (function >= functionCount && function < functionCount + newTypes.size()) {
            return newTypes.get((int) (function - functionCount));
        }
        if (function < 0 || function >= functionCount) {
            throw new MalformedWasmException("unknown function " + function, offset);
        }
        return types.typeAt(index.functionTypeIndices().get((int) function), "function " + function, offset);
    }

    @Override
    public TypePool types() {
        return types;
    }

    @Override
    public int nextFunctionIndex() {
        return functionCount + newTypes.size();
    }

    @Override
    public void addFunction(int origin, FuncType type, byte[] entry) {
        types.indexOf(type);
        newTypes.add(type);
        newEntries.add(entry);
        origins.add(origin);
    }

    @Override
    public boolean isCalledIndirectly(FuncType type) {
        if (indirectlyCalled == null) {
            indirectlyCalled = new HashSet<>();
            for (FunctionBody body : index.bodies()) {
                BodyStructure code =
                        BodyStructure.decode(code(body), f -> 0, "function " + (importedCount + body.definedIndex()));
                for (int i = 0; i < code.instructions.size(); i++) {
                    int opcode = code.instructions.get(i).opcode();
                    if (opcode == Opcodes.CALL_INDIRECT || opcode == Opcodes.RETURN_CALL_INDIRECT) {
                        indirectlyCalled.add(types.typeAt(
                                code.immediate(i),
                                "call_indirect",
                                code.instructions.get(i).start()));
                    }
                }
            }
        }
        return indirectlyCalled.contains(type);
    }

    private WasmModule write(List<byte[]> entries) {
        List<Section> sections = new ArrayList<>(module.sections());
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            if (section.id() == SectionId.FUNCTION) {
                sections.set(i, functionSection(section));
            } else if (section.id() == SectionId.CODE) {
                sections.set(i, codeSection(section, entries));
            } else if (section.customName().filter("name"::equals).isPresent()) {
                sections.set(i, NameSection.withOutlinedNames(section, functionCount, origins));
            }
        }
        List<FuncType> appended = types.appendedTypes();
        if (!appended.isEmpty()) {
            if (index.typeSection() >= 0) {
                sections.set(
                        index.typeSection(),
                        ModuleTranslator.typeSection(bytes, index, sections.get(index.typeSection()), appended));
            } else {
                sections.add(ModuleTranslator.firstNonCustom(sections), ModuleTranslator.newTypeSection(appended));
            }
        }
        ByteWriter out = new ByteWriter(bytes.length + bytes.length / 8);
        out.writeBytes(bytes, 0, 8);
        for (Section section : sections) {
            section.writeTo(out);
        }
        return WasmModule.parse(out.toByteArray());
    }

    private Section functionSection(Section original) {
        ByteReader reader = new ByteReader(bytes, original.payloadStart(), original.end());
        long count = reader.readU32("function count");
        ByteWriter payload = new ByteWriter(original.payloadSize() + newTypes.size() * 3);
        payload.writeUnsigned(count + newTypes.size());
        payload.writeBytes(bytes, reader.position(), original.end());
        for (FuncType type : newTypes) {
            payload.writeUnsigned(types.indexOf(type));
        }
        return Section.of(SectionId.FUNCTION, payload.toByteArray());
    }

    private Section codeSection(Section original, List<byte[]> entries) {
        ByteWriter payload = new ByteWriter(original.payloadSize() + original.payloadSize() / 8);
        payload.writeUnsigned(entries.size() + newEntries.size());
        List<FunctionBody> bodies = index.bodies();
        for (int i = 0; i < bodies.size(); i++) {
            if (entries.get(i) != null) {
                payload.writeBytes(entries.get(i));
            } else {
                payload.writeBytes(
                        bytes, bodies.get(i).entryStart(), bodies.get(i).end());
            }
        }
        newEntries.forEach(payload::writeBytes);
        return Section.of(SectionId.CODE, payload.toByteArray());
    }
}
