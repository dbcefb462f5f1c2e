// Runs after the three builds, whose output build.log holds in order. The second (the .wasm changed to
// evolving-v2, no clean) must have failed in javac with the processor's diagnostics on the elements the
// change broke, exactly as the third, a clean build of the same, reports them.
String text = new File(basedir, 'build.log').getText('UTF-8')
List<String> builds = text.split(/(?m)^\[INFO\] BUILD (?:SUCCESS|FAILURE)$/) as List<String>
if (builds.size() < 3) {
    throw new IllegalStateException("expected the output of three builds in build.log, found ${builds.size()}")
}
// the diagnostics of a build, each once, without the folder the project was cloned to
def diagnostics = { String build ->
    (build.readLines().findAll { it.startsWith('[ERROR] /') && it.contains('[WB') }
            .collect { it.substring(it.indexOf('/src/main/java/')) } as TreeSet) as List<String>
}
List<String> incremental = diagnostics(builds[1])
List<String> clean = diagnostics(builds[2])
println "verify.groovy: the diagnostics of the build after the .wasm changed:\n  " + incremental.join('\n  ')
def expect = { String file, String tag ->
    if (!incremental.any { it.startsWith("/src/main/java/com/example/it/${file}") && it.contains("[${tag}]") }) {
        throw new IllegalStateException("expected a ${tag} error on ${file} after the .wasm changed; got:\n"
                + incremental.join('\n'))
    }
}
expect('Point.java', 'WB508')   // the Rust record has a field z the Java record lacks
expect('Shapes.java', 'WB212')  // twice(int) for Rust's twice(value: i64) -> i64
if (incremental != clean) {
    throw new IllegalStateException("the build without clean reported\n" + incremental.join('\n')
            + "\nbut a clean build reports\n" + clean.join('\n'))
}
if (!builds[1].contains('Wasm module wasm/evolving.wasm changed (SHA-256')) {
    throw new IllegalStateException('the refresh goal did not report the changed module')
}
if (!builds[0].contains('Tests run: 1, Failures: 0')) {
    throw new IllegalStateException('the first build did not run its test against version 1')
}
return true
