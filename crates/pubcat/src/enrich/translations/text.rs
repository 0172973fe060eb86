//! The words of a title or summary as link discovery compares them across languages.
//!
//! - Tokens are folded like the tagger's (Unicode NFC, diacritics removed, lower case, split on
//!   anything that is not a letter or a digit), and remember whether they open a sentence or a
//!   title segment (after `.`, `:`, `–`, `(` …): a capital there says nothing.
//! - Function words of English, French, Dutch and Swahili are dropped.
//! - A token with a digit is a *number* (`2012`, `m23`, `3t`; leading zeros dropped), and so
//!   is a number word from two to twelve (`ten`, `dix`, `tien` → `10`).
//! - Other tokens become *word keys*: the meaning of the built-in translation lexicon when the
//!   word is in it (`mining`, `minière` and `mijnbouw` are `l:mining`; see
//!   `data/lexicon/translation-words.txt`), else a cognate key, the first five letters of the
//!   word without a plural `s` (`conflict`/`conflit` → `w:confl`, `artisanal`/`artisanale` →
//!   `w:artis`; seven after `inter`, `trans` and `contr`, which begin too many unrelated words).
//!   A Dutch compound that is not in the lexicon but ends with a word that is (`jaarverslag`,
//!   `goudhandelaars`) gives the keys of its parts.
//! - A capitalised token that does not open a segment is also a *name* (`Kamituga`, `Goma`),
//!   as are acronyms in capitals (`FDLR`); in a title written in title case (most words
//!   capitalised) only acronyms count.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::stopwords::is_stopword;

use unicode_normalization::UnicodeNormalization;

/// One token of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Folded form (lower case, no diacritics).
    pub folded: String,
    /// As written.
    pub original: String,
    /// Whether it opens the text, a sentence or a title segment.
    pub opens: bool,
}

/// Characters after which the next token opens a segment.
fn closes_segment(c: char) -> bool {
    matches!(
        c,
        '.' | ':' | '!' | '?' | ';' | '–' | '—' | '(' | '[' | '"' | '“' | '«' | '‘' | '|'
    )
}

/// Appends the folded form of `c` to `out`: ASCII lower-cased, any other character by the
/// rule of [`crate::model::fold`] (decomposed, marks dropped, lower case).
pub(crate) fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        crate::model::fold::fold_char(c, out);
    }
}

/// Folds a whole word (see [`fold_char`]).
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.nfc() {
        fold_char(c, &mut out);
    }
    out
}

/// The tokens of `text`.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    if text.is_ascii() {
        // Nothing to compose: NFC is the identity on ASCII.
        tokens_of(text.chars())
    } else {
        tokens_of(text.nfc())
    }
}

fn tokens_of(chars: impl Iterator<Item = char>) -> Vec<Token> {
    let mut out = Vec::new();
    let mut folded = String::new();
    let mut original = String::new();
    let mut opens = true;
    let mut next_opens = true;
    for c in chars {
        if c.is_alphanumeric() {
            if original.is_empty() {
                opens = next_opens;
                next_opens = false;
            }
            original.push(c);
            fold_char(c, &mut folded);
        } else {
            if !original.is_empty() {
                out.push(Token {
                    folded: std::mem::take(&mut folded),
                    original: std::mem::take(&mut original),
                    opens,
                });
            }
            if closes_segment(c) {
                next_opens = true;
            }
        }
    }
    if !original.is_empty() {
        out.push(Token {
            folded,
            original,
            opens,
        });
    }
    out
}

/// The built-in translation lexicon (`data/lexicon/translation-words.txt`).
const LEXICON_TEXT: &str = include_str!("../../../data/lexicon/translation-words.txt");

/// Folded form → meaning, from the lexicon file.
fn lexicon() -> &'static HashMap<String, String> {
    static MAP: OnceLock<HashMap<String, String>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map = HashMap::new();
        for line in LEXICON_TEXT.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((meaning, forms)) = line.split_once(':') else {
                continue;
            };
            let key = format!("l:{}", meaning.trim());
            for form in forms.split(['|', ' ']).filter(|f| !f.is_empty()) {
                map.entry(fold(form)).or_insert_with(|| key.clone());
            }
        }
        map
    })
}

/// The lexicon meaning of a folded word (`l:mining`), trying it without a plural `s`.
pub(crate) fn meaning(folded: &str) -> Option<&'static str> {
    let map = lexicon();
    map.get(folded)
        .or_else(|| {
            folded
                .strip_suffix('s')
                .filter(|w| w.len() >= 3)
                .and_then(|w| map.get(w))
        })
        .map(String::as_str)
}

/// The cognate key of a folded word that is not in the lexicon (see the module docs).
pub(crate) fn cognate_key(folded: &str) -> String {
    let word = match folded.strip_suffix('s') {
        Some(w) if w.chars().count() >= 4 => w,
        _ => folded,
    };
    let keep = if ["inter", "trans", "contr"]
        .iter()
        .any(|p| word.starts_with(p))
    {
        7
    } else {
        5
    };
    let mut key = String::with_capacity(keep + 2);
    key.push_str("w:");
    key.extend(word.chars().take(keep));
    key
}

/// Whether a token as written is an acronym: two or more characters, capitals and digits.
fn is_acronym(original: &str) -> bool {
    original.chars().count() >= 2
        && original.chars().any(char::is_uppercase)
        && !original.chars().any(char::is_lowercase)
}

/// The number a word stands for, in English, French, Dutch and Swahili (`ten years`, `dix ans`,
/// `tien jaar`, `miaka kumi`), from two to twelve and twenty. One and first are left out: they
/// are also articles and pronouns (`un`, `een`, `one of`); so is French `onze` (11), which is
/// Dutch for "our".
fn number_word(folded: &str) -> Option<&'static str> {
    Some(match folded {
        "two" | "deux" | "twee" | "mbili" => "2",
        "three" | "trois" | "drie" => "3",
        "four" | "quatre" | "vier" | "nne" => "4",
        "five" | "cinq" | "vijf" | "tano" => "5",
        "six" | "zes" | "sita" => "6",
        "seven" | "sept" | "zeven" | "saba" => "7",
        "eight" | "huit" | "acht" | "nane" => "8",
        "nine" | "negen" | "tisa" => "9",
        "ten" | "dix" | "tien" | "kumi" => "10",
        "eleven" => "11",
        "twelve" | "douze" | "twaalf" => "12",
        "twenty" | "vingt" | "twintig" => "20",
        _ => return None,
    })
}

/// The number a token stands for: a numeral (`2012`, `m23`, `3t`, `007` → `7`) or a number
/// word (`ten`, `dix` → `10`).
fn number(folded: &str) -> Option<String> {
    if !folded.chars().any(|c| c.is_ascii_digit()) {
        return number_word(folded).map(str::to_owned);
    }
    if folded.chars().all(|c| c.is_ascii_digit()) {
        let trimmed = folded.trim_start_matches('0');
        return Some(if trimmed.is_empty() { "0" } else { trimmed }.to_owned());
    }
    Some(folded.to_owned())
}

/// What a text says, as link discovery compares it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Analysed {
    /// Word keys (`l:…` lexicon meanings, `w:…` cognate keys) with the word as written, in
    /// order, repeated.
    pub words: Vec<(String, String)>,
    /// Numbers, in order.
    pub numbers: Vec<String>,
    /// Names: (word key, as written).
    pub names: Vec<(String, String)>,
}

/// The parts of a compound word whose last part is in the lexicon (Dutch writes
/// `jaarverslag`, `goudhandelaars`, `ketenbeleid` as one word where English and French use
/// two): the word keys of the parts, first to last, or `None` when no split is found. The
/// last part is the longest lexicon word ending the compound (at least four letters); the
/// part before it (at least three letters) is split again, or kept as a lexicon meaning or a
/// cognate key.
pub(crate) fn compound_parts(folded: &str) -> Option<Vec<String>> {
    if folded.len() < 7 || !folded.is_ascii() {
        return None;
    }
    (3..=folded.len() - 4).find_map(|at| {
        let (head, tail) = folded.split_at(at);
        let last = meaning(tail)?;
        let mut parts = match meaning(head) {
            Some(m) => vec![m.to_owned()],
            None => compound_parts(head).unwrap_or_else(|| vec![cognate_key(head)]),
        };
        parts.push(last.to_owned());
        Some(parts)
    })
}

/// Analyses `text` (see the module docs).
pub(crate) fn analyse(text: &str) -> Analysed {
    analyse_in(text, "")
}

/// Analyses `text` written in `language` (a primary subtag): as [`analyse`], and Dutch
/// compounds not in the lexicon are split into their parts ([`compound_parts`]).
pub(crate) fn analyse_in(text: &str, language: &str) -> Analysed {
    let compounds = language == "nl";
    let tokens = tokenize(text);
    let mut out = Analysed::default();
    // Title case: most words that do not open a segment are capitalised.
    let (mut capitalised, mut inner) = (0usize, 0usize);
    for t in tokens
        .iter()
        .filter(|t| !t.opens && !is_stopword(&t.folded))
    {
        inner += 1;
        if t.original.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        }
    }
    let title_case = inner >= 3 && capitalised * 10 >= inner * 6;
    for t in &tokens {
        if let Some(n) = number(&t.folded) {
            out.numbers.push(n);
            continue;
        }
        let acronym = is_acronym(&t.original);
        if is_stopword(&t.folded) && !acronym {
            continue;
        }
        let lexical = meaning(&t.folded);
        if lexical.is_none() && compounds && !acronym {
            if let Some(parts) = compound_parts(&t.folded) {
                for part in parts {
                    out.words.push((part, t.original.clone()));
                }
                continue;
            }
        }
        let key = match lexical {
            Some(m) => m.to_owned(),
            None if acronym => format!("w:{}", t.folded),
            None if t.folded.chars().count() < 3 => continue,
            None => cognate_key(&t.folded),
        };
        let capital = t.original.chars().next().is_some_and(char::is_uppercase);
        let name = lexical.is_none()
            && (acronym || (capital && !t.opens && !title_case))
            && t.folded.chars().count() >= 2;
        if name {
            out.names.push((key.clone(), t.original.clone()));
        }
        out.words.push((key, t.original.clone()));
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_and_know_where_segments_open() {
        let t = tokenize("Sud-Kivu: l’or (Kamituga)");
        let folded: Vec<&str> = t.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(folded, ["sud", "kivu", "l", "or", "kamituga"]);
        let opens: Vec<bool> = t.iter().map(|t| t.opens).collect();
        assert_eq!(opens, [true, false, true, false, true]);
    }

    #[test]
    fn cognates_share_a_key_and_the_lexicon_translates() {
        assert_eq!(cognate_key("conflict"), cognate_key("conflit"));
        assert_eq!(cognate_key("artisanal"), cognate_key("artisanaux"));
        assert_eq!(cognate_key("groups"), cognate_key("groupes"));
        assert_ne!(cognate_key("international"), cognate_key("interviews"));
        assert_eq!(meaning("mining"), meaning("minieres"));
        assert_eq!(meaning("mining"), meaning("mijnbouw"));
        assert_eq!(meaning(&fold("Rapport")), Some("l:report"));
        assert_ne!(meaning("mining"), meaning("minerals"));
    }

    #[test]
    fn numbers_names_and_words() {
        let a = analyse("In Kamituga, the M23 took 007 sites in 2012. Goma fell");
        assert_eq!(a.numbers, ["m23", "7", "2012"]);
        let names: Vec<&str> = a.names.iter().map(|(_, o)| o.as_str()).collect();
        // "In" opens the text, "Goma" a sentence: only mid-sentence capitals are names.
        assert_eq!(names, ["Kamituga"]);
        assert!(a
            .words
            .iter()
            .any(|(k, o)| k == "w:kamit" && o == "Kamituga"));
        assert!(!a.words.iter().any(|(k, _)| k == "w:the"));
    }

    #[test]
    fn dutch_compounds_split_and_number_words_count() {
        assert_eq!(
            compound_parts("jaarverslag").unwrap(),
            ["l:year", "l:report"]
        );
        assert_eq!(
            compound_parts("conflictmineralenverordening").unwrap(),
            ["l:conflict", "l:mineral", "l:regulation"]
        );
        assert_eq!(compound_parts("butembo"), None);
        let nl = analyse_in("De goudhandelaars van Butembo", "nl");
        let keys: Vec<&str> = nl.words.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["l:gold", "l:trade", "w:butem"]);
        // Only Dutch texts are split: `determine` is not `deter` + `mine`.
        let en = analyse("They determine");
        let keys: Vec<&str> = en.words.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["w:deter"]);
        assert_eq!(analyse("Ten years after").numbers, ["10"]);
        assert_eq!(analyse("Dodd-Frank, dix ans après").numbers, ["10"]);
        // Dutch `onze` is "our", not French 11.
        assert!(analyse_in("Onze aanpak in twee provincies", "nl").numbers == ["2"]);
    }

    #[test]
    fn title_case_titles_give_only_acronyms_as_names() {
        let a = analyse("Perceptions of Local Mining Communities and the FDLR");
        let names: Vec<&str> = a.names.iter().map(|(_, o)| o.as_str()).collect();
        assert_eq!(names, ["FDLR"]);
    }
}
