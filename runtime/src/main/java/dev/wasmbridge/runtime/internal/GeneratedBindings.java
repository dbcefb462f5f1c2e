package dev.wasmbridge.runtime.internal;

import dev.wasmbridge.runtime.AbortHandler;
import dev.wasmbridge.runtime.PanicPolicy;
import dev.wasmbridge.runtime.WasmBindings;
import java.time.Duration;

/**
 * The superclass of every generated binding class: implements {@link WasmBindings} over the {@link
 * Instances} the generated methods call through. Not for use by hand-written code.
 */
public abstract class GeneratedBindings implements WasmBindings {
    /** The instance, or pool of instances, generated methods call through. */
    protected final Instances instances;

    /** @param instances the instantiated module */
    protected GeneratedBindings(Instances instances) {
        this.instances = instances;
    }

    @Override
    public long memoryBytes() {
        return instances.memoryBytes();
    }

    @Override
    public void setOnAbort(AbortHandler handler) {
        instances.setOnAbort(handler);
    }

    @Override
    public void setPanicPolicy(PanicPolicy policy) {
        instances.setPanicPolicy(policy);
    }

    @Override
    public void resetState() {
        instances.resetState();
    }

    @Override
    public int generation() {
        return instances.generation();
    }

    @Override
    public boolean isTerminated() {
        return instances.isTerminated();
    }

    @Override
    public void setCallTimeout(Duration timeout) {
        instances.setCallTimeout(timeout);
    }

    @Override
    public void setCallFuel(long fuel) {
        instances.setCallFuel(fuel);
    }

    @Override
    public long fuelLeft() {
        return instances.fuelLeft();
    }

    @Override
    public long lastCallFuelUsed() {
        return instances.lastCallFuelUsed();
    }

    @Override
    public boolean revoke(Object object) {
        return instances.revoke(object);
    }

    @Override
    public int heldObjects() {
        return instances.heldObjects();
    }
}
