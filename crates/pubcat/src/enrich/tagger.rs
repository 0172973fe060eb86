//! Automatic concept tagging: finds the labels of loaded vocabularies in a publication's text.
//!
//! - Text and labels are compared as folded tokens: Unicode NFC, diacritics removed, lower
//!   case, split on anything that is not a letter or a digit (`Sud-Kivu`, `sud kivu` and
//!   `SUD KIVU` are the tokens `sud kivu`; `l'or` is `l or`).
//! - Every label of every language is looked for in every text (a French report tagged from
//!   its English summary is still tagged), whole tokens only (`Ituri` does not match inside
//!   `Iturian`), the longest label first at each position (`South Kivu` wins over `Kivu`, a
//!   label of another concept), and a token is used by one label only.
//! - A label written in capitals in the vocabulary (`ADF`, `CAR`, `M23`) is an acronym: it
//!   matches only when the text writes it in capitals too (`adf` or `car` in running text
//!   is not the armed group or the country).
//! - A label the vocabulary marks *ambiguous* (French `or` is gold and "now"; Swahili `bati` is
//!   tin and a roofing sheet) tags only a text in that label's language, and only when the
//!   same text names, with an unambiguous label, another concept of the same scheme (`l'or
//!   et les 3T`: the 3T are a mineral too).
//! - Themes are named with ordinary words (`mining`, `conflict`, `governance`, `taxes`) that
//!   a text uses without being about them, and an indexer tags a theme only when the text is
//!   about it. So a publication is tagged with a theme ([`Tagger::tag_publication`]) only when
//!   its title or subtitle names it, or when its texts name it at least twice (with one label
//!   or several); a theme named once in passing in a summary is not tagged. Places, actors and
//!   minerals are names: one mention tags them. ([`Tagger::tag`], which link discovery uses to
//!   read one text, keeps every theme it finds.)

use std::collections::HashMap;

/// One label of one concept, as the tagger looks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TagLabel {
    /// The concept's uid.
    pub concept: String,
    /// Its scheme (`place`, `mineral`, …).
    pub scheme: String,
    /// The label as written in the vocabulary.
    pub label: String,
    /// The label's language.
    pub language: String,
    /// Whether the label is also a common word (see the module docs).
    pub ambiguous: bool,
}

/// A concept found in a text, with the label that matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tag {
    /// The concept's uid.
    pub concept: String,
    /// The label that matched (the first one found in the text).
    pub label: String,
}

struct Entry {
    tokens: Vec<String>,
    /// Acronym labels: the tokens as written, compared case-sensitively.
    exact: Option<Vec<String>>,
    label: usize,
}

/// The labels of every loaded vocabulary, indexed by their first folded token.
pub(crate) struct Tagger {
    labels: Vec<TagLabel>,
    /// Whether each label's concept is a theme (see the module docs).
    theme: Vec<bool>,
    by_first: HashMap<String, Vec<Entry>>,
}

pub(crate) use crate::model::fold::tokens;
use crate::model::fold::TokenBuffer;
use crate::model::language::primary_subtag;

/// The scheme of themes, whose concepts need more than one mention (see the module docs).
const THEME_SCHEME: &str = "theme";

/// Whether a label is an acronym: capitals (and digits), at least two letters' worth.
fn is_acronym(label: &str) -> bool {
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 1
        && label.chars().count() >= 2
        && !label.chars().any(char::is_lowercase)
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == ' ')
}

impl Tagger {
    /// A tagger for `labels`.
    pub(crate) fn new(labels: Vec<TagLabel>) -> Tagger {
        let mut by_first: HashMap<String, Vec<Entry>> = HashMap::new();
        for (i, label) in labels.iter().enumerate() {
            let toks = tokens(&label.label);
            let Some(first) = toks.first().map(|(f, _)| f.clone()) else {
                continue;
            };
            let exact =
                is_acronym(&label.label).then(|| toks.iter().map(|(_, o)| o.clone()).collect());
            by_first.entry(first).or_default().push(Entry {
                tokens: toks.into_iter().map(|(f, _)| f).collect(),
                exact,
                label: i,
            });
        }
        for entries in by_first.values_mut() {
            entries.sort_by_key(|e| std::cmp::Reverse(e.tokens.len()));
        }
        let theme = labels.iter().map(|l| l.scheme == THEME_SCHEME).collect();
        Tagger {
            labels,
            theme,
            by_first,
        }
    }

    /// Whether the tagger has any label.
    pub(crate) fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The concepts named in `texts` written in `language` (a BCP 47 tag; its primary subtag
    /// is compared), each once, in the order they are first found: every mention, themes
    /// named once in passing included.
    pub(crate) fn tag(&self, texts: &[&str], language: &str) -> Vec<Tag> {
        self.tag_texts(texts, language, None)
    }

    /// The concepts a publication is about: those [`Tagger::tag`] finds in `texts` (its title,
    /// subtitle, summary, body, those it has, in that order; the first `headings` of them are
    /// its title and subtitle), less the themes neither a heading names nor the texts twice.
    pub(crate) fn tag_publication(
        &self,
        texts: &[&str],
        language: &str,
        headings: usize,
    ) -> Vec<Tag> {
        self.tag_texts(texts, language, Some(headings))
    }

    fn tag_texts(&self, texts: &[&str], language: &str, headings: Option<usize>) -> Vec<Tag> {
        let primary = primary_subtag(language);
        // (label index, ambiguous, text index)
        let mut found: Vec<(usize, bool, usize)> = Vec::new();
        let mut toks = TokenBuffer::default();
        for (n, text) in texts.iter().enumerate() {
            toks.fill(text);
            let mut at = 0;
            while at < toks.len() {
                let matched = self.by_first.get(toks.folded(at)).and_then(|entries| {
                    entries.iter().find(|e| {
                        at + e.tokens.len() <= toks.len()
                            && e.tokens
                                .iter()
                                .enumerate()
                                .all(|(k, t)| toks.folded(at + k) == t)
                            && e.exact.as_ref().is_none_or(|exact| {
                                exact
                                    .iter()
                                    .enumerate()
                                    .all(|(k, t)| toks.original(at + k) == t)
                            })
                    })
                });
                match matched {
                    Some(entry) => {
                        found.push((entry.label, self.labels[entry.label].ambiguous, n));
                        at += entry.tokens.len();
                    }
                    None => at += 1,
                }
            }
        }
        let mut tags: Vec<Tag> = Vec::new();
        let mut push = |label: &TagLabel| {
            if !tags.iter().any(|t| t.concept == label.concept) {
                tags.push(Tag {
                    concept: label.concept.clone(),
                    label: label.label.clone(),
                });
            }
        };
        for &(i, ambiguous, _) in &found {
            if !ambiguous {
                push(&self.labels[i]);
            }
        }
        for &(i, ambiguous, _) in &found {
            let label = &self.labels[i];
            if !ambiguous {
                continue;
            }
            let same_language = primary_subtag(&label.language) == primary;
            let cue = found.iter().any(|&(j, amb, _)| {
                !amb && self.labels[j].scheme == label.scheme
                    && self.labels[j].concept != label.concept
            });
            if same_language && cue {
                push(label);
            }
        }
        if let Some(headings) = headings {
            if found.iter().any(|&(i, _, _)| self.theme[i]) {
                tags.retain(|tag| self.is_about(&found, tag, headings));
            }
        }
        tags
    }

    /// Whether `tag` is not a theme, or a theme that a heading names or the texts name twice.
    fn is_about(&self, found: &[(usize, bool, usize)], tag: &Tag, headings: usize) -> bool {
        let mut mentions = 0;
        for &(i, _, n) in found {
            if self.labels[i].concept != tag.concept {
                continue;
            }
            if !self.theme[i] || n < headings {
                return true;
            }
            mentions += 1;
        }
        mentions >= 2
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn label(concept: &str, scheme: &str, language: &str, text: &str, ambiguous: bool) -> TagLabel {
        TagLabel {
            concept: concept.into(),
            scheme: scheme.into(),
            label: text.into(),
            language: language.into(),
            ambiguous,
        }
    }

    fn tagger() -> Tagger {
        Tagger::new(vec![
            label("south-kivu", "place", "en", "South Kivu", false),
            label("south-kivu", "place", "fr", "Sud-Kivu", false),
            label("south-kivu", "place", "sw", "Kivu Kusini", false),
            label("kivu-lake", "place", "en", "Kivu", false),
            label("ituri", "place", "en", "Ituri", false),
            label("gold", "mineral", "en", "gold", false),
            label("gold", "mineral", "fr", "or", true),
            label("3t", "mineral", "en", "3T", false),
            label("adf", "actor", "en", "ADF", false),
            label("car", "place", "en", "CAR", true),
        ])
    }

    fn uids(tags: &[Tag]) -> Vec<&str> {
        tags.iter().map(|t| t.concept.as_str()).collect()
    }

    #[test]
    fn labels_match_whole_folded_tokens_longest_first() {
        let t = tagger();
        assert_eq!(
            uids(&t.tag(&["Artisanal mining in SUD KIVU and Ituri"], "en")),
            ["south-kivu", "ituri"]
        );
        assert_eq!(uids(&t.tag(&["Around Lake Kivu"], "en")), ["kivu-lake"]);
        assert_eq!(
            uids(&t.tag(&["Kivu Kusini na dhahabu"], "sw")),
            ["south-kivu"]
        );
        assert_eq!(uids(&t.tag(&["Iturian traders"], "en")), Vec::<&str>::new());
        assert_eq!(
            uids(&t.tag(&["E\u{301}tain", "south kivu"], "fr")),
            ["south-kivu"]
        );
    }

    #[test]
    fn acronyms_match_in_capitals_only() {
        let t = tagger();
        assert_eq!(uids(&t.tag(&["Attacks by the ADF in Beni"], "en")), ["adf"]);
        assert_eq!(uids(&t.tag(&["an adf of sorts"], "en")), Vec::<&str>::new());
    }

    #[test]
    fn ambiguous_labels_need_their_language_and_a_cue() {
        let t = tagger();
        assert_eq!(
            uids(&t.tag(&["L'or et les 3T au Sud-Kivu"], "fr")),
            ["3t", "south-kivu", "gold"]
        );
        assert_eq!(
            uids(&t.tag(&["Or, la situation au Sud-Kivu"], "fr")),
            ["south-kivu"]
        );
        assert_eq!(uids(&t.tag(&["gold or 3T"], "en")), ["gold", "3t"]);
        // CAR (the country) needs another place: "a CAR" alone is not tagged.
        assert_eq!(
            uids(&t.tag(&["Refugees from the CAR"], "en")),
            Vec::<&str>::new()
        );
        assert_eq!(
            uids(&t.tag(&["From the CAR to Ituri"], "en")),
            ["ituri", "car"]
        );
        let tags = t.tag(&["L'or et les 3T"], "fr");
        assert_eq!(
            tags.iter().find(|t| t.concept == "gold").unwrap().label,
            "or"
        );
    }

    #[test]
    fn a_theme_needs_a_heading_or_two_mentions() {
        let mut labels = tagger().labels;
        labels.extend([
            label("mining", "theme", "en", "Mining", false),
            label("mining", "theme", "fr", "Exploitation minière", false),
            label("smuggling", "theme", "en", "Smuggling", false),
        ]);
        let t = Tagger::new(labels);
        let summary = "Schools of Ituri lost teachers to mining.";
        // Named once in passing in a summary: not what the publication is about.
        assert_eq!(
            uids(&t.tag_publication(&["Teachers in Ituri", summary], "en", 1)),
            ["ituri"]
        );
        // Every mention is still found by `tag` (link discovery reads one text with it).
        assert_eq!(uids(&t.tag(&[summary], "en")), ["ituri", "mining"]);
        // In the title, or in the subtitle.
        assert_eq!(
            uids(&t.tag_publication(&["Mining in Ituri", summary], "en", 1)),
            ["mining", "ituri"]
        );
        assert_eq!(
            uids(&t.tag_publication(&["Ituri", "Gold mining", summary], "en", 2)),
            ["ituri", "gold", "mining"]
        );
        // Twice in the texts, with one label or two, in one text or two.
        let twice = "Mining employs many; l'exploitation minière nourrit Ituri.";
        assert_eq!(
            uids(&t.tag_publication(&["A report", twice], "en", 1)),
            ["mining", "ituri"]
        );
        assert_eq!(
            uids(&t.tag_publication(&["A report", summary, "Smuggling and mining."], "en", 1)),
            ["ituri", "mining"]
        );
        // Places, minerals and actors: one mention is enough.
        assert_eq!(
            uids(&t.tag_publication(&["A report", "Gold and the ADF in Ituri."], "en", 1)),
            ["gold", "adf", "ituri"]
        );
    }
}
