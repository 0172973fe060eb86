//! Bytes → Listing → import (see import_common.rs).
#![no_main]

#[path = "import_common.rs"]
mod import_common;

libfuzzer_sys::fuzz_target!(|data: &[u8]| import_common::import(data, pubcat::formats::Format::Listing));
