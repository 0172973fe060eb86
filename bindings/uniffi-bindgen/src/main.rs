//! `uniffi-bindgen`: generates the Kotlin and Swift sources from the built `pubcat-ffi` library.
//!
//! ```text
//! cargo run -p uniffi-bindgen -- generate --library target/debug/libpubcat_ffi.so \
//!     --language kotlin --out-dir build/kotlin/generated
//! ```

fn main() {
    uniffi::uniffi_bindgen_main()
}
