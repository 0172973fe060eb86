//! The words of a text exactly as the full-text index stores them: SQLite FTS5's `unicode61`
//! tokenizer with `remove_diacritics 2` (schema.sql), written again in Rust so that pubcat can
//! find, outside SQLite, the words a phrase query would match (the concept tokens of
//! [`crate::db::concept_tokens`] mark every occurrence of a concept's label that the phrase
//! of the label would find).
//!
//! This is not [`super::fold`], the folding of tagging and expansion, which also spells `ß`
//! `ss` and `œ` `oe`: the index keeps `straße` and `œuvre` as they are. The rules, checked
//! against FTS5's own tokens (`fts5vocab`) by the tests:
//!
//! - a word is a maximal run of letters, numbers (`½`, `²`), private-use characters and the
//!   combining diacritics FTS5 knows (most of U+0300–U+0331); everything else separates words
//!   (punctuation, spaces, symbols, other combining marks, and the enclosed letters `Ⓐ` that
//!   Unicode counts as alphabetic);
//! - a word is lower-cased; an ASCII letter with diacritics loses them (`É` is `e`; `ø`, `œ`
//!   and `ß` stay: they are not ASCII letters with marks); combining diacritics are dropped
//!   (`e\u{301}te` is `ete`); other scripts keep theirs (Greek `ᾼ` is `ᾳ`).
//!
//! FTS5 reads its own tables of Unicode categories and case folding, which follow an older
//! Unicode than Rust's: letters added to Unicode since may differ. The concept labels this
//! serves are written in Latin letters.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Calls `word` with each word of `text`, in order, as the index stores it. One buffer is
/// reused for every word (the texts of a whole catalogue go through here).
pub(crate) fn for_each_word(text: &str, mut word: impl FnMut(&str)) {
    let mut current = String::new();
    let mut in_word = false;
    for c in text.chars() {
        if is_word_char(c) {
            in_word = true;
            fold_into(c, &mut current);
        } else if in_word {
            if !current.is_empty() {
                word(&current);
            }
            current.clear();
            in_word = false;
        }
    }
    if in_word && !current.is_empty() {
        word(&current);
    }
}

/// The words of `text` as the index stores them.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_owned()));
    out
}

/// Whether FTS5's `unicode61` counts `c` as part of a word (Unicode letters, numbers,
/// combining marks with `remove_diacritics`, private use).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    (c.is_alphanumeric() && !is_combining_mark(c) && !is_enclosed_letter(c))
        || is_fts5_diacritic(c)
        || is_private_use(c)
}

/// The combining marks FTS5 treats as diacritics (part of a word, then removed): a few of
/// U+0300–U+0331 (`sqlite3Fts5UnicodeIsdiacritic`). Other combining marks (Hebrew points,
/// Devanagari vowel signs) separate words.
fn is_fts5_diacritic(c: char) -> bool {
    const FIRST: u32 = 0x300;
    let code = c as u32;
    match code.checked_sub(FIRST) {
        Some(i @ 0..=31) => 0x0802_9FDF_u32 & (1 << i) != 0,
        Some(i @ 32..=49) => 0x0003_61F8_u32 & (1 << (i - 32)) != 0,
        _ => false,
    }
}

/// Circled, parenthesized and squared Latin letters: alphabetic for Rust (Other_Alphabetic),
/// symbols (So) for FTS5.
fn is_enclosed_letter(c: char) -> bool {
    matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F189}')
}

fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

/// Appends `c` as the index folds it: lower case; a letter that is an ASCII letter with
/// diacritics becomes that letter; the diacritics of [`is_fts5_diacritic`] are dropped.
fn fold_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_fts5_diacritic(c) {
        return;
    }
    if let Some(folded) = case_fold_exception(c) {
        out.push(folded);
        return;
    }
    for lower in c.to_lowercase() {
        if is_combining_mark(lower) {
            continue;
        }
        let mut base = None;
        let mut only_marks = true;
        decompose_canonical(lower, |d| {
            if base.is_none() {
                base = Some(d);
            } else if !is_combining_mark(d) {
                only_marks = false;
            }
        });
        match base {
            Some(b) if b != lower && only_marks && b.is_ascii_alphabetic() => out.push(b),
            _ => out.push(lower),
        }
    }
}

/// Letters whose case folding (what FTS5 applies) is not their lower case.
fn case_fold_exception(c: char) -> Option<char> {
    Some(match c {
        'ſ' | 'ẛ' => 's',
        'ς' => 'σ',
        'ϐ' => 'β',
        'ϑ' => 'θ',
        'ϕ' => 'φ',
        'ϖ' => 'π',
        'ϰ' => 'κ',
        'ϱ' => 'ρ',
        'ϵ' => 'ε',
        'µ' => 'μ',
        '\u{1FBE}' => 'ι',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// The words FTS5 itself stores for `text`, in order.
    fn fts5_words(conn: &Connection, text: &str) -> Vec<String> {
        conn.execute("DELETE FROM t", []).unwrap();
        conn.execute("INSERT INTO t (x) VALUES (?1)", [text])
            .unwrap();
        let mut stmt = conn.prepare("SELECT term FROM v ORDER BY offset").unwrap();
        let words = stmt
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<Vec<String>, _>>()
            .unwrap();
        words
    }

    fn index() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (x, tokenize = 'unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE v USING fts5vocab (t, 'instance');",
        )
        .unwrap();
        conn
    }

    #[test]
    fn splits_and_folds_as_fts5_does() {
        let conn = index();
        let texts = [
            "Sud-Kivu, South Kivu; Zuid-Kivu and Kivu Kusini (2023)",
            "L'or artisanal à Misisi: main-d'œuvre, Straße, æther, København, Đakovo, Łódź",
            "ÉTAIN, Tantale & TUNGSTÈNE — 3T/3TG; coltan's «columbite-tantalite»",
            "e\u{301}te\u{301} caf\u{301} naïve Ⓐb İstanbul ½ x²y ١٢٣ ǂc12 x\u{E000}y ﬁn ᾼ Ǆx",
            "Mai-Mai / Mayi-Mayi, M23/AFC, FDLR-FOCA, Raia Mutomboki, Nduma défense",
            "Ushuru wa madini, dhahabu, bati; Goud, tin, wolfraam; ĳzer Ĳssel",
            "tab\tnew\nline\u{a0}nbsp\u{2009}thin\u{200b}zero-width’apostrophe",
            "日本語のテキスト 中文 한국어 Ελληνικά Ἀθῆναι Русский ёлка עִבְרִית عَرَبِيّ हिन्दी",
            "Việt Nam, Nguyễn; ǣ ḁ ŉ ǅ ǈ ﬀ Å Ω K ẞ ſ ǰ ΐ",
            "λόγος ϐ ϑ ϕ ϖ ϰ ϱ ϵ ẛ \u{1FBE} µ ǅ",
            "",
            "   ",
            "a",
        ];
        for text in texts {
            assert_eq!(words(text), fts5_words(&conn, text), "{text:?}");
        }
    }

    #[test]
    fn every_shipped_label_splits_as_fts5_does() {
        let conn = index();
        for (_, text) in crate::formats::vocabulary::BUILTIN_VOCABULARIES {
            let vocabulary = crate::formats::vocabulary::Vocabulary::parse(text).unwrap();
            for concept in &vocabulary.concepts {
                let labels = concept
                    .labels
                    .values()
                    .chain(concept.alt_labels.iter().map(|l| &l.label));
                for label in labels {
                    assert_eq!(words(label), fts5_words(&conn, label), "{label:?}");
                }
            }
        }
    }
}
