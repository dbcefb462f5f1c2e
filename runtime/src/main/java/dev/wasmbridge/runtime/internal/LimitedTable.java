package dev.wasmbridge.runtime.internal;

import static com.dylibso.chicory.wasm.types.Value.REF_NULL_VALUE;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.UninstantiableException;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Wasm table of one instance that grows no further than its limit ({@link SandboxLimits}): {@code
 * table.grow} past it returns -1, as past the module's declared maximum.
 *
 * <p>It keeps its elements itself, for two reasons. Chicory 1.7.5's own {@code TableInstance.grow} adds the
 * growth to the declared limits of the parsed module, which every instance of the module shares, so each
 * later instance (a pool's, the one {@code resetState()} makes) would start with the grown size; this class
 * never changes the module. And it grows its arrays by doubling, so a module that grows a table one element
 * at a time copies each element a few times, not once per growth. The {@code TableInstance} it extends is
 * given an empty table and not used.
 */
final class LimitedTable extends TableInstance {
    private final Table table;
    /** The most elements: the limit, or the module's declared maximum when lower. */
    private final long maximum;

    private int size;
    private int[] refs;
    private Instance[] instances;

    LimitedTable(Table table, int initialValue, int limit) {
        super(new Table(table.elementType(), new TableLimits(0, 0)), initialValue);
        this.table = table;
        this.maximum = Math.min(table.limits().max(), limit);
        // the declared initial size was checked against the limit when the module was bound (SandboxLimits)
        this.size = (int) table.limits().min();
        this.refs = new int[size];
        this.instances = new Instance[size];
        Arrays.fill(refs, initialValue);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public ValType elementType() {
        return table.elementType();
    }

    /** The module's declared limits, never changed by a growth. */
    @Override
    public TableLimits limits() {
        return table.limits();
    }

    @Override
    public int grow(int count, int value, Instance instance) {
        int oldSize = size;
        long newSize = (long) oldSize + count;
        if (count < 0 || newSize > maximum) {
            return -1;
        }
        if (newSize > refs.length) {
            int capacity = (int) Math.min(maximum, Math.max(newSize, 2L * refs.length));
            refs = Arrays.copyOf(refs, capacity);
            instances = Arrays.copyOf(instances, capacity);
        }
        Arrays.fill(refs, oldSize, (int) newSize, value);
        Arrays.fill(instances, oldSize, (int) newSize, instance);
        size = (int) newSize;
        return oldSize;
    }

    @Override
    public int ref(int index) {
        if (index < 0 || index >= size) {
            throw new ChicoryException("undefined element");
        }
        return refs[index];
    }

    @Override
    public int requiredRef(int index) {
        int ref = ref(index);
        if (ref == REF_NULL_VALUE) {
            throw new ChicoryException("uninitialized element " + index);
        }
        return ref;
    }

    @Override
    public void setRef(int index, int value, Instance instance) {
        if (index < 0 || index >= size) {
            throw new UninstantiableException("out of bounds table access");
        }
        refs[index] = value;
        instances[index] = instance;
    }

    @Override
    public Instance instance(int index) {
        return instances[Objects.checkIndex(index, size)];
    }

    @Override
    public void reset() {
        Arrays.fill(refs, 0, size, REF_NULL_VALUE);
    }
}
