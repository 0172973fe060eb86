//! UniFFI custom types for the fields of the value types that UniFFI has no type for (feature
//! `uniffi` only; the bindings are in `bindings/ffi`).
//!
//! - [`NaiveDate`] (`DateInfo.lower`/`upper`) crosses as its `YYYY-MM-DD` text: Kotlin and Swift
//!   see `IsoDate`, an alias of `String`, as in the core's JSON form.
//! - `BTreeMap` (concept labels, the maps of `Stats`, search facets) crosses as a map (Kotlin
//!   `Map`, Swift `Dictionary`); the foreign side has no order, the core keeps its sorted maps.
//!   One named alias per map type, since UniFFI names every custom type.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::query::FacetCount;

/// A day as `YYYY-MM-DD` text (`DateInfo.lower`/`upper`).
type IsoDate = NaiveDate;

uniffi::custom_type!(IsoDate, String, {
    remote,
    // The same text as the core's serde form.
    lower: |date| date.to_string(),
    try_lift: |text| Ok(text.parse::<NaiveDate>()?),
});

/// Text per language tag (concept labels).
type Labels = BTreeMap<String, String>;

uniffi::custom_type!(Labels, HashMap<String, String>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

/// A count per code (`Stats.by_language`, `Stats.by_kind`).
type CodeCounts = BTreeMap<String, i64>;

uniffi::custom_type!(CodeCounts, HashMap<String, i64>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

/// A count per year (`Stats.by_year`).
type YearCounts = BTreeMap<i32, i64>;

uniffi::custom_type!(YearCounts, HashMap<i32, i64>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

/// The counts of each requested facet (`SearchPage.facets`).
type FacetCounts = BTreeMap<String, Vec<FacetCount>>;

uniffi::custom_type!(FacetCounts, HashMap<String, Vec<FacetCount>>, {
    remote,
    lower: |map| map.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});
