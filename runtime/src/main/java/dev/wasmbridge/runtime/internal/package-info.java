/**
 * What generated bindings call: the call boundary, marshalling per docs/ABI.md, module loading. Not part
 * of the public API (the published Javadoc leaves it out, like {@code dagger.internal}): it may change in
 * any release, with the processor that generates the code calling it. Hand-written code uses {@code
 * dev.wasmbridge.runtime}.
 */
package dev.wasmbridge.runtime.internal;
