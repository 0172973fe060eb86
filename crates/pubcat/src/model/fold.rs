//! Folding text for comparison: the tokens of a text as automatic tagging and search
//! expansion compare them (Unicode NFC, diacritics removed, lower case, split on anything
//! that is not a letter or a digit). `Sud-Kivu`, `sud kivu` and `SUD KIVU` are the tokens
//! `sud kivu`; `l'or` is `l or`.

use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// The folded tokens of `text`, each with its original spelling.
pub(crate) fn tokens(text: &str) -> Vec<(String, String)> {
    let mut buffer = TokenBuffer::default();
    buffer.fill(text);
    (0..buffer.len())
        .map(|i| (buffer.folded(i).to_owned(), buffer.original(i).to_owned()))
        .collect()
}

/// The tokens of one text, as [`tokens`] finds them, kept in two strings that are reused from
/// one text to the next: no allocation per token (automatic tagging folds every text of a
/// catalogue).
#[derive(Debug, Default)]
pub(crate) struct TokenBuffer {
    folded: String,
    original: String,
    /// Per token: start and end in `folded`, start and end in `original`.
    spans: Vec<[usize; 4]>,
}

impl TokenBuffer {
    /// Replaces the tokens by those of `text`.
    pub(crate) fn fill(&mut self, text: &str) {
        self.folded.clear();
        self.original.clear();
        self.spans.clear();
        // NFC changes nothing in a text that is already NFC (nearly every text; a quick
        // check tells), so only the others go through it.
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            self.push_chars(text.chars());
        } else {
            self.push_chars(text.nfc());
        }
    }

    fn push_chars(&mut self, chars: impl Iterator<Item = char>) {
        let mut start = [0, 0];
        for c in chars {
            if c.is_ascii_alphanumeric() {
                self.original.push(c);
                self.folded.push(c.to_ascii_lowercase());
            } else if !c.is_ascii() && c.is_alphanumeric() {
                self.original.push(c);
                fold_char(c, &mut self.folded);
            } else {
                self.end_token(&mut start);
            }
        }
        self.end_token(&mut start);
    }

    fn end_token(&mut self, start: &mut [usize; 2]) {
        let end = [self.folded.len(), self.original.len()];
        if end[0] > start[0] {
            self.spans.push([start[0], end[0], start[1], end[1]]);
        } else {
            // A letter that folds to nothing: drop its original spelling too.
            self.original.truncate(start[1]);
        }
        *start = [self.folded.len(), self.original.len()];
    }

    /// The number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }

    /// Token `i`, folded.
    pub(crate) fn folded(&self, i: usize) -> &str {
        let [a, b, _, _] = self.spans[i];
        &self.folded[a..b]
    }

    /// Token `i` as the text writes it.
    pub(crate) fn original(&self, i: usize) -> &str {
        let [_, _, a, b] = self.spans[i];
        &self.original[a..b]
    }
}

/// The first code point of the table of [`fold_char`].
const TABLE_START: u32 = 0xC0;
/// The code point after the table: Latin-1 Supplement letters and Latin Extended-A.
const TABLE_END: u32 = 0x180;

/// Appends the folded form of the non-ASCII letter or digit `c`: its decomposition without
/// combining marks, lower case, with the letters that do not decompose spelled out (`ß` is
/// `ss`, `æ` `ae`, `ø` `o`). The accented Latin letters, nearly all the non-ASCII letters of
/// the texts pubcat reads, come from a table computed once by the same rule.
pub(crate) fn fold_char(c: char, out: &mut String) {
    static TABLE: OnceLock<Vec<String>> = OnceLock::new();
    let code = u32::from(c);
    if (TABLE_START..TABLE_END).contains(&code) {
        let table = TABLE.get_or_init(|| {
            (TABLE_START..TABLE_END)
                .map(|code| {
                    let mut folded = String::new();
                    if let Some(c) = char::from_u32(code) {
                        fold_char_slowly(c, &mut folded);
                    }
                    folded
                })
                .collect()
        });
        out.push_str(&table[(code - TABLE_START) as usize]);
    } else {
        fold_char_slowly(c, out);
    }
}

/// [`fold_char`] by the rule itself.
fn fold_char_slowly(c: char, out: &mut String) {
    let mut buffer = [0u8; 4];
    let single: &str = c.encode_utf8(&mut buffer);
    for d in single.nfd().filter(|d| !is_combining_mark(*d)) {
        match d {
            'ß' => out.push_str("ss"),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ø' | 'Ø' => out.push('o'),
            'đ' | 'Đ' => out.push('d'),
            'ł' | 'Ł' => out.push('l'),
            _ => out.extend(d.to_lowercase()),
        }
    }
}

/// The folded tokens of `text` joined by single spaces: the key under which a label is
/// looked up (`Sud-Kivu` and `SUD  KIVU` both give `sud kivu`).
pub(crate) fn key(text: &str) -> String {
    let mut out = String::new();
    for (folded, _) in tokens(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&folded);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_accents_and_punctuation() {
        assert_eq!(key("Sud-Kivu"), "sud kivu");
        assert_eq!(key("  SUD   kivu "), "sud kivu");
        assert_eq!(key("Haut-Uélé"), "haut uele");
        assert_eq!(key("l'or"), "l or");
        assert_eq!(key("Straße"), "strasse");
        assert_eq!(tokens("Éta")[0], ("eta".to_owned(), "Éta".to_owned()));
    }

    /// The old folding, token by token (before the reused buffer and the table): the
    /// reference the fast paths must agree with.
    fn tokens_by_the_rule(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let (mut folded, mut original) = (String::new(), String::new());
        for c in text.nfc() {
            if c.is_alphanumeric() {
                original.push(c);
                if c.is_ascii() {
                    folded.push(c.to_ascii_lowercase());
                } else {
                    fold_char_slowly(c, &mut folded);
                }
            } else {
                if !folded.is_empty() {
                    out.push((std::mem::take(&mut folded), std::mem::take(&mut original)));
                }
                original.clear();
            }
        }
        if !folded.is_empty() {
            out.push((folded, original));
        }
        out
    }

    #[test]
    fn the_fast_paths_fold_as_the_rule_does() {
        // Every letter of the table, a decomposed accent (not NFC), letters outside the
        // table, a letter that folds to nothing alone, digits and punctuation.
        let mut texts: Vec<String> = (TABLE_START..TABLE_END)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b {c} x-{c}"))
            .collect();
        texts.extend(
            [
                "Cafe\u{301} de\u{301}cide\u{301} \u{301}",
                "Straße ŒUVRE Øresund Łódź Đakovo",
                "Ǆemal ǅ ǆ ﬁn Ω Ἀθῆναι Москва 東京 ٣ ①",
                "l'or et les 3T à Kamituga — SUD-KIVU, 2024",
                "\u{1100}\u{1161} 가",
                "",
            ]
            .map(String::from),
        );
        for text in &texts {
            assert_eq!(tokens(text), tokens_by_the_rule(text), "{text:?}");
        }
        let mut buffer = TokenBuffer::default();
        buffer.fill("Sud-Kivu");
        buffer.fill("Haut-Uélé");
        assert_eq!(buffer.len(), 2);
        assert_eq!((buffer.folded(1), buffer.original(1)), ("uele", "Uélé"));
    }
}
