//! LaTeX text escaping for BibTeX export: `é` → `{\'e}`, `ö` → `{\"o}`, `ç` → `{\c{c}}`,
//! `–` → `--`, `’` → `{\textquoteright}`, `&` → `\&`, a no-break space → `~` …
//!
//! [`encode`] writes accented Latin letters, dashes, typographic quotes and LaTeX's special
//! characters as commands; other characters stay UTF-8. Every command it writes is one the
//! `biblatex` crate turns back into the same character when pubcat reads the file
//! ([`super::bibtex_syntax`]; `\textdegree`, `\texteuro` and `\j`, which the crate leaves
//! as written, are finished there), so an export reads back as written.

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

/// Commands without argument, one for each character [`encode`] writes as a command.
#[rustfmt::skip]
const SYMBOLS: &[(&str, &str)] = &[
    ("ss", "ß"), ("o", "ø"), ("O", "Ø"), ("ae", "æ"), ("AE", "Æ"),
    ("oe", "œ"), ("OE", "Œ"), ("l", "ł"), ("L", "Ł"), ("i", "ı"), ("j", "ȷ"),
    ("textquoteleft", "‘"), ("textquoteright", "’"), ("textquotedblleft", "“"),
    ("textquotedblright", "”"), ("guillemotleft", "«"), ("guillemotright", "»"),
    ("textellipsis", "…"), ("textbackslash", "\\"), ("textbraceleft", "{"),
    ("textbraceright", "}"), ("textasciitilde", "~"), ("textasciicircum", "^"), ("textbar", "|"),
    ("textless", "<"), ("textgreater", ">"), ("textdegree", "°"), ("texteuro", "€"),
    ("pounds", "£"), ("S", "§"), ("P", "¶"), ("copyright", "©"), ("textregistered", "®"),
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// `text` written by [`encode`] into a title, read back by the BibTeX reader.
    fn read_back(text: &str) -> String {
        let bib = format!("@misc{{a,\n  title = {{{}}},\n}}\n", encode(text));
        let entries = crate::formats::bibtex_syntax::parse(&bib).unwrap();
        entries[0].text("title").unwrap().0
    }

    #[test]
    fn everything_encoded_reads_back() {
        let samples = [
            "L’exploitation minière — « Sud-Kivu » 2007–2010",
            "Ærø, Łódź, Šibenik, Ñandú, Ğ, Ő, ů, ß, ø, œ, …, ȷ",
            r"back\slash {braces} 50% $5 #1 a_b ~tilde ^caret & co | < > ° € £ § ¶ © ®",
            "‘single’ “double” non\u{a0}breaking",
            "Unicode stays: 東京, Ελλάδα",
        ];
        for text in samples {
            assert_eq!(read_back(text), text, "{}", encode(text));
        }
        // Every accented letter and symbol of the tables.
        let every: String = ACCENTS
            .iter()
            .map(|(_, _, c)| *c)
            .chain(SYMBOLS.iter().flat_map(|(_, t)| t.chars()))
            .flat_map(|c| [c, ' '])
            .collect();
        assert_eq!(read_back(every.trim()), every.trim());
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
}
