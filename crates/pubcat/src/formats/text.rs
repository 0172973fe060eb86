//! Small text helpers shared by the formats: slugs, title keys for matching, kind labels and
//! `; `-joined lists.

use crate::model::language::normalize_language;
use crate::model::Kind;

pub(crate) use crate::model::LIST_SEPARATOR;

/// Longest slug produced by [`slug`], in characters.
const MAX_SLUG_CHARS: usize = 80;

/// Folds a Latin letter with a diacritic to its base letters (`é` → `e`, `ß` → `ss`).
/// Other characters are returned unchanged.
fn fold_char(c: char, out: &mut String) {
    let folded = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'æ' => "ae",
        'Æ' => "AE",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ď' | 'đ' => "d",
        'Ď' | 'Đ' => "D",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ł' | 'ľ' | 'ĺ' | 'ļ' => "l",
        'Ł' | 'Ľ' | 'Ĺ' | 'Ļ' => "L",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'Ñ' | 'Ń' | 'Ň' | 'Ņ' => "N",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'œ' => "oe",
        'Œ' => "OE",
        'ŕ' | 'ř' | 'ŗ' => "r",
        'Ŕ' | 'Ř' | 'Ŗ' => "R",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ß' => "ss",
        'ţ' | 'ť' | 'ț' => "t",
        'Ţ' | 'Ť' | 'Ț' => "T",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ý' | 'ÿ' => "y",
        'Ý' | 'Ÿ' => "Y",
        'ź' | 'ż' | 'ž' => "z",
        'Ź' | 'Ż' | 'Ž' => "Z",
        _ => {
            out.push(c);
            return;
        }
    };
    out.push_str(folded);
}

/// Lower-case words of `text` with diacritics folded, every run of other characters (spaces,
/// punctuation, quotes, dashes) replaced by one `sep`, trimmed.
fn words_joined(text: &str, sep: char) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    // NFC first, so that a letter and its combining accent (as some PDFs and Macs write
    // them) fold like the precomposed letter; a combining mark left over is dropped.
    let mut folded = String::with_capacity(text.len());
    for c in text.nfc().filter(|c| !is_combining_mark(*c)) {
        fold_char(c, &mut folded);
    }
    let mut out = String::with_capacity(folded.len());
    let mut pending = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(sep);
            }
            pending = false;
            out.extend(c.to_lowercase());
        } else {
            pending = true;
        }
    }
    out
}

/// A uid-friendly slug: lower-case letters and digits joined by `-`, diacritics folded, at
/// most 80 characters (cut at a word boundary).
pub fn slug(text: &str) -> String {
    let full = words_joined(text, '-');
    if full.chars().count() <= MAX_SLUG_CHARS {
        return full;
    }
    let mut out = String::new();
    for word in full.split('-') {
        let extra = usize::from(!out.is_empty()) + word.chars().count();
        if out.chars().count() + extra > MAX_SLUG_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = full.chars().take(MAX_SLUG_CHARS).collect();
    }
    out
}

/// The key two titles are compared by when matching an incoming publication: lower case,
/// diacritics folded, punctuation and spacing ignored.
pub fn title_key(title: &str) -> String {
    // A year in parentheses at the end says the date, not the title: listings write
    // `Mapping Conflict Motives: M23 (2012)` for what a catalogue calls
    // `Mapping Conflict Motives: M23` of 2012 (the year still has to match).
    let trimmed = title.trim_end();
    let without_year = trimmed
        .strip_suffix(')')
        .and_then(|rest| rest.rsplit_once('('))
        .filter(|(_, year)| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()))
        .map_or(trimmed, |(head, _)| head);
    words_joined(without_year, ' ')
}

/// The human label of a kind: `review_paper` → `Review paper`.
pub fn kind_label(kind: Kind) -> String {
    let code = kind.as_str().replace('_', " ");
    let mut chars = code.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => code,
    }
}

/// Reads a kind from its code or label, case-insensitively (`Review paper`, `review-paper`,
/// `review_paper`); `None` when it names no kind.
pub fn kind_from_label(text: &str) -> Option<Kind> {
    let code = words_joined(text, '_');
    code.parse().ok()
}

/// Splits a `; `-joined list (a `;` without space also separates), trimming items and
/// dropping empty ones.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// English names (and endonyms) of common languages, for formats that name languages
/// instead of tagging them.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("arabic", "ar"),
    ("chinese", "zh"),
    ("deutsch", "de"),
    ("dutch", "nl"),
    ("english", "en"),
    ("espanol", "es"),
    ("francais", "fr"),
    ("french", "fr"),
    ("german", "de"),
    ("italian", "it"),
    ("kinyarwanda", "rw"),
    ("kiswahili", "sw"),
    ("lingala", "ln"),
    ("nederlands", "nl"),
    ("portuguese", "pt"),
    ("russian", "ru"),
    ("spanish", "es"),
    ("swahili", "sw"),
];

/// Reads a language given as a BCP 47 tag (`fr`, `en-GB`) or an English name (`French`);
/// returns the canonical tag.
pub fn language_tag(text: &str) -> crate::Result<String> {
    normalize_language(text).or_else(|err| {
        let key = words_joined(text, ' ');
        LANGUAGE_NAMES
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, tag)| (*tag).to_owned())
            .ok_or(err)
    })
}

/// The number of a month named in English or French (full or abbreviated) or given as
/// a number.
pub fn month_number(text: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv"],
        &["february", "feb", "fevrier", "fev", "fevr"],
        &["march", "mar", "mars"],
        &["april", "apr", "avril", "avr"],
        &["may", "mai"],
        &["june", "jun", "juin"],
        &["july", "jul", "juillet", "juil"],
        &["august", "aug", "aout"],
        &["september", "sep", "sept", "septembre"],
        &["october", "oct", "octobre"],
        &["november", "nov", "novembre"],
        &["december", "dec", "decembre"],
    ];
    let key = words_joined(text, ' ');
    if let Ok(n) = key.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    (1..=12u32).find(|m| MONTHS[*m as usize - 1].contains(&key.as_str()))
}

/// Trims `text`; `None` when nothing is left.
pub(crate) fn non_empty(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// Collapses every run of whitespace (including line breaks) to one space and trims.
pub(crate) fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_cut_at_word_boundaries() {
        let long = "word ".repeat(40);
        let s = slug(&long);
        assert!(s.len() <= MAX_SLUG_CHARS);
        assert!(s.ends_with("word"));
        let one = "x".repeat(200);
        assert_eq!(slug(&one).len(), MAX_SLUG_CHARS);
    }

    #[test]
    fn every_kind_label_reads_back() {
        for kind in Kind::ALL {
            assert_eq!(kind_from_label(&kind_label(*kind)), Some(*kind));
            assert_eq!(kind_from_label(kind.as_str()), Some(*kind));
        }
    }

    #[test]
    fn title_keys_ignore_case_accents_and_punctuation() {
        assert_eq!(
            title_key("Initiatives en matière de ‘minerais de conflit’"),
            "initiatives en matiere de minerais de conflit"
        );
        assert_eq!(title_key("  "), "");
        assert_eq!(collapse_spaces(" a \n b\t"), "a b");
        assert_eq!(non_empty("  "), None);
    }
}

/// A page count as reference managers write it: `45`, `45 p.`, `45 pages`, `45pp`. Anything
/// else (a range, roman numerals, "xii, 230") is not a count: `None`.
pub(crate) fn page_count(text: &str) -> Option<i32> {
    let text = text.trim();
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (number, rest) = text.split_at(digits);
    let rest = rest.trim().trim_end_matches('.').to_ascii_lowercase();
    if !matches!(
        rest.as_str(),
        "" | "p" | "pp" | "page" | "pages" | "pages total"
    ) {
        return None;
    }
    number.parse::<i32>().ok().filter(|n| *n > 0)
}

/// The examples of this module's items (crate-private, so not doc tests).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod examples {
    #[test]
    fn example_list_separator() {
        use crate::formats::text::{split_list, LIST_SEPARATOR};
        assert_eq!(split_list(&["a", "b"].join(LIST_SEPARATOR)), ["a", "b"]);
    }

    #[test]
    fn example_slug() {
        use crate::formats::text::slug;
        assert_eq!(
            slug("Mapping Conflict Motives: M23"),
            "mapping-conflict-motives-m23"
        );
        assert_eq!(slug("Étain — « Sud-Kivu »"), "etain-sud-kivu");
        assert_eq!(slug("!!!"), "");
    }

    #[test]
    fn example_title_key() {
        use crate::formats::text::title_key;
        assert_eq!(
            title_key("‘Conflict Minerals’ initiatives"),
            title_key("'conflict minerals'  Initiatives.")
        );
        assert_eq!(title_key("Étain"), "etain");
    }

    #[test]
    fn example_kind_label() {
        use crate::{formats::text::kind_label, model::Kind};
        assert_eq!(kind_label(Kind::ReviewPaper), "Review paper");
    }

    #[test]
    fn example_kind_from_label() {
        use crate::{formats::text::kind_from_label, model::Kind};
        assert_eq!(kind_from_label("Policy Brief"), Some(Kind::PolicyBrief));
        assert_eq!(kind_from_label("poem"), None);
    }

    #[test]
    fn example_split_list() {
        use crate::formats::text::split_list;
        assert_eq!(split_list(" a; b ;;c "), ["a", "b", "c"]);
        assert!(split_list("  ").is_empty());
    }

    #[test]
    fn example_language_tag() {
        use crate::formats::text::language_tag;
        assert_eq!(language_tag("French").unwrap(), "fr");
        assert_eq!(language_tag("en_GB").unwrap(), "en-GB");
        assert!(language_tag("Klingon").is_err());
    }

    #[test]
    fn example_month_number() {
        use crate::formats::text::month_number;
        assert_eq!(month_number("Jul"), Some(7));
        assert_eq!(month_number("décembre"), Some(12));
        assert_eq!(month_number("13"), None);
    }

    #[test]
    fn page_counts_as_reference_managers_write_them() {
        use crate::formats::text::page_count;
        for (text, count) in [
            ("45", Some(45)),
            (" 45 p. ", Some(45)),
            ("120 pages", Some(120)),
            ("12pp", Some(12)),
        ] {
            assert_eq!(page_count(text), count, "{text}");
        }
        for text in [
            "",
            "0",
            "12-45",
            "xii, 230",
            "p. 45",
            "45 chapters",
            "99999999999",
        ] {
            assert_eq!(page_count(text), None, "{text}");
        }
    }
}
