// Runs after the generated project's `mvn verify` passed. Fails the archetype's integration test when the
// prebuilt .wasm is stale: when the Rust sources a generated project gets (the template crate plus the
// support crate copied from rust/wasmbridge) are not the ones archetype/build-prebuilt.sh built it from,
// as recorded in archetype/prebuilt.sha256.
import java.security.MessageDigest

// maven-script-interpreter binds the plugin's variables as `context`
File project = (context.projectDir as File).canonicalFile
// projectDir is archetype/target/test-classes/projects/basic/project/basic
File archetypeDir = new File(project, '../../../../../..').canonicalFile
File recordedFile = new File(archetypeDir, 'prebuilt.sha256')
if (!recordedFile.isFile()) {
    throw new IllegalStateException("${recordedFile} not found")
}
List<String> recorded = recordedFile.readLines('UTF-8').findAll { !it.trim().isEmpty() }

List<String> paths = []
new File(project, 'rust').eachFileRecurse(groovy.io.FileType.FILES) { File f ->
    String path = project.toPath().relativize(f.toPath()).toString().replace('\\', '/')
    if (!path.startsWith('rust/target/')) {
        paths << path
    }
}
paths.sort() // ASCII paths: the same order as `LC_ALL=C sort`
List<String> actual = paths.collect { String path ->
    MessageDigest.getInstance('SHA-256').digest(new File(project, path).bytes).encodeHex().toString() + '  ' + path
}

if (actual != recorded) {
    Map<String, String> was = recorded.collectEntries { String line -> [(line.substring(66)): line.substring(0, 64)] }
    Map<String, String> now = actual.collectEntries { String line -> [(line.substring(66)): line.substring(0, 64)] }
    List<String> changes = ((was.keySet() + now.keySet()) as TreeSet).findAll { was[it] != now[it] }.collect {
        was[it] == null ? "  added:   ${it}" : now[it] == null ? "  removed: ${it}" : "  changed: ${it}"
    }
    throw new IllegalStateException(
        'The prebuilt rustlib.wasm in the archetype was not built from the Rust sources it ships with ' +
        '(archetype/prebuilt.sha256):\n' + changes.join('\n') +
        '\nRebuild it with archetype/build-prebuilt.sh (needs Debian\'s Rust) and commit the result.')
}
println 'verify.groovy: the prebuilt .wasm matches the Rust sources (archetype/prebuilt.sha256)'
return true
