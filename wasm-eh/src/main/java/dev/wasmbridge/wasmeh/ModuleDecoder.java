package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the payload of every known section to check that it is well-formed and collects the
 * {@link ModuleIndex} the translator works with. Unknown section ids are passed over untouched.
 */
final class ModuleDecoder {
    private final byte[] module;
    private final List<Section> sections;

    private final List<FuncType> types = new ArrayList<>();
    private final Map<FuncType, Integer> reusableTypes = new HashMap<>();
    private final List<Long> functionTypes = new ArrayList<>();
    private final List<Long> tagTypes = new ArrayList<>();
    private final List<FunctionBody> bodies = new ArrayList<>();
    private final Set<Long> referencedFunctions = new HashSet<>();
    private int importedFunctions;
    private int typeCountStart = -1;
    private int typeEntriesStart = -1;
    private int typeSection = -1;
    private int codeSection = -1;
    private int codeCountEnd = -1;
    private int definedFunctionCount = -1;

    private ModuleDecoder(byte[] module, List<Section> sections) {
        this.module = module;
        this.sections = sections;
    }

    static ModuleIndex decode(byte[] module, List<Section> sections) {
        return new ModuleDecoder(module, sections).decodeAll();
    }

    private ModuleIndex decodeAll() {
        boolean[] seen = new boolean[SectionId.TAG + 1];
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            int id = section.id();
            if (!SectionId.isKnown(id)) {
                continue;
            }
            if (id != SectionId.CUSTOM) {
                if (seen[id]) {
                    throw new MalformedWasmException("duplicate section with id " + id, section.start());
                }
                seen[id] = true;
            }
            ByteReader reader = new ByteReader(module, section.payloadStart(), section.end());
            decodeSection(id, i, reader);
            if (!reader.atEnd()) {
                throw reader.error("section with id " + id + " has " + reader.remaining()
                        + " unexpected bytes at its end (section size mismatch)");
            }
        }
        if (definedFunctionCount > 0 && codeSection < 0) {
            throw new MalformedWasmException(
                    "function and code section have inconsistent " + "lengths: " + definedFunctionCount
                            + " functions but no code section",
                    module.length);
        }
        return new ModuleIndex(
                Collections.unmodifiableList(types),
                Map.copyOf(reusableTypes),
                typeCountStart,
                typeEntriesStart,
                List.copyOf(functionTypes),
                List.copyOf(tagTypes),
                List.copyOf(bodies),
                typeSection,
                codeSection,
                codeCountEnd,
                Set.copyOf(referencedFunctions));
    }

    private void decodeSection(int id, int sectionPosition, ByteReader reader) {
        switch (id) {
            case SectionId.CUSTOM:
                reader.readByteVector("custom section name");
                reader.skip(reader.remaining(), "custom section");
                break;
            case SectionId.TYPE:
                typeSection = sectionPosition;
                decodeTypes(reader);
                break;
            case SectionId.IMPORT:
                decodeImports(reader);
                break;
            case SectionId.FUNCTION:
                decodeFunctions(reader);
                break;
            case SectionId.TABLE:
                decodeTables(reader);
                break;
            case SectionId.MEMORY: {
                int count = reader.readCount("memory", 2);
                for (int i = 0; i < count; i++) {
                    readLimits(reader);
                }
                break;
            }
            case SectionId.GLOBAL: {
                int count = reader.readCount("global", 3);
                for (int i = 0; i < count; i++) {
                    readGlobalType(reader);
                    readConstantExpression(reader);
                }
                break;
            }
            case SectionId.EXPORT:
                decodeExports(reader);
                break;
            case SectionId.START:
                referencedFunctions.add(reader.readU32("start function index"));
                break;
            case SectionId.ELEMENT:
                decodeElements(reader);
                break;
            case SectionId.CODE:
                codeSection = sectionPosition;
                decodeCode(reader);
                break;
            case SectionId.DATA:
                decodeData(reader);
                break;
            case SectionId.DATA_COUNT:
                reader.readU32("data count");
                break;
            case SectionId.TAG: {
                int count = reader.readCount("tag", 2);
                for (int i = 0; i < count; i++) {
                    tagTypes.add(readTagType(reader));
                }
                break;
            }
            default:
                throw new IllegalStateException("not a known section id: " + id);
        }
    }

    private void decodeTypes(ByteReader reader) {
        typeCountStart = reader.position();
        int count = reader.readCount("type", 1);
        typeEntriesStart = reader.position();
        TypeSectionDecoder.decode(reader, count, types, reusableTypes);
    }

    static void readGlobalType(ByteReader reader) {
        ValueType.skip(reader);
        TypeSectionDecoder.readMutability(reader);
    }

    static void readLimits(ByteReader reader) {
        int at = reader.position();
        int flags = reader.readByte("limits flags");
        if (flags > 7) {
            throw reader.error("malformed limits flags " + flags, at);
        }
        int bits = (flags & 0x04) != 0 ? 64 : 32;
        reader.readUnsigned(bits, "limits minimum");
        if ((flags & 0x01) != 0) {
            reader.readUnsigned(bits, "limits maximum");
        }
    }

    static void readTableType(ByteReader reader) {
        ValueType.skip(reader);
        readLimits(reader);
    }

    private static long readTagType(ByteReader reader) {
        int at = reader.position();
        int attribute = reader.readByte("tag attribute");
        if (attribute != 0) {
            throw reader.error("malformed tag attribute " + attribute, at);
        }
        return reader.readU32("tag type index");
    }

    private void decodeImports(ByteReader reader) {
        int count = reader.readCount("import", 4);
        for (int i = 0; i < count; i++) {
            reader.readByteVector("import module name");
            reader.readByteVector("import name");
            int at = reader.position();
            int kind = reader.readByte("import kind");
            switch (kind) {
                case 0x00:
                    functionTypes.add(reader.readU32("function type index"));
                    importedFunctions++;
                    break;
                case 0x01:
                    readTableType(reader);
                    break;
                case 0x02:
                    readLimits(reader);
                    break;
                case 0x03:
                    readGlobalType(reader);
                    break;
                case 0x04:
                    tagTypes.add(readTagType(reader));
                    break;
                default:
                    throw reader.error("malformed import kind " + kind, at);
            }
        }
    }

    private void decodeFunctions(ByteReader reader) {
        int count = reader.readCount("function", 1);
        definedFunctionCount = count;
        for (int i = 0; i < count; i++) {
            functionTypes.add(reader.readU32("function type index"));
        }
    }

    private void decodeTables(ByteReader reader) {
        int count = reader.readCount("table", 3);
        for (int i = 0; i < count; i++) {
            if (reader.peekByte("table type") == 0x40) {
                reader.readByte("table with initializer");
                int at = reader.position();
                if (reader.readByte("table reserved byte") != 0) {
                    throw reader.error("malformed table reserved byte", at);
                }
                readTableType(reader);
                readConstantExpression(reader);
            } else {
                readTableType(reader);
            }
        }
    }

    private void decodeExports(ByteReader reader) {
        int count = reader.readCount("export", 3);
        for (int i = 0; i < count; i++) {
            reader.readByteVector("export name");
            int at = reader.position();
            int kind = reader.readByte("export kind");
            if (kind > 4) {
                throw reader.error("malformed export kind " + kind, at);
            }
            long exported = reader.readU32("export index");
            if (kind == 0) {
                referencedFunctions.add(exported);
            }
        }
    }

    private void decodeElements(ByteReader reader) {
        int count = reader.readCount("element segment", 2);
        for (int i = 0; i < count; i++) {
            int at = reader.position();
            long flags = reader.readU32("element segment flags");
            if (flags > 7) {
                throw reader.error("malformed element segment flags " + flags, at);
            }
            boolean passiveOrDeclarative = (flags & 0x01) != 0;
            boolean explicitTable = (flags & 0x02) != 0;
            boolean expressions = (flags & 0x04) != 0;
            if (!passiveOrDeclarative) {
                if (explicitTable) {
                    reader.readU32("table index");
                }
                readConstantExpression(reader);
            }
            if (passiveOrDeclarative || explicitTable) {
                if (expressions) {
                    ValueType.skip(reader);
                } else {
                    int kindAt = reader.position();
                    if (reader.readByte("element kind") != 0) {
                        throw reader.error("malformed element kind", kindAt);
                    }
                }
            }
            if (expressions) {
                int items = reader.readCount("element expression", 1);
                for (int j = 0; j < items; j++) {
                    readConstantExpression(reader);
                }
            } else {
                int items = reader.readCount("element function index", 1);
                for (int j = 0; j < items; j++) {
                    referencedFunctions.add(reader.readU32("function index"));
                }
            }
        }
    }

    private void decodeData(ByteReader reader) {
        int count = reader.readCount("data segment", 2);
        for (int i = 0; i < count; i++) {
            int at = reader.position();
            long flags = reader.readU32("data segment flags");
            if (flags > 2) {
                throw reader.error("malformed data segment flags " + flags, at);
            }
            if (flags == 2) {
                reader.readU32("memory index");
            }
            if (flags != 1) {
                readConstantExpression(reader);
            }
            reader.readByteVector("data segment bytes");
        }
    }

    private void readConstantExpression(ByteReader reader) {
        Expression.read(reader, "constant expression", referencedFunctions::add);
    }

    private void decodeCode(ByteReader reader) {
        int count = reader.readCount("code entry", 2);
        codeCountEnd = reader.position();
        List<Long> definedTypes =
                definedFunctionCount < 0 ? List.of() : functionTypes.subList(importedFunctions, functionTypes.size());
        bodies.addAll(CodeSectionDecoder.decode(module, reader, count, definedTypes, referencedFunctions::add));
    }
}
