//! Enrichment: what pubcat adds to a catalogue by itself, marked as such, reversible, never
//! overriding a person's decision. `tagger`: concepts found in publications' text;
//! `translations`: publications that are probably language versions of one work.

pub(crate) mod tagger;
pub(crate) mod tagging;
pub(crate) mod translations;
