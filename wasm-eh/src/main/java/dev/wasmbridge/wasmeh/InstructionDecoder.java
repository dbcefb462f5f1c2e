package dev.wasmbridge.wasmeh;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes instructions of the WebAssembly core format, including the 0xFB (GC), 0xFC
 * (saturating truncation, bulk memory, tables), 0xFD (SIMD, immediates only) and 0xFE (threads)
 * prefixes, tail calls, typed function references, and both the legacy and the exnref forms of
 * exception handling. Immediates that the translator does not need are validated and skipped.
 */
final class InstructionDecoder {
    private final ByteReader reader;

    InstructionDecoder(ByteReader reader) {
        this.reader = reader;
    }

    boolean atEnd() {
        return reader.atEnd();
    }

    int position() {
        return reader.position();
    }

    /** Decodes the instruction at the current position. */
    Instruction next() {
        int start = reader.position();
        int opcode = reader.readByte("opcode");
        switch (opcode) {
            case 0x02:
            case 0x03:
            case 0x04:
            case 0x06: {
                BlockType type = BlockType.read(reader);
                return Instruction.block(opcode, start, reader.position(), type);
            }
            case 0x07:
            case 0x08: {
                long tag = reader.readU32("tag index");
                return Instruction.indexed(opcode, start, reader.position(), tag);
            }
            case 0x09:
            case 0x18: {
                long depth = reader.readU32("label index");
                return Instruction.indexed(opcode, start, reader.position(), depth);
            }
            case 0x0C:
            case 0x0D:
            case 0xD5:
            case 0xD6:
                return branch(opcode, start, start + 1);
            case 0x0E:
                return branchTable(start);
            case 0x10:
            case 0x12:
            case 0x14:
            case 0x15:
            case 0x20:
            case 0x21:
            case 0x22:
            case 0x23:
            case 0x24:
            case 0x25:
            case 0x26:
            case 0x3F:
            case 0x40:
            case 0xD2:
                reader.readU32("index");
                return simple(opcode, start);
            case 0x11:
            case 0x13:
                reader.readU32("type index");
                reader.readU32("table index");
                return simple(opcode, start);
            case 0x1C: {
                int count = reader.readCount("select type", 1);
                for (int i = 0; i < count; i++) {
                    ValueType.skip(reader);
                }
                return simple(opcode, start);
            }
            case 0x1F:
                return tryTable(start);
            case 0x41:
                reader.readSigned(32, "i32 constant");
                return simple(opcode, start);
            case 0x42:
                reader.readSigned(64, "i64 constant");
                return simple(opcode, start);
            case 0x43:
                reader.skip(4, "f32 constant");
                return simple(opcode, start);
            case 0x44:
                reader.skip(8, "f64 constant");
                return simple(opcode, start);
            case 0xD0:
                ValueType.skipHeapType(reader);
                return simple(opcode, start);
            case Opcodes.GC_PREFIX:
                return gc(start);
            case Opcodes.MISC_PREFIX:
                return misc(start);
            case Opcodes.SIMD_PREFIX:
                return simd(start);
            case Opcodes.THREADS_PREFIX:
                return threads(start);
            default:
                if ((opcode >= 0x28 && opcode <= 0x3E)) {
                    readMemArg();
                    return simple(opcode, start);
                }
                if (hasNoImmediates(opcode)) {
                    return simple(opcode, start);
                }
                throw reader.error("unknown opcode " + Opcodes.name(opcode), start);
        }
    }

    private static boolean hasNoImmediates(int opcode) {
        switch (opcode) {
            case 0x00:
            case 0x01:
            case 0x05:
            case 0x0A:
            case 0x0B:
            case 0x0F:
            case 0x19:
            case 0x1A:
            case 0x1B:
            case 0xD1:
            case 0xD3:
            case 0xD4:
                return true;
            default:
                return opcode >= 0x45 && opcode <= 0xC4;
        }
    }

    private Instruction simple(int opcode, int start) {
        return Instruction.simple(opcode, start, reader.position());
    }

    private Instruction branch(int opcode, int start, int labelStart) {
        int label = reader.readIndex("label index");
        int labelEnd = reader.position();
        return new Instruction(opcode, start, labelEnd, null, List.of(label), labelStart, labelEnd, List.of(), -1);
    }

    private Instruction branchTable(int start) {
        int labelsStart = reader.position();
        int count = reader.readCount("br_table target", 1);
        List<Integer> labels = new ArrayList<>(count + 1);
        for (int i = 0; i <= count; i++) {
            labels.add(reader.readIndex("label index"));
        }
        int end = reader.position();
        return new Instruction(
                Opcodes.BR_TABLE, start, end, null, List.copyOf(labels), labelsStart, end, List.of(), -1);
    }

    private Instruction tryTable(int start) {
        BlockType type = BlockType.read(reader);
        int count = reader.readCount("catch clause", 2);
        List<CatchClause> clauses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kindOffset = reader.position();
            int kind = reader.readByte("catch clause kind");
            long tag = -1;
            if (Opcodes.clauseHasTag(kind)) {
                tag = reader.readU32("tag index");
            } else if (kind != Opcodes.CATCH_ALL_CLAUSE && kind != Opcodes.CATCH_ALL_REF_CLAUSE) {
                throw reader.error(String.format("malformed catch clause kind 0x%02x", kind), kindOffset);
            }
            clauses.add(new CatchClause(kind, tag, reader.readIndex("label index")));
        }
        return new Instruction(
                Opcodes.TRY_TABLE, start, reader.position(), type, List.of(), -1, -1, List.copyOf(clauses), -1);
    }

    private void readMemArg() {
        long align = reader.readU32("memory alignment");
        if ((align & 0x40) != 0) {
            reader.readU32("memory index");
        }
        reader.readUnsigned(64, "memory offset");
    }

    private int readSubOpcode(int start) {
        long sub = reader.readU32("sub-opcode");
        if (sub > 0xFFFF) {
            throw reader.error("unknown opcode " + Opcodes.name(reader.bytes()[start] & 0xFF) + " " + sub, start);
        }
        return (int) sub;
    }

    private MalformedWasmException unknown(int prefix, int sub, int start) {
        return reader.error("unknown opcode " + Opcodes.name((prefix << 16) | sub), start);
    }

    private Instruction gc(int start) {
        int sub = readSubOpcode(start);
        int opcode = (Opcodes.GC_PREFIX << 16) | sub;
        switch (sub) {
            case 0:
            case 1:
            case 6:
            case 7:
            case 11:
            case 12:
            case 13:
            case 14:
            case 16:
                reader.readU32("type index");
                break;
            case 2:
            case 3:
            case 4:
            case 5:
            case 8:
            case 9:
            case 10:
            case 17:
            case 18:
            case 19:
                reader.readU32("index");
                reader.readU32("index");
                break;
            case 15:
            case 26:
            case 27:
            case 28:
            case 29:
            case 30:
                break;
            case 20:
            case 21:
            case 22:
            case 23:
                ValueType.skipHeapType(reader);
                break;
            case 24:
            case 25: {
                reader.readByte("cast flags");
                int labelStart = reader.position();
                int label = reader.readIndex("label index");
                int labelEnd = reader.position();
                ValueType.skipHeapType(reader);
                ValueType.skipHeapType(reader);
                return new Instruction(
                        opcode, start, reader.position(), null, List.of(label), labelStart, labelEnd, List.of(), -1);
            }
            default:
                throw unknown(Opcodes.GC_PREFIX, sub, start);
        }
        return simple(opcode, start);
    }

    private Instruction misc(int start) {
        int sub = readSubOpcode(start);
        if (sub <= 7) {
            // saturating truncations: no immediates
        } else if (sub == 8 || sub == 10 || sub == 12 || sub == 14) {
            reader.readU32("index");
            reader.readU32("index");
        } else if (sub <= 17) {
            reader.readU32("index");
        } else {
            throw unknown(Opcodes.MISC_PREFIX, sub, start);
        }
        return simple((Opcodes.MISC_PREFIX << 16) | sub, start);
    }

    private Instruction simd(int start) {
        int sub = readSubOpcode(start);
        if (sub <= 0x0B || sub == 0x5C || sub == 0x5D) {
            readMemArg();
        } else if (sub == 0x0C || sub == 0x0D) {
            reader.skip(16, "v128 immediate");
        } else if (sub >= 0x15 && sub <= 0x22) {
            reader.readByte("lane index");
        } else if (sub >= 0x54 && sub <= 0x5B) {
            readMemArg();
            reader.readByte("lane index");
        } else if (isUnassignedSimd(sub) || sub > 0x113) {
            throw unknown(Opcodes.SIMD_PREFIX, sub, start);
        }
        return simple((Opcodes.SIMD_PREFIX << 16) | sub, start);
    }

    private static boolean isUnassignedSimd(int sub) {
        switch (sub) {
            case 0x9A:
            case 0xA2:
            case 0xA5:
            case 0xA6:
            case 0xAF:
            case 0xB0:
            case 0xB2:
            case 0xB3:
            case 0xB4:
            case 0xBB:
            case 0xC2:
            case 0xC5:
            case 0xC6:
            case 0xCF:
            case 0xD0:
            case 0xD2:
            case 0xD3:
            case 0xD4:
            case 0xE2:
            case 0xEE:
                return true;
            default:
                return false;
        }
    }

    private Instruction threads(int start) {
        int sub = readSubOpcode(start);
        if (sub == 0x03) {
            int at = reader.position();
            if (reader.readByte("atomic.fence flags") != 0) {
                throw reader.error("malformed atomic.fence flags", at);
            }
        } else if (sub <= 0x02 || (sub >= 0x10 && sub <= 0x4E)) {
            readMemArg();
        } else {
            throw unknown(Opcodes.THREADS_PREFIX, sub, start);
        }
        return simple((Opcodes.THREADS_PREFIX << 16) | sub, start);
    }
}
