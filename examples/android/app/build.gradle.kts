// The parts of an app module's build.gradle.kts that pubcat needs (a sketch, not a full build).
plugins {
    id("com.android.application")
    kotlin("android")
}

android {
    namespace = "org.pubcat.example"
    compileSdk = 35
    defaultConfig {
        minSdk = 24
        // The .so files built by cargo-ndk (docs/MOBILE.md) live in src/main/jniLibs/<abi>/.
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }
    sourceSets["main"].kotlin.srcDir("../../../build/kotlin/generated") // org/pubcat/pubcat_ffi.kt, org/pubcat/core/pubcat.kt
    // Keep the catalogue uncompressed in the APK (faster first copy).
    androidResources { noCompress += "db" }
}

dependencies {
    // UniFFI's Kotlin calls the library through JNA; the @aar brings JNA's own native parts.
    implementation("net.java.dev.jna:jna:5.14.0@aar")
    implementation("androidx.core:core-ktx:1.13.1")
    implementation("androidx.lifecycle:lifecycle-viewmodel-ktx:2.8.4")
    implementation("org.jetbrains.kotlinx:kotlinx-coroutines-android:1.8.1")
}
