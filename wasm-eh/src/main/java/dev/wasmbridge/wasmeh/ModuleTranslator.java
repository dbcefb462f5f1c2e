package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;

/**
 * Produces the exnref form of a module that uses legacy exception handling: function bodies
 * with legacy instructions are rewritten by {@link BodyTranslator}, the block types they need
 * are appended to the type section, and every other byte of the module is copied unchanged.
 */
final class ModuleTranslator {
    private ModuleTranslator() {}

    static WasmModule translate(WasmModule module) {
        byte[] bytes = module.bytes();
        ModuleIndex index = module.index();
        TypePool types = new TypePool(index);
        List<byte[]> newEntries = new ArrayList<>();
        for (FunctionBody body : index.bodies()) {
            newEntries.add(body.usesLegacy() ? BodyTranslator.translate(bytes, index, types, body) : null);
        }
        List<Section> sections = new ArrayList<>(module.sections());
        if (index.codeSection() >= 0) {
            sections.set(index.codeSection(), codeSection(bytes, index, sections.get(index.codeSection()), newEntries));
        }
        List<FuncType> appended = types.appendedTypes();
        if (!appended.isEmpty()) {
            if (index.typeSection() >= 0) {
                sections.set(
                        index.typeSection(), typeSection(bytes, index, sections.get(index.typeSection()), appended));
            } else {
                sections.add(firstNonCustom(sections), newTypeSection(appended));
            }
        }
        ByteWriter out = new ByteWriter(bytes.length + bytes.length / 4);
        out.writeBytes(bytes, 0, 8);
        for (Section section : sections) {
            section.writeTo(out);
        }
        return WasmModule.parse(out.toByteArray());
    }

    private static Section codeSection(byte[] bytes, ModuleIndex index, Section original, List<byte[]> newEntries) {
        ByteWriter payload = new ByteWriter(original.payloadSize() * 2);
        payload.writeBytes(bytes, original.payloadStart(), index.codeCountEnd());
        List<FunctionBody> bodies = index.bodies();
        for (int i = 0; i < bodies.size(); i++) {
            byte[] replacement = newEntries.get(i);
            if (replacement != null) {
                payload.writeBytes(replacement);
            } else {
                payload.writeBytes(
                        bytes, bodies.get(i).entryStart(), bodies.get(i).end());
            }
        }
        return Section.of(SectionId.CODE, payload.toByteArray());
    }

    static Section typeSection(byte[] bytes, ModuleIndex index, Section original, List<FuncType> appended) {
        ByteReader countReader = new ByteReader(bytes, index.typeCountStart(), original.end());
        long entries = countReader.readU32("type count");
        ByteWriter payload = new ByteWriter(original.payloadSize() + appended.size() * 8);
        payload.writeUnsigned(entries + appended.size());
        payload.writeBytes(bytes, index.typeEntriesStart(), original.end());
        appended.forEach(type -> type.writeTo(payload));
        return Section.of(SectionId.TYPE, payload.toByteArray());
    }

    static Section newTypeSection(List<FuncType> appended) {
        ByteWriter payload = new ByteWriter();
        payload.writeUnsigned(appended.size());
        appended.forEach(type -> type.writeTo(payload));
        return Section.of(SectionId.TYPE, payload.toByteArray());
    }

    static int firstNonCustom(List<Section> sections) {
        for (int i = 0; i < sections.size(); i++) {
            if (!sections.get(i).isCustom()) {
                return i;
            }
        }
        return sections.size();
    }
}
