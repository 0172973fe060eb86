//! LaTeX text escaping for BibTeX, both ways: `é` ↔ `{\'e}`, `ö` ↔ `{\"o}`, `ç` ↔
//! `{\c{c}}`, `–` ↔ `--`, `’` ↔ `{\textquoteright}`, `&` ↔ `\&` …
//!
//! [`encode`] writes accented Latin letters, dashes, typographic quotes and LaTeX's special
//! characters as commands; other characters stay UTF-8. [`decode`] reads those commands back
//! (in the forms `\'e`, `\'{e}`, `{\'e}`, `\c c`, `\c{c}`), removes grouping braces, and
//! keeps the text inside unknown commands (`\emph{x}` → `x`).

/// Accent commands: `(command, base letter, accented letter)`.
#[rustfmt::skip]
const ACCENTS: &[(char, char, char)] = &[
    ('`', 'a', 'à'), ('\'', 'a', 'á'), ('^', 'a', 'â'), ('~', 'a', 'ã'), ('"', 'a', 'ä'), ('=', 'a', 'ā'), ('u', 'a', 'ă'), ('k', 'a', 'ą'),
    ('`', 'A', 'À'), ('\'', 'A', 'Á'), ('^', 'A', 'Â'), ('~', 'A', 'Ã'), ('"', 'A', 'Ä'), ('=', 'A', 'Ā'), ('u', 'A', 'Ă'), ('k', 'A', 'Ą'),
    ('c', 'c', 'ç'), ('\'', 'c', 'ć'), ('v', 'c', 'č'), ('^', 'c', 'ĉ'), ('.', 'c', 'ċ'),
    ('c', 'C', 'Ç'), ('\'', 'C', 'Ć'), ('v', 'C', 'Č'), ('^', 'C', 'Ĉ'), ('.', 'C', 'Ċ'),
    ('v', 'd', 'ď'), ('v', 'D', 'Ď'),
    ('`', 'e', 'è'), ('\'', 'e', 'é'), ('^', 'e', 'ê'), ('"', 'e', 'ë'), ('=', 'e', 'ē'), ('u', 'e', 'ĕ'), ('.', 'e', 'ė'), ('k', 'e', 'ę'), ('v', 'e', 'ě'),
    ('`', 'E', 'È'), ('\'', 'E', 'É'), ('^', 'E', 'Ê'), ('"', 'E', 'Ë'), ('=', 'E', 'Ē'), ('u', 'E', 'Ĕ'), ('.', 'E', 'Ė'), ('k', 'E', 'Ę'), ('v', 'E', 'Ě'),
    ('^', 'g', 'ĝ'), ('u', 'g', 'ğ'), ('.', 'g', 'ġ'), ('c', 'g', 'ģ'),
    ('^', 'G', 'Ĝ'), ('u', 'G', 'Ğ'), ('.', 'G', 'Ġ'), ('c', 'G', 'Ģ'),
    ('`', 'i', 'ì'), ('\'', 'i', 'í'), ('^', 'i', 'î'), ('"', 'i', 'ï'), ('~', 'i', 'ĩ'), ('=', 'i', 'ī'), ('u', 'i', 'ĭ'), ('k', 'i', 'į'),
    ('`', 'I', 'Ì'), ('\'', 'I', 'Í'), ('^', 'I', 'Î'), ('"', 'I', 'Ï'), ('~', 'I', 'Ĩ'), ('=', 'I', 'Ī'), ('u', 'I', 'Ĭ'), ('k', 'I', 'Į'), ('.', 'I', 'İ'),
    ('\'', 'l', 'ĺ'), ('v', 'l', 'ľ'), ('c', 'l', 'ļ'), ('\'', 'L', 'Ĺ'), ('v', 'L', 'Ľ'), ('c', 'L', 'Ļ'),
    ('~', 'n', 'ñ'), ('\'', 'n', 'ń'), ('v', 'n', 'ň'), ('c', 'n', 'ņ'),
    ('~', 'N', 'Ñ'), ('\'', 'N', 'Ń'), ('v', 'N', 'Ň'), ('c', 'N', 'Ņ'),
    ('`', 'o', 'ò'), ('\'', 'o', 'ó'), ('^', 'o', 'ô'), ('~', 'o', 'õ'), ('"', 'o', 'ö'), ('=', 'o', 'ō'), ('u', 'o', 'ŏ'), ('H', 'o', 'ő'),
    ('`', 'O', 'Ò'), ('\'', 'O', 'Ó'), ('^', 'O', 'Ô'), ('~', 'O', 'Õ'), ('"', 'O', 'Ö'), ('=', 'O', 'Ō'), ('u', 'O', 'Ŏ'), ('H', 'O', 'Ő'),
    ('\'', 'r', 'ŕ'), ('v', 'r', 'ř'), ('c', 'r', 'ŗ'), ('\'', 'R', 'Ŕ'), ('v', 'R', 'Ř'), ('c', 'R', 'Ŗ'),
    ('\'', 's', 'ś'), ('^', 's', 'ŝ'), ('c', 's', 'ş'), ('v', 's', 'š'),
    ('\'', 'S', 'Ś'), ('^', 'S', 'Ŝ'), ('c', 'S', 'Ş'), ('v', 'S', 'Š'),
    ('c', 't', 'ţ'), ('v', 't', 'ť'), ('c', 'T', 'Ţ'), ('v', 'T', 'Ť'),
    ('`', 'u', 'ù'), ('\'', 'u', 'ú'), ('^', 'u', 'û'), ('"', 'u', 'ü'), ('~', 'u', 'ũ'), ('=', 'u', 'ū'), ('u', 'u', 'ŭ'), ('r', 'u', 'ů'), ('H', 'u', 'ű'), ('k', 'u', 'ų'),
    ('`', 'U', 'Ù'), ('\'', 'U', 'Ú'), ('^', 'U', 'Û'), ('"', 'U', 'Ü'), ('~', 'U', 'Ũ'), ('=', 'U', 'Ū'), ('u', 'U', 'Ŭ'), ('r', 'U', 'Ů'), ('H', 'U', 'Ű'), ('k', 'U', 'Ų'),
    ('\'', 'y', 'ý'), ('"', 'y', 'ÿ'), ('\'', 'Y', 'Ý'), ('"', 'Y', 'Ÿ'),
    ('\'', 'z', 'ź'), ('.', 'z', 'ż'), ('v', 'z', 'ž'), ('\'', 'Z', 'Ź'), ('.', 'Z', 'Ż'), ('v', 'Z', 'Ž'),
    ('r', 'a', 'å'), ('r', 'A', 'Å'),
];

/// Commands without argument: `(name, text)`. The first entry for a text is the one written.
#[rustfmt::skip]
const SYMBOLS: &[(&str, &str)] = &[
    ("ss", "ß"), ("o", "ø"), ("O", "Ø"), ("aa", "å"), ("AA", "Å"), ("ae", "æ"), ("AE", "Æ"),
    ("oe", "œ"), ("OE", "Œ"), ("l", "ł"), ("L", "Ł"), ("i", "ı"), ("j", "ȷ"),
    ("textquoteleft", "‘"), ("textquoteright", "’"), ("textquotedblleft", "“"),
    ("textquotedblright", "”"), ("guillemotleft", "«"), ("guillemotright", "»"),
    ("guillemetleft", "«"), ("guillemetright", "»"), ("ldots", "…"), ("dots", "…"),
    ("textellipsis", "…"), ("textendash", "–"), ("textemdash", "—"), ("textbackslash", "\\"),
    ("textbraceleft", "{"), ("textbraceright", "}"), ("textasciitilde", "~"), ("textasciicircum", "^"), ("textbar", "|"), ("textless", "<"),
    ("textgreater", ">"), ("textdegree", "°"), ("texteuro", "€"), ("pounds", "£"),
    ("S", "§"), ("P", "¶"), ("copyright", "©"), ("textregistered", "®"), ("LaTeX", "LaTeX"),
    ("TeX", "TeX"),
];

/// Characters escaped with a backslash (braces are written as commands so that the braces
/// of an encoded text always balance, as BibTeX requires).
const ESCAPED: &[char] = &['&', '%', '$', '#', '_'];

/// Writes `text` as LaTeX (see the [module docs](self)).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '–' => out.push_str("--"),
            '—' => out.push_str("---"),
            '\u{a0}' => out.push('~'),
            '\\' => out.push_str(r"{\textbackslash}"),
            '{' => out.push_str(r"{\textbraceleft}"),
            '}' => out.push_str(r"{\textbraceright}"),
            '~' => out.push_str(r"{\textasciitilde}"),
            '^' => out.push_str(r"{\textasciicircum}"),
            c if ESCAPED.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => out.push(c),
            c => {
                if let Some((cmd, base, _)) = ACCENTS.iter().find(|(_, _, a)| *a == c) {
                    if cmd.is_ascii_alphabetic() {
                        out.push_str(&format!("{{\\{cmd}{{{base}}}}}"));
                    } else {
                        out.push_str(&format!("{{\\{cmd}{base}}}"));
                    }
                } else if let Some((name, _)) = SYMBOLS
                    .iter()
                    .find(|(_, t)| t.chars().eq(std::iter::once(c)))
                {
                    out.push_str(&format!("{{\\{name}}}"));
                } else {
                    out.push(c);
                }
            }
        }
    }
    out
}

/// Reads LaTeX text back (see the [module docs](self)).
pub fn decode(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '{' | '}' => {}
            '~' => out.push('\u{a0}'),
            '-' if chars.get(i) == Some(&'-') => {
                if chars.get(i + 1) == Some(&'-') {
                    out.push('—');
                    i += 2;
                } else {
                    out.push('–');
                    i += 1;
                }
            }
            '`' if chars.get(i) == Some(&'`') => {
                out.push('“');
                i += 1;
            }
            '\'' if chars.get(i) == Some(&'\'') => {
                out.push('”');
                i += 1;
            }
            '\\' => i = command(&chars, i, &mut out),
            c => out.push(c),
        }
    }
    out
}

/// Reads the command whose name starts at `chars[i]` (after the backslash); returns the
/// index after it.
fn command(chars: &[char], mut i: usize, out: &mut String) -> usize {
    let Some(&first) = chars.get(i) else {
        out.push('\\');
        return i;
    };
    if !first.is_ascii_alphabetic() {
        i += 1;
        if ACCENTS.iter().any(|(cmd, _, _)| *cmd == first) {
            return accent(chars, i, first, out);
        }
        match first {
            '\\' => out.push('\n'),
            ' ' => out.push(' '),
            ',' => out.push('\u{202f}'),
            c => out.push(c), // \& \% \$ \# \_ \{ \}
        }
        return i;
    }
    let start = i;
    while chars.get(i).is_some_and(char::is_ascii_alphabetic) {
        i += 1;
    }
    let name: String = chars.get(start..i).unwrap_or_default().iter().collect();
    if name.chars().count() == 1 && ACCENTS.iter().any(|(cmd, _, _)| cmd.to_string() == name) {
        if let Some(cmd) = name.chars().next() {
            // `\c c` or `\c{c}`: skip one space before an unbraced letter.
            if chars.get(i) == Some(&' ') {
                i += 1;
            }
            return accent(chars, i, cmd, out);
        }
    }
    // A control word eats the spaces after it.
    let mut after = i;
    while chars.get(after) == Some(&' ') {
        after += 1;
    }
    match SYMBOLS.iter().find(|(n, _)| *n == name) {
        Some((_, text)) => {
            out.push_str(text);
            // `{\o}` and `\o{}`: an empty group after a symbol is dropped by the caller.
            after
        }
        None => after, // unknown command: drop its name, keep its arguments' text
    }
}

/// Applies accent `cmd` to the letter at `chars[i]` (bare, `{x}` or `{\i}`).
fn accent(chars: &[char], mut i: usize, cmd: char, out: &mut String) -> usize {
    let mut braced = false;
    if chars.get(i) == Some(&'{') {
        braced = true;
        i += 1;
    }
    let mut base = chars.get(i).copied();
    if base == Some('\\') && matches!(chars.get(i + 1), Some('i' | 'j')) {
        base = chars.get(i + 1).copied();
        i += 1;
    }
    let Some(letter) = base else {
        return i;
    };
    i += 1;
    if braced && chars.get(i) == Some(&'}') {
        i += 1;
    }
    match ACCENTS.iter().find(|(c, b, _)| *c == cmd && *b == letter) {
        Some((_, _, accented)) => out.push(*accented),
        None => {
            out.push(letter);
            if let Some(mark) = combining_mark(cmd) {
                out.push(mark);
            }
        }
    }
    i
}

/// The Unicode combining mark of an accent command, for letters without a precomposed form.
fn combining_mark(cmd: char) -> Option<char> {
    Some(match cmd {
        '`' => '\u{300}',
        '\'' => '\u{301}',
        '^' => '\u{302}',
        '~' => '\u{303}',
        '=' => '\u{304}',
        'u' => '\u{306}',
        '.' => '\u{307}',
        '"' => '\u{308}',
        'r' => '\u{30a}',
        'H' => '\u{30b}',
        'v' => '\u{30c}',
        'c' => '\u{327}',
        'k' => '\u{328}',
        _ => return None,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn everything_encoded_decodes_back() {
        let samples = [
            "L’exploitation minière — « Sud-Kivu » 2007–2010",
            "Ærø, Łódź, Šibenik, Ñandú, Ğ, Ő, ů, ß, ø, œ, …",
            r"back\slash {braces} 50% $5 #1 a_b ~tilde ^caret & co",
            "‘single’ “double” non\u{a0}breaking",
            "Unicode stays: 東京, Ελλάδα",
        ];
        for text in samples {
            assert_eq!(decode(&encode(text)), text, "{}", encode(text));
        }
    }

    #[test]
    fn common_input_forms_decode() {
        assert_eq!(decode(r"\'e\'{e}{\'e}{\'{e}}"), "éééé");
        assert_eq!(decode(r"\c c \c{C}"), "ç Ç");
        assert_eq!(decode(r#"na\"{\i}ve \'{\i}"#), "naïve í");
        assert_eq!(decode(r"\o{} and {\O}"), "ø and Ø");
        assert_eq!(decode(r"\textit{Italic} \LaTeX"), "Italic LaTeX");
        assert_eq!(decode(r"\'x"), "x\u{301}");
        assert_eq!(decode("trailing \\"), "trailing \\");
        assert_eq!(decode(r"\'"), "");
    }
}

/// The examples of this module's items (crate-private, so not doc tests).
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod examples {
    #[test]
    fn example_encode() {
        use crate::formats::latex::encode;
        assert_eq!(encode("Étain & or – 100%"), r"{\'E}tain \& or -- 100\%");
        assert_eq!(
            encode("L’exploitation minière"),
            r"L{\textquoteright}exploitation mini{\`e}re"
        );
        assert_eq!(encode("Façade"), r"Fa{\c{c}}ade");
    }

    #[test]
    fn example_decode() {
        use crate::formats::latex::decode;
        assert_eq!(decode(r"{\'E}tain \& or -- 100\%"), "Étain & or – 100%");
        assert_eq!(
            decode(r#"Fa\c{c}ade, \"{o}, \^o, {\ss}, \emph{x}"#),
            "Façade, ö, ô, ß, x"
        );
        assert_eq!(
            decode(r"{M}apping {C}onflict ``quoted''"),
            "Mapping Conflict “quoted”"
        );
    }
}
