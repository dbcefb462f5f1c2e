// Runs after the generated project's `mvn validate` passed: a project generated with -DrustTarget=wasm32-wasip1
// (issue 17) has it as the pom's wasmbridge.rust.target, which the rust profile passes to wasmbridge:build.
// Building the crate for that target needs Rust: archetype/it-third-party.sh does it.

// maven-script-interpreter binds the plugin's variables as `context`
File project = (context.projectDir as File).canonicalFile
def pom = new groovy.xml.XmlSlurper().parse(new File(project, 'pom.xml'))
String target = pom.properties.'wasmbridge.rust.target'.text()
if (target != 'wasm32-wasip1') {
    throw new IllegalStateException("wasmbridge.rust.target is '${target}', not the archetype's rustTarget wasm32-wasip1")
}
def build = pom.profiles.profile.find { it.id.text() == 'rust' }.build.plugins.plugin
        .find { it.artifactId.text() == 'wasmbridge-maven-plugin' }.executions.execution.configuration
if (build.target.text() != '${wasmbridge.rust.target}') {
    throw new IllegalStateException("the rust profile's wasmbridge:build has target '${build.target.text()}'")
}
println 'verify.groovy: the generated pom builds rust/ for wasm32-wasip1 in its rust profile'
return true
