//! Formatted citations and bibliographies in CSL styles ([`Catalog::cite`],
//! [`Catalog::bibliography`]), with the Typst project's `hayagriva` CSL processor.
//!
//! The records are cited through pubcat's own CSL-JSON export (`docs/FORMATS.md`): the
//! processor reads exactly the items `pubcat export --format csl-json` writes, so an
//! organisation author is a literal name, an undated work has no `issued`, an approximate
//! EDTF date is `circa`, a series is `collection-title` with its `collection-number`, and a
//! report's kind is its `genre`. Styles: the built-in names of [`STYLES`] (APA 7th, Chicago
//! author-date, Harvard, IEEE), any other style of hayagriva's archive by its short name, or
//! the text of any independent `.csl` file ([`CiteOptions::csl`]). Locales: hayagriva's
//! bundled CSL locales ([`locales`]), `en-US`, `en-GB`, `fr-FR` and `nl-NL` among them.
//! See `docs/CITATIONS.md` for how the output compares with citeproc-js.
//!
//! Only with the `citations` cargo feature (on by default).
//!
//! [`Catalog::cite`]: crate::Catalog::cite
//! [`Catalog::bibliography`]: crate::Catalog::bibliography

mod render;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub(crate) use render::{render, resolve};

/// The built-in style names and what they stand for; see [`CiteOptions::style`].
///
/// ```
/// assert!(pubcat::cite::STYLES.iter().any(|(name, _)| *name == "apa"));
/// ```
pub const STYLES: &[(&str, &str)] = &[
    ("apa", "APA Style 7th edition"),
    (
        "chicago-author-date",
        "Chicago Manual of Style 18th edition (author-date)",
    ),
    (
        "harvard",
        "Cite Them Right 12th edition (author-date/Harvard)",
    ),
    ("ieee", "IEEE Reference Guide"),
];

/// The CSL locales citations can be written in (`en-US`, `fr-FR`, ...), sorted.
///
/// ```
/// let locales = pubcat::cite::locales();
/// for code in ["en-US", "en-GB", "fr-FR", "nl-NL"] {
///     assert!(locales.iter().any(|l| l == code), "{code}");
/// }
/// ```
pub fn locales() -> Vec<String> {
    render::locale_codes()
}

/// The output format of formatted references.
///
/// ```
/// use pubcat::cite::CiteFormat;
/// assert_eq!("html".parse::<CiteFormat>()?, CiteFormat::Html);
/// assert_eq!("md".parse::<CiteFormat>()?, CiteFormat::Markdown);
/// assert_eq!(CiteFormat::Text.to_string(), "text");
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum CiteFormat {
    /// Plain text (italics and links dropped).
    #[default]
    Text,
    /// HTML fragments (`<i>`, `<b>`, `<a href>`; text escaped).
    Html,
    /// Markdown (`*italic*`, `**bold**`, `[text](url)`).
    Markdown,
}

impl CiteFormat {
    /// The format's name: `text`, `html` or `markdown`.
    ///
    /// ```
    /// assert_eq!(pubcat::cite::CiteFormat::Markdown.code(), "markdown");
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            CiteFormat::Text => "text",
            CiteFormat::Html => "html",
            CiteFormat::Markdown => "markdown",
        }
    }
}

impl fmt::Display for CiteFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for CiteFormat {
    type Err = Error;

    /// `text` (or `plain`, `txt`), `html`, `markdown` (or `md`), any case.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "text" | "plain" | "txt" => Ok(CiteFormat::Text),
            "html" => Ok(CiteFormat::Html),
            "markdown" | "md" => Ok(CiteFormat::Markdown),
            other => Err(Error::invalid(
                "format",
                format!("unknown citation format `{other}` (text, html, markdown)"),
            )),
        }
    }
}

/// How to cite: style, locale, output format and the reader's languages.
///
/// ```
/// use pubcat::cite::{CiteFormat, CiteOptions};
/// let options = CiteOptions {
///     style: "chicago-author-date".into(),
///     locale: Some("fr-FR".into()),
///     format: CiteFormat::Html,
///     ..CiteOptions::default()
/// };
/// assert_eq!(CiteOptions::default().style, "apa");
/// # let _ = options;
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CiteOptions {
    /// A built-in style ([`STYLES`]: `apa`, `chicago-author-date`, `harvard`, `ieee`; also
    /// `chicago` for Chicago author-date) or the short name of any style in hayagriva's
    /// archive (`nature`, `mla`, ...). Ignored when [`csl`](Self::csl) is given. Default
    /// `apa`. Unknown: `invalid_input`.
    #[cfg_attr(feature = "uniffi", uniffi(default = "apa"))]
    pub style: String,
    /// The text of an independent CSL style (a `.csl` file), used instead of `style`.
    /// Malformed: `parse`; a dependent style (one that only names its parent): `invalid_input`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub csl: Option<String>,
    /// The CSL locale of the terms, dates and punctuation (`en-US`, `en-GB`, `fr-FR`,
    /// `nl-NL`, ... or a bare language such as `fr`); `None`: the style's default locale,
    /// else `en-US`. Unknown: `invalid_input`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub locale: Option<String>,
    /// The output format.
    #[serde(default)]
    pub format: CiteFormat,
    /// The reader's languages, best first: a publication is cited in the best language
    /// version of its work that the reader reads (as search does with works), else as asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "uniffi", uniffi(default))]
    pub prefer_languages: Vec<String>,
}

impl Default for CiteOptions {
    fn default() -> Self {
        CiteOptions {
            style: "apa".into(),
            csl: None,
            locale: None,
            format: CiteFormat::Text,
            prefer_languages: Vec::new(),
        }
    }
}

/// One formatted reference.
///
/// ```
/// use pubcat::cite::CiteOptions;
/// let catalog = pubcat::Catalog::demo()?;
/// let refs = catalog.cite(&["ipis-mapping-conflict-motives-m23-2012"], &CiteOptions::default())?;
/// assert!(refs[0].text.starts_with("IPIS. (2012)."), "{}", refs[0].text);
/// assert_eq!(refs[0].citation, "(IPIS, 2012)");
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reference {
    /// The uid of the publication cited (the preferred language version, when
    /// [`CiteOptions::prefer_languages`] chose another version of the work).
    pub uid: String,
    /// The reference as the style writes it in a bibliography, in the requested format.
    pub text: String,
    /// The in-text citation (`(IPIS, 2012)`, `[1]`), in the requested format.
    pub citation: String,
}

/// A bibliography: the references in the style's order, and how to write them as one text.
///
/// ```
/// use pubcat::{cite::{CiteFormat, CiteOptions}, query::Query};
/// let catalog = pubcat::Catalog::demo()?;
/// let q = Query { projects: vec!["madini".into()], ..Query::default() };
/// let options = CiteOptions { format: CiteFormat::Html, ..CiteOptions::default() };
/// let bib = catalog.bibliography(&q, &options)?;
/// assert_eq!(bib.references.len(), 2);
/// assert!(bib.to_string().starts_with("<div class=\"csl-bib-body\">"));
/// # Ok::<(), pubcat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Bibliography {
    /// The format of every reference.
    pub format: CiteFormat,
    /// The references, in the order the style sorts them.
    pub references: Vec<Reference>,
}

impl fmt::Display for Bibliography {
    /// Text and Markdown: one reference per paragraph (blank line between); HTML: a
    /// `csl-bib-body` `div` of `csl-entry` `div`s, as citeproc-js writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.format {
            CiteFormat::Html => {
                f.write_str("<div class=\"csl-bib-body\">\n")?;
                for r in &self.references {
                    writeln!(f, "  <div class=\"csl-entry\">{}</div>", r.text)?;
                }
                f.write_str("</div>\n")
            }
            CiteFormat::Text | CiteFormat::Markdown => {
                for (i, r) in self.references.iter().enumerate() {
                    if i > 0 {
                        f.write_str("\n")?;
                    }
                    writeln!(f, "{}", r.text)?;
                }
                Ok(())
            }
        }
    }
}
