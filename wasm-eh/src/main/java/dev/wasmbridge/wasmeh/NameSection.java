package dev.wasmbridge.wasmeh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the function names of the {@code name} custom section and adds names for the functions
 * {@link FunctionSplitter} creates. A name section that cannot be read is left as it is (engines
 * ignore custom sections, so it is no reason to refuse a module).
 */
final class NameSection {
    private static final int FUNCTION_NAMES = 1;
    private static final int LOCAL_NAMES = 2;

    private NameSection() {}

    /** The function names of the module's name section (empty without one). */
    static Map<Integer, String> functionNames(WasmModule module) {
        for (Section section : module.sections()) {
            if (section.customName().filter("name"::equals).isPresent()) {
                try {
                    return read(section.payload());
                } catch (MalformedWasmException unreadable) {
                    return Map.of();
                }
            }
        }
        return Map.of();
    }

    private static Map<Integer, String> read(byte[] payload) {
        Map<Integer, String> names = new HashMap<>();
        ByteReader reader = new ByteReader(payload, 0, payload.length);
        reader.readByteVector("custom section name");
        for (Subsection subsection : subsections(reader)) {
            if (subsection.id() != FUNCTION_NAMES) {
                continue;
            }
            ByteReader entries = new ByteReader(payload, subsection.contentStart(), subsection.end());
            int count = entries.readCount("function name", 2);
            for (int i = 0; i < count; i++) {
                int function = entries.readIndex("function index");
                int start = entries.readByteVector("function name");
                names.put(function, new String(payload, start, entries.position() - start, StandardCharsets.UTF_8));
            }
            if (!entries.atEnd()) {
                throw entries.error("function name subsection size mismatch");
            }
        }
        return names;
    }

    /**
     * Returns the name section with names for the new functions {@code first},
     * {@code first + 1}, ...: {@code <origin name>.outlined.<n>}, counting from 1 per origin.
     *
     * @param origins the function each new function was cut from, in order
     */
    static Section withOutlinedNames(Section original, int first, List<Integer> origins) {
        if (origins.isEmpty()) {
            return original;
        }
        byte[] payload = original.payload();
        try {
            Map<Integer, String> names = read(payload);
            return Section.of(SectionId.CUSTOM, rewrite(payload, first, origins, names));
        } catch (MalformedWasmException unreadable) {
            return original;
        }
    }

    private static byte[] rewrite(byte[] payload, int first, List<Integer> origins, Map<Integer, String> names) {
        ByteWriter out = new ByteWriter(payload.length + origins.size() * 32);
        ByteReader reader = new ByteReader(payload, 0, payload.length);
        reader.readByteVector("custom section name");
        out.writeBytes(payload, 0, reader.position());
        boolean written = false;
        for (Subsection subsection : subsections(reader)) {
            int id = subsection.id();
            int size = subsection.end() - subsection.contentStart();
            if (id == FUNCTION_NAMES) {
                ByteReader entries = new ByteReader(payload, subsection.contentStart(), subsection.end());
                long count = entries.readU32("function name count");
                ByteWriter content = new ByteWriter(size + origins.size() * 32);
                content.writeUnsigned(count + origins.size());
                content.writeBytes(payload, entries.position(), subsection.end());
                writeNew(content, first, origins, names);
                writeSubsection(out, content.toByteArray());
                written = true;
                continue;
            }
            if (id > FUNCTION_NAMES && !written) {
                writeNewSubsection(out, first, origins, names);
                written = true;
            }
            out.writeBytes(payload, subsection.start(), subsection.end());
        }
        if (!written) {
            writeNewSubsection(out, first, origins, names);
        }
        return out.toByteArray();
    }

    private static void writeNewSubsection(
            ByteWriter out, int first, List<Integer> origins, Map<Integer, String> names) {
        ByteWriter content = new ByteWriter(origins.size() * 32);
        content.writeUnsigned(origins.size());
        writeNew(content, first, origins, names);
        writeSubsection(out, content.toByteArray());
    }

    private static void writeSubsection(ByteWriter out, byte[] content) {
        out.writeByte(FUNCTION_NAMES).writeUnsigned(content.length).writeBytes(content);
    }

    private static void writeNew(ByteWriter out, int first, List<Integer> origins, Map<Integer, String> names) {
        Map<Integer, Integer> counters = new HashMap<>();
        for (int i = 0; i < origins.size(); i++) {
            int origin = origins.get(i);
            int n = counters.merge(origin, 1, Integer::sum);
            String name = names.getOrDefault(origin, "function" + origin) + ".outlined." + n;
            byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
            out.writeUnsigned(first + i).writeUnsigned(utf8.length).writeBytes(utf8);
        }
    }

    /**
     * Returns the name section with the local names of some functions moved for a new parameter: for each
     * function {@code f} of {@code inserted}, the locals from index {@code inserted.get(f)} on are one
     * further, and that index is named {@code name}. A name section that cannot be read is returned as it is.
     */
    static Section withInsertedLocal(Section original, Map<Integer, Integer> inserted, String name) {
        if (inserted.isEmpty()) {
            return original;
        }
        byte[] payload = original.payload();
        try {
            ByteWriter out = new ByteWriter(payload.length + inserted.size() * 8);
            ByteReader reader = new ByteReader(payload, 0, payload.length);
            reader.readByteVector("custom section name");
            out.writeBytes(payload, 0, reader.position());
            for (Subsection subsection : subsections(reader)) {
                if (subsection.id() != LOCAL_NAMES) {
                    out.writeBytes(payload, subsection.start(), subsection.end());
                    continue;
                }
                byte[] content = movedLocals(
                        new ByteReader(payload, subsection.contentStart(), subsection.end()), inserted, name);
                out.writeByte(LOCAL_NAMES).writeUnsigned(content.length).writeBytes(content);
            }
            return Section.of(SectionId.CUSTOM, out.toByteArray());
        } catch (MalformedWasmException unreadable) {
            return original;
        }
    }

    private static byte[] movedLocals(ByteReader reader, Map<Integer, Integer> inserted, String name) {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        byte[] payload = reader.bytes();
        ByteWriter out = new ByteWriter(reader.remaining() + inserted.size() * (utf8.length + 4));
        int functions = reader.readCount("local names entry", 2);
        out.writeUnsigned(functions);
        for (int f = 0; f < functions; f++) {
            int function = reader.readIndex("function index");
            Integer at = inserted.get(function);
            int locals = reader.readCount("local name", 2);
            out.writeUnsigned(function).writeUnsigned(locals + (at == null ? 0 : 1L));
            boolean named = at == null;
            for (int l = 0; l < locals; l++) {
                long local = reader.readU32("local index");
                int start = reader.readByteVector("local name");
                if (!named && local >= at) {
                    out.writeUnsigned(at).writeUnsigned(utf8.length).writeBytes(utf8);
                    named = true;
                }
                out.writeUnsigned(at != null && local >= at ? local + 1 : local);
                out.writeUnsigned(reader.position() - start).writeBytes(payload, start, reader.position());
            }
            if (!named) {
                out.writeUnsigned(at).writeUnsigned(utf8.length).writeBytes(utf8);
            }
        }
        if (!reader.atEnd()) {
            throw reader.error("local name subsection size mismatch");
        }
        return out.toByteArray();
    }

    /** A subsection of a name section: its id, where it starts, where its content starts, where it ends. */
    private record Subsection(int id, int start, int contentStart, int end) {}

    /** The subsections from {@code reader}'s position (after the section's name) to its end. */
    private static List<Subsection> subsections(ByteReader reader) {
        List<Subsection> subsections = new ArrayList<>();
        while (!reader.atEnd()) {
            int start = reader.position();
            int id = reader.readByte("name subsection id");
            int size = reader.readLength("name subsection size");
            int contentStart = reader.position();
            reader.skip(size, "name subsection");
            subsections.add(new Subsection(id, start, contentStart, reader.position()));
        }
        return subsections;
    }
}
