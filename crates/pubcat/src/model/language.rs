//! BCP 47 language tags: validation, canonical form, and RFC 4647 lookup fallback.
//!
//! Tags follow the RFC 5646 syntax: a primary language of 2–3 letters (with up to three
//! extended-language subtags), then an optional script (4 letters), region (2 letters or 3
//! digits), variants, extensions (`u-…`, `t-…`) and private use (`x-…`). `_` is accepted as a
//! separator because users paste locale ids (`fr_CD`). Two-letter primary languages must be
//! ISO 639-1 codes; three-letter codes are accepted when well formed, and replaced by their
//! two-letter equivalent when one exists (`fra` → `fr`), as BCP 47 requires the shortest code.
//! The special codes `und` (undetermined), `mul` (multiple) and `zxx` (no linguistic content)
//! are accepted. Rejected: 4–8 letter primary languages, whole-tag private use (`x-foo`) and
//! grandfathered tags (`i-klingon`). Extended-language and variant subtags are checked for
//! syntax only, not against the IANA registry.

use crate::error::{Error, Result};

const FIELD: &str = "language";
/// How many characters of a rejected tag are quoted back in error messages.
const QUOTE_CHARS: usize = 40;

/// Deprecated ISO 639-1 codes and the IANA registry's preferred value for each.
const DEPRECATED_ALPHA2: [(&str, &str); 5] = [
    ("in", "id"),
    ("iw", "he"),
    ("ji", "yi"),
    ("jw", "jv"),
    ("mo", "ro"),
];

/// Every ISO 639-1 two-letter language code, sorted (for binary search).
#[rustfmt::skip]
const ISO_639_1: [&str; 185] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bh",
    "bi", "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da",
    "de", "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr",
    "fy", "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz",
    "ia", "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj",
    "kk", "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln",
    "lo", "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb",
    "nd", "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi",
    "pl", "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "sh", "si",
    "sk", "sl", "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th",
    "ti", "tk", "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi",
    "vo", "wa", "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// ISO 639-2 (terminology and bibliographic) and 639-3 codes that have an ISO 639-1
/// equivalent, which BCP 47 requires instead; sorted by the three-letter code.
#[rustfmt::skip]
const ALPHA3_TO_ALPHA2: [(&str, &str); 205] = [
    ("aar", "aa"), ("abk", "ab"), ("afr", "af"), ("aka", "ak"), ("alb", "sq"), ("amh", "am"),
    ("ara", "ar"), ("arg", "an"), ("arm", "hy"), ("asm", "as"), ("ava", "av"), ("ave", "ae"),
    ("aym", "ay"), ("aze", "az"), ("bak", "ba"), ("bam", "bm"), ("baq", "eu"), ("bel", "be"),
    ("ben", "bn"), ("bih", "bh"), ("bis", "bi"), ("bod", "bo"), ("bos", "bs"), ("bre", "br"),
    ("bul", "bg"), ("bur", "my"), ("cat", "ca"), ("ces", "cs"), ("cha", "ch"), ("che", "ce"),
    ("chi", "zh"), ("chu", "cu"), ("chv", "cv"), ("cor", "kw"), ("cos", "co"), ("cre", "cr"),
    ("cym", "cy"), ("cze", "cs"), ("dan", "da"), ("deu", "de"), ("div", "dv"), ("dut", "nl"),
    ("dzo", "dz"), ("ell", "el"), ("eng", "en"), ("epo", "eo"), ("est", "et"), ("eus", "eu"),
    ("ewe", "ee"), ("fao", "fo"), ("fas", "fa"), ("fij", "fj"), ("fin", "fi"), ("fra", "fr"),
    ("fre", "fr"), ("fry", "fy"), ("ful", "ff"), ("geo", "ka"), ("ger", "de"), ("gla", "gd"),
    ("gle", "ga"), ("glg", "gl"), ("glv", "gv"), ("gre", "el"), ("grn", "gn"), ("guj", "gu"),
    ("hat", "ht"), ("hau", "ha"), ("hbs", "sh"), ("heb", "he"), ("her", "hz"), ("hin", "hi"),
    ("hmo", "ho"), ("hrv", "hr"), ("hun", "hu"), ("hye", "hy"), ("ibo", "ig"), ("ice", "is"),
    ("ido", "io"), ("iii", "ii"), ("iku", "iu"), ("ile", "ie"), ("ina", "ia"), ("ind", "id"),
    ("ipk", "ik"), ("isl", "is"), ("ita", "it"), ("jav", "jv"), ("jpn", "ja"), ("kal", "kl"),
    ("kan", "kn"), ("kas", "ks"), ("kat", "ka"), ("kau", "kr"), ("kaz", "kk"), ("khm", "km"),
    ("kik", "ki"), ("kin", "rw"), ("kir", "ky"), ("kom", "kv"), ("kon", "kg"), ("kor", "ko"),
    ("kua", "kj"), ("kur", "ku"), ("lao", "lo"), ("lat", "la"), ("lav", "lv"), ("lim", "li"),
    ("lin", "ln"), ("lit", "lt"), ("ltz", "lb"), ("lub", "lu"), ("lug", "lg"), ("mac", "mk"),
    ("mah", "mh"), ("mal", "ml"), ("mao", "mi"), ("mar", "mr"), ("may", "ms"), ("mkd", "mk"),
    ("mlg", "mg"), ("mlt", "mt"), ("mon", "mn"), ("mri", "mi"), ("msa", "ms"), ("mya", "my"),
    ("nau", "na"), ("nav", "nv"), ("nbl", "nr"), ("nde", "nd"), ("ndo", "ng"), ("nep", "ne"),
    ("nld", "nl"), ("nno", "nn"), ("nob", "nb"), ("nor", "no"), ("nya", "ny"), ("oci", "oc"),
    ("oji", "oj"), ("ori", "or"), ("orm", "om"), ("oss", "os"), ("pan", "pa"), ("per", "fa"),
    ("pli", "pi"), ("pol", "pl"), ("por", "pt"), ("pus", "ps"), ("que", "qu"), ("roh", "rm"),
    ("ron", "ro"), ("rum", "ro"), ("run", "rn"), ("rus", "ru"), ("sag", "sg"), ("san", "sa"),
    ("sin", "si"), ("slk", "sk"), ("slo", "sk"), ("slv", "sl"), ("sme", "se"), ("smo", "sm"),
    ("sna", "sn"), ("snd", "sd"), ("som", "so"), ("sot", "st"), ("spa", "es"), ("sqi", "sq"),
    ("srd", "sc"), ("srp", "sr"), ("ssw", "ss"), ("sun", "su"), ("swa", "sw"), ("swe", "sv"),
    ("tah", "ty"), ("tam", "ta"), ("tat", "tt"), ("tel", "te"), ("tgk", "tg"), ("tgl", "tl"),
    ("tha", "th"), ("tib", "bo"), ("tir", "ti"), ("ton", "to"), ("tsn", "tn"), ("tso", "ts"),
    ("tuk", "tk"), ("tur", "tr"), ("twi", "tw"), ("uig", "ug"), ("ukr", "uk"), ("urd", "ur"),
    ("uzb", "uz"), ("ven", "ve"), ("vie", "vi"), ("vol", "vo"), ("wel", "cy"), ("wln", "wa"),
    ("wol", "wo"), ("xho", "xh"), ("yid", "yi"), ("yor", "yo"), ("zha", "za"), ("zho", "zh"),
    ("zul", "zu"),
];

/// Validates a BCP 47 language tag and returns it in canonical form.
///
/// Canonical form: `-` separators, lowercase language, extlang, variants, extensions and
/// private use; titlecase script; uppercase region; the shortest ISO 639 code for the
/// primary language. Surrounding whitespace is ignored. Fails with an `invalid_input` error
/// on field `language` naming the tag.
pub fn normalize_language(tag: &str) -> Result<String> {
    let tag = tag.trim();
    canonical(tag).map_err(|reason| {
        Error::invalid(
            FIELD,
            format!(
                "`{}` is not a valid BCP 47 language tag: {reason}",
                quote(tag)
            ),
        )
    })
}

/// Where a subtag may appear, in tag order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    Extlang,
    Script,
    Region,
    Variant,
}

fn canonical(tag: &str) -> std::result::Result<String, String> {
    if tag.is_empty() {
        return Err("it is empty".into());
    }
    if !tag
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Err("only ASCII letters, digits and `-` are allowed".into());
    }
    let lower = tag.to_ascii_lowercase().replace('_', "-");
    let subtags: Vec<&str> = lower.split('-').collect();
    if subtags.iter().any(|s| s.is_empty()) {
        return Err("it has an empty subtag".into());
    }
    if let Some(long) = subtags.iter().find(|s| s.len() > 8) {
        return Err(format!(
            "subtag `{}` is longer than 8 characters",
            quote(long)
        ));
    }
    let mut rest = subtags.into_iter();
    let mut out = vec![primary_language(rest.next().unwrap_or_default())?.to_owned()];
    let mut rest = rest.peekable();
    let (mut stage, mut extlangs, mut variants) = (Stage::Extlang, 0, Vec::new());
    let mut singletons = Vec::new();
    while let Some(subtag) = rest.next() {
        let alpha = subtag.bytes().all(|b| b.is_ascii_alphabetic());
        let digit = subtag.bytes().all(|b| b.is_ascii_digit());
        let starts_with_digit = subtag.bytes().next().is_some_and(|b| b.is_ascii_digit());
        if subtag == "x" {
            let private: Vec<String> = rest.by_ref().map(str::to_owned).collect();
            if private.is_empty() {
                return Err("private use `x` needs at least one subtag after it".into());
            }
            out.push(subtag.to_owned());
            out.extend(private);
        } else if subtag.len() == 1 {
            if singletons.contains(&subtag) {
                return Err(format!("extension `{subtag}` appears twice"));
            }
            singletons.push(subtag);
            out.push(subtag.to_owned());
            let before = out.len();
            while let Some(part) = rest.next_if(|s| s.len() > 1) {
                out.push(part.to_owned());
            }
            if out.len() == before {
                return Err(format!(
                    "extension `{subtag}` needs at least one subtag after it"
                ));
            }
        } else if stage == Stage::Extlang && extlangs < 3 && subtag.len() == 3 && alpha {
            extlangs += 1;
            out.push(subtag.to_owned());
        } else if stage <= Stage::Script && subtag.len() == 4 && alpha {
            stage = Stage::Region;
            out.push(titlecase(subtag));
        } else if stage <= Stage::Region
            && ((subtag.len() == 2 && alpha) || (subtag.len() == 3 && digit))
        {
            stage = Stage::Variant;
            out.push(subtag.to_ascii_uppercase());
        } else if subtag.len() >= 5 || (subtag.len() == 4 && starts_with_digit) {
            if variants.contains(&subtag) {
                return Err(format!("variant `{subtag}` appears twice"));
            }
            stage = Stage::Variant;
            variants.push(subtag);
            out.push(subtag.to_owned());
        } else {
            return Err(format!("subtag `{subtag}` is misplaced or malformed"));
        }
    }
    Ok(out.join("-"))
}

/// Checks and canonicalises the primary language subtag (already lowercase).
fn primary_language(code: &str) -> std::result::Result<&str, String> {
    match code {
        "x" => return Err("whole-tag private use (`x-…`) is not accepted".into()),
        "i" => return Err("grandfathered `i-…` tags are not accepted".into()),
        _ if !code.bytes().all(|b| b.is_ascii_alphabetic()) => {
            return Err(format!("the primary language `{code}` must be letters"));
        }
        _ => {}
    }
    match code.len() {
        2 => {
            let code = DEPRECATED_ALPHA2
                .iter()
                .find(|(old, _)| *old == code)
                .map_or(code, |(_, new)| new);
            match ISO_639_1.binary_search(&code) {
                Ok(_) => Ok(code),
                Err(_) => Err(format!("`{code}` is not an ISO 639-1 language code")),
            }
        }
        3 => Ok(ALPHA3_TO_ALPHA2
            .binary_search_by(|(alpha3, _)| alpha3.cmp(&code))
            .ok()
            .and_then(|i| ALPHA3_TO_ALPHA2.get(i))
            .map_or(code, |(_, alpha2)| alpha2)),
        _ => Err(format!(
            "the primary language `{code}` must be a 2- or 3-letter ISO 639 code"
        )),
    }
}

fn titlecase(subtag: &str) -> String {
    let mut out = subtag.to_ascii_lowercase();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// The first [`QUOTE_CHARS`] characters of `text`, for error messages.
fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or(text)),
        None => text.to_owned(),
    }
}

/// The RFC 4647 §3.4 lookup fallback sequence for a list of language preferences.
///
/// Each preference is normalised with [`normalize_language`], then followed by its
/// truncations (removing the last subtag, and a singleton left dangling at the end), before
/// the next preference. Duplicates are removed, keeping the first occurrence. A `*`
/// wildcard entry is skipped; any other invalid tag is an `invalid_input` error.
pub fn lookup_chain(preferences: &[String]) -> Result<Vec<String>> {
    let mut chain: Vec<String> = Vec::new();
    for preference in preferences {
        if preference.trim() == "*" {
            continue;
        }
        let tag = normalize_language(preference)?;
        let mut current = tag.as_str();
        loop {
            if !chain.iter().any(|seen| seen == current) {
                chain.push(current.to_owned());
            }
            let Some(cut) = current.rfind('-') else { break };
            current = current.get(..cut).unwrap_or_default();
            if let Some(cut) = current.rfind('-').filter(|&cut| current.len() - cut == 2) {
                current = current.get(..cut).unwrap_or_default();
            }
        }
    }
    Ok(chain)
}

/// The primary language subtag of a tag, as written (no validation or case change):
/// everything before the first `-` or `_`, ignoring surrounding whitespace.
pub fn primary_subtag(tag: &str) -> &str {
    let tag = tag.trim();
    tag.split(['-', '_']).next().unwrap_or(tag)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn norm(tag: &str) -> String {
        normalize_language(tag).unwrap_or_else(|e| panic!("{tag:?} rejected: {e}"))
    }

    fn strings(tags: &[&str]) -> Vec<String> {
        tags.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    #[rustfmt::skip]
    fn canonical_forms() {
        let cases = [
            ("FR", "fr"), ("fr-cd", "fr-CD"), ("fr_CD", "fr-CD"), (" fr_cd ", "fr-CD"),
            ("zh-hant-tw", "zh-Hant-TW"), ("ZH-HANT-TW", "zh-Hant-TW"), ("sr-latn", "sr-Latn"),
            ("sr_Latn_RS", "sr-Latn-RS"), ("es-419", "es-419"), ("en-us", "en-US"),
            ("de-ch-1901", "de-CH-1901"), ("sl-ROZAJ-biske", "sl-rozaj-biske"),
            ("ca-es-VALENCIA", "ca-ES-valencia"), ("hy-latn-it-arevela", "hy-Latn-IT-arevela"),
            ("zh-yue-hk", "zh-yue-HK"), ("en-US-x-Twain", "en-US-x-twain"), ("fr-x-a-b", "fr-x-a-b"),
            ("de-DE-u-co-PHONEBK", "de-DE-u-co-phonebk"), ("en-u-co-US", "en-u-co-us"), ("en-a-bbb-x-a-ccc", "en-a-bbb-x-a-ccc"),
            ("en-Latn-GB-u-ca-gregory-t-fr", "en-Latn-GB-u-ca-gregory-t-fr"), ("en-x-x", "en-x-x"),
            ("swh", "swh"), ("cmn-hans-cn", "cmn-Hans-CN"), ("und", "und"), ("mul", "mul"),
            ("zxx", "zxx"), ("qaa", "qaa"), ("iw", "he"), ("in-ID", "id-ID"), ("mo", "ro"),
            ("eng", "en"), ("fra", "fr"), ("fre", "fr"), ("nld", "nl"), ("dut", "nl"), ("deu", "de"),
            ("ger", "de"), ("swa", "sw"), ("lin", "ln"), ("kin", "rw"), ("spa", "es"), ("por", "pt"),
            ("ita", "it"), ("ara", "ar"), ("zho", "zh"), ("chi", "zh"), ("lug", "lg"), ("run", "rn"),
            ("FRA-cd", "fr-CD"), ("zho-hant", "zh-Hant"), ("hbs", "sh"),
        ];
        for (input, expected) in cases {
            assert_eq!(norm(input), expected, "{input}");
            assert_eq!(norm(expected), expected, "canonical form is a fixed point");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn rejections_name_the_tag() {
        let cases = [
            ("", "empty"), ("  ", "empty"), ("xx", "`xx` is not an ISO 639-1"),
            ("qq", "not an ISO 639-1"), ("english", "2- or 3-letter"), ("abcd", "2- or 3-letter"),
            ("f", "2- or 3-letter"), ("x-private", "private use"), ("i-klingon", "grandfathered"),
            ("fr-", "empty subtag"), ("-fr", "empty subtag"), ("fr--CD", "empty subtag"),
            ("fr__CD", "empty subtag"), ("fr-CD-CD", "`cd` is misplaced"),
            ("de-419-DE", "misplaced"), ("zh-Hant-Hans", "misplaced"), ("en-US-a", "extension `a` needs"),
            ("en-a-bbb-a-ccc", "`a` appears twice"), ("de-1901-1901", "`1901` appears twice"),
            ("fr-x", "private use `x` needs"), ("en-abcdefghi", "longer than 8"),
            ("fr CD", "only ASCII"), ("fr.CD", "only ASCII"), ("fr_FR.UTF-8", "only ASCII"),
            ("fr@euro", "only ASCII"), ("ｆｒ", "only ASCII"), ("français", "only ASCII"),
            ("12", "must be letters"), ("f1", "must be letters"), ("en-a-b", "extension `a` needs"),
            ("en-abc-def-ghi-jkl", "misplaced"), ("sl-rozaj-abc", "misplaced"), ("en-1ab", "misplaced"),
        ];
        for (input, expected) in cases {
            match normalize_language(input) {
                Err(Error::InvalidInput { field, message }) => {
                    assert_eq!(field, "language");
                    assert!(message.contains(expected), "{input:?}: {message}");
                    assert!(message.contains(&format!("`{}`", input.trim())), "{input:?}: {message}");
                }
                other => panic!("{input:?}: expected invalid_input, got {other:?}"),
            }
        }
        assert_eq!(normalize_language("xx").unwrap_err().kind(), ErrorKind::InvalidInput);
    }

    #[test]
    fn tables_are_sorted_and_consistent() {
        assert!(
            ISO_639_1.windows(2).all(|w| w[0] < w[1]),
            "ISO_639_1 sorted, unique"
        );
        assert!(
            ALPHA3_TO_ALPHA2.windows(2).all(|w| w[0].0 < w[1].0),
            "alpha-3 sorted, unique"
        );
        for code in ISO_639_1 {
            assert_eq!(norm(code), code);
            assert_eq!(norm(&code.to_ascii_uppercase()), code);
        }
        for (alpha3, alpha2) in ALPHA3_TO_ALPHA2 {
            assert!(
                ISO_639_1.binary_search(&alpha2).is_ok(),
                "{alpha3} -> {alpha2}"
            );
            assert_eq!(norm(alpha3), alpha2);
            assert_eq!(norm(&format!("{alpha3}-CD")), format!("{alpha2}-CD"));
        }
        for (old, new) in DEPRECATED_ALPHA2 {
            assert!(
                ISO_639_1.binary_search(&old).is_err() && ISO_639_1.binary_search(&new).is_ok()
            );
        }
        // Every two-letter combination: accepted exactly when listed (or deprecated).
        for a in b'a'..=b'z' {
            for b in b'a'..=b'z' {
                let code = String::from_utf8(vec![a, b]).unwrap();
                let listed = ISO_639_1.contains(&code.as_str())
                    || DEPRECATED_ALPHA2.iter().any(|(old, _)| *old == code);
                assert_eq!(normalize_language(&code).is_ok(), listed, "{code}");
            }
        }
    }

    #[test]
    fn adversarial_inputs_never_panic() {
        let long = ["a".repeat(10 * 1024), "en-".repeat(3000), "é".repeat(5000)];
        for input in long
            .iter()
            .map(String::as_str)
            .chain(["\0", "🎉", "-", "_", "--", "x", "i"])
        {
            let message = normalize_language(input).unwrap_err().to_string();
            assert!(
                message.chars().count() < 200,
                "message quotes the whole input"
            );
        }
        // Deterministic fuzz: accepted tags are ASCII, idempotent, and have a lookup chain.
        let alphabet: Vec<char> = "abcdefhnrstuxzAZ0149-_ é".chars().collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as usize
        };
        let mut accepted = 0;
        for _ in 0..50_000 {
            let len = next() % 16;
            let text: String = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            if let Ok(tag) = normalize_language(&text) {
                accepted += 1;
                assert!(
                    tag.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                    "{text:?}"
                );
                assert_eq!(norm(&tag), tag, "{text:?}");
                let chain = lookup_chain(std::slice::from_ref(&text)).unwrap();
                assert_eq!(chain.first(), Some(&tag));
                assert_eq!(chain.last().map(String::as_str), Some(primary_subtag(&tag)));
            }
        }
        assert!(
            accepted > 100,
            "the fuzzer exercised the accepting paths ({accepted})"
        );
    }

    #[test]
    fn lookup_chains() {
        let chain = |tags: &[&str]| lookup_chain(&strings(tags)).unwrap();
        assert_eq!(chain(&["fr-CD", "en"]), ["fr-CD", "fr", "en"]);
        assert_eq!(chain(&["zh-Hant-TW"]), ["zh-Hant-TW", "zh-Hant", "zh"]);
        assert_eq!(
            chain(&["fr_cd", "FR", "fra-BE", "en"]),
            ["fr-CD", "fr", "fr-BE", "en"]
        );
        assert_eq!(chain(&["sw", "*", "en"]), ["sw", "en"]);
        assert_eq!(chain(&[]), Vec::<String>::new());
        assert_eq!(
            chain(&["zh-Hant-CN-x-private1-private2"]),
            [
                "zh-Hant-CN-x-private1-private2",
                "zh-Hant-CN-x-private1",
                "zh-Hant-CN",
                "zh-Hant",
                "zh"
            ]
        );
        assert_eq!(
            chain(&["de-DE-u-co-phonebk"]),
            ["de-DE-u-co-phonebk", "de-DE-u-co", "de-DE", "de"]
        );
        let err = lookup_chain(&strings(&["fr", "xx-CD"])).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(err.to_string().contains("xx-CD"), "{err}");
    }

    #[test]
    fn primary_subtags() {
        for (tag, primary) in [
            ("fr-CD", "fr"),
            ("fr_CD", "fr"),
            (" sw ", "sw"),
            ("", ""),
            ("-x", ""),
        ] {
            assert_eq!(primary_subtag(tag), primary, "{tag:?}");
        }
    }
}

/// The examples of this module's items (crate-private, so not doc tests).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod examples {
    #[test]
    fn example_normalize_language() {
        use crate::model::language::normalize_language;
        assert_eq!(normalize_language("zh-hant-tw").unwrap(), "zh-Hant-TW");
        assert_eq!(normalize_language("fr_CD").unwrap(), "fr-CD");
        assert_eq!(normalize_language("fre").unwrap(), "fr");
        assert_eq!(normalize_language("und").unwrap(), "und");
        assert!(normalize_language("xx").is_err());
    }

    #[test]
    fn example_lookup_chain() {
        use crate::model::language::lookup_chain;
        let prefs = vec!["fr-CD".to_string(), "en".to_string()];
        assert_eq!(lookup_chain(&prefs).unwrap(), ["fr-CD", "fr", "en"]);
        let prefs = vec!["zh-hant-tw".to_string()];
        assert_eq!(
            lookup_chain(&prefs).unwrap(),
            ["zh-Hant-TW", "zh-Hant", "zh"]
        );
    }

    #[test]
    fn example_primary_subtag() {
        use crate::model::language::primary_subtag;
        assert_eq!(primary_subtag("fr-CD"), "fr");
        assert_eq!(primary_subtag("sw"), "sw");
    }
}
