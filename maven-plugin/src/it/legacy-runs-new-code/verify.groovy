// Runs after both builds. The second one (the .wasm changed to evolving-v2, no clean) passed its test, which
// expects version 2. Also check that only version 2's translation is left in the class output, and that the
// bindings were compiled again (a record of version 2's digest), not merely re-checked at run time.
import java.security.MessageDigest

File classes = new File(basedir, 'target/classes')
File module = new File(classes, 'wasm/evolving.wasm')
String sha256 = MessageDigest.getInstance('SHA-256').digest(module.bytes).encodeHex().toString()
List<String> translations = new File(classes, 'META-INF/wasmbridge/exnref').list() as List<String>
if (translations != [sha256]) {
    throw new IllegalStateException("expected only the translation of ${sha256}, found ${translations}")
}
Properties record = new Properties()
new File(classes, 'META-INF/wasmbridge/bindings/com.example.it.EvolvingBindings.properties').withReader('UTF-8') {
    record.load(it)
}
if (record.getProperty('sha256') != sha256) {
    throw new IllegalStateException("the bindings were not compiled again: record says ${record.getProperty('sha256')}")
}
String log = new File(basedir, 'build.log').getText('UTF-8')
if (log.contains('is not the one com.example.it.EvolvingBindings were compiled against')) {
    throw new IllegalStateException('the tests ran stale bindings (the runtime had to re-check the module)')
}
return true
