// The Android library module of pubcat's Kotlin bindings, as its own Gradle build:
//     cd bindings/android && gradle assembleRelease      (-> build/outputs/aar/pubcat-release.aar)
// UNVERIFIED: never built (no Android SDK or NDK where pubcat is developed); see docs/MOBILE.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}
dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}
rootProject.name = "pubcat"
