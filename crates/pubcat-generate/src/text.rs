//! Renders titles, summaries and bodies from the templates, in one of the three languages.
//!
//! Everything random is drawn *before* rendering ([`Draws`]), so rendering the same draws in
//! English, French and Swahili gives three versions of the same text.

use super::lexicon::{GROUPS, ISSUES, KIND_NOUNS};
use super::names::site_name;
use super::rng::{Rng, Zipf};
use super::templates::{capitalize, BODY_SENTENCES, SENTENCES, SUBTITLES, TITLES};
use super::vocabularies::Term;

/// Samplers shared by every work.
#[derive(Debug, Clone)]
pub struct Samplers {
    issues: Zipf,
    groups: Zipf,
    sites: Zipf,
}

impl Samplers {
    /// Zipf samplers over the issues, groups and `sites` mining-site names.
    pub fn new(sites: usize) -> Samplers {
        Samplers {
            issues: Zipf::new(ISSUES.len(), 1.0, 1.0),
            groups: Zipf::new(GROUPS.len(), 0.9, 1.0),
            sites: Zipf::new(sites, 1.0, 1.0),
        }
    }
}

/// What a work is about: fixed for all its language versions.
#[derive(Debug, Clone)]
pub struct Topic<'v> {
    /// Main mineral.
    pub mineral: &'v Term,
    /// Main place.
    pub place: &'v Term,
    /// Main actor.
    pub actor: &'v Term,
    /// Main theme.
    pub theme: &'v Term,
    /// Index into [`KIND_NOUNS`] (the kind's position in `Kind::ALL`).
    pub kind: usize,
    /// Publication year.
    pub year: i32,
}

/// The random values of one template.
#[derive(Debug, Clone)]
pub struct Draws {
    template: usize,
    issues: [usize; 3],
    groups: [usize; 2],
    site: usize,
    years: (i32, i32),
    count: u32,
    percent: u32,
}

impl Draws {
    /// Draws values for template `template`.
    pub fn new(rng: &mut Rng, s: &Samplers, template: usize, year: i32) -> Draws {
        let first = year - rng.below(6) as i32;
        let mut issues = [0; 3];
        for i in 0..3 {
            issues[i] = distinct(rng, &s.issues, &issues[..i]);
        }
        let g0 = s.groups.sample(rng);
        let g1 = distinct(rng, &s.groups, &[g0]);
        Draws {
            template,
            issues,
            groups: [g0, g1],
            site: s.sites.sample(rng),
            years: (first, first + 1 + rng.below(4) as i32),
            count: 3 + rng.below(400) as u32,
            percent: 5 + rng.below(80) as u32,
        }
    }
}

/// A rank not in `taken` (after a few tries, any rank).
fn distinct(rng: &mut Rng, zipf: &Zipf, taken: &[usize]) -> usize {
    let mut rank = zipf.sample(rng);
    for _ in 0..8 {
        if !taken.contains(&rank) {
            break;
        }
        rank = zipf.sample(rng);
    }
    rank
}

fn pick(p: &(&'static str, &'static str, &'static str), lang: usize) -> &'static str {
    match lang {
        0 => p.0,
        1 => p.1,
        _ => p.2,
    }
}

/// Writes `template` in language `lang` (0 en, 1 fr, 2 sw) with `d`'s values into `out`.
fn render(template: &str, lang: usize, topic: &Topic<'_>, d: &Draws, out: &mut String) {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let slot = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let issue = |i: usize| pick(&ISSUES[d.issues[i]], lang);
        let group = |i: usize| pick(&GROUPS[d.groups[i]], lang);
        match slot {
            "i0" | "i1" | "i2" => out.push_str(issue(usize::from(slot.as_bytes()[1] - b'0'))),
            "I0" => out.push_str(&capitalize(issue(0))),
            "g0" | "g1" => out.push_str(group(usize::from(slot.as_bytes()[1] - b'0'))),
            "G0" => out.push_str(&capitalize(group(0))),
            "m" => out.push_str(&topic.mineral.extra[lang]),
            "M" => out.push_str(&capitalize(&topic.mineral.extra[lang])),
            "ml" => out.push_str(&topic.mineral.label[lang]),
            "p" => out.push_str(&topic.place.extra[lang]),
            "pl" => out.push_str(&topic.place.label[lang]),
            "a" => out.push_str(&topic.actor.extra[lang]),
            "t" => out.push_str(&topic.theme.extra[lang]),
            "T" => out.push_str(&capitalize(&topic.theme.extra[lang])),
            "s" => out.push_str(&site_name(d.site)),
            "y" => out.push_str(&d.years.0.to_string()),
            "y2" => out.push_str(&d.years.1.to_string()),
            "n" => out.push_str(&d.count.to_string()),
            "pc" => out.push_str(&d.percent.to_string()),
            "k" => out.push_str(pick(&KIND_NOUNS[topic.kind], lang)),
            "K" => out.push_str(&capitalize(pick(&KIND_NOUNS[topic.kind], lang))),
            _ => {}
        }
    }
    out.push_str(rest);
}

/// The draws of a work's texts.
#[derive(Debug, Clone)]
pub struct Texts {
    title: Draws,
    subtitle: Option<Draws>,
    summary: Vec<Draws>,
    body: Vec<Vec<Draws>>,
}

/// Title templates for any kind (not the map and dataset ones).
const GENERAL_TITLES: [usize; 12] = [0, 1, 2, 4, 5, 6, 7, 9, 10, 11, 12, 13];

/// Title template for a kind: datasets and maps get their own.
fn title_template(rng: &mut Rng, kind: usize) -> usize {
    match kind {
        7 => 8,     // dataset
        5 | 6 => 3, // map, story map
        _ => *rng.pick(&GENERAL_TITLES),
    }
}

impl Texts {
    /// Draws a work's title, subtitle (a quarter of works), summary (4 to 8 sentences) and,
    /// when `body`, a body of 4 to 10 paragraphs.
    pub fn draw(rng: &mut Rng, s: &Samplers, topic: &Topic<'_>, body: bool) -> Texts {
        let template = title_template(rng, topic.kind);
        let title = Draws::new(rng, s, template, topic.year);
        let subtitle = if rng.chance(0.25) {
            let template = rng.below(SUBTITLES.len());
            Some(Draws::new(rng, s, template, topic.year))
        } else {
            None
        };
        let mut summary = vec![Draws::new(rng, s, 0, topic.year)];
        for _ in 0..rng.range(3, 7) {
            let t = 1 + rng.below(SENTENCES.len() - 1);
            summary.push(Draws::new(rng, s, t, topic.year));
        }
        let mut paragraphs = Vec::new();
        if body {
            let all = SENTENCES.len() + BODY_SENTENCES.len();
            for _ in 0..rng.range(4, 10) {
                let sentences = (0..rng.range(4, 7))
                    .map(|_| {
                        let t = rng.below(all);
                        Draws::new(rng, s, t, topic.year)
                    })
                    .collect();
                paragraphs.push(sentences);
            }
        }
        Texts {
            title,
            subtitle,
            summary,
            body: paragraphs,
        }
    }

    /// The title in language `lang`.
    pub fn title(&self, topic: &Topic<'_>, lang: usize) -> String {
        let mut out = String::new();
        render(
            pick(&TITLES[self.title.template], lang),
            lang,
            topic,
            &self.title,
            &mut out,
        );
        out
    }

    /// The subtitle in language `lang`, if any.
    pub fn subtitle(&self, topic: &Topic<'_>, lang: usize) -> Option<String> {
        self.subtitle.as_ref().map(|d| {
            let mut out = String::new();
            render(pick(&SUBTITLES[d.template], lang), lang, topic, d, &mut out);
            out
        })
    }

    /// The summary in language `lang`.
    pub fn summary(&self, topic: &Topic<'_>, lang: usize) -> String {
        let mut out = String::new();
        for (i, d) in self.summary.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            render(pick(&SENTENCES[d.template], lang), lang, topic, d, &mut out);
        }
        out
    }

    /// The body in language `lang`, if the work has one.
    pub fn body(&self, topic: &Topic<'_>, lang: usize) -> Option<String> {
        if self.body.is_empty() {
            return None;
        }
        let mut out = String::new();
        for (p, paragraph) in self.body.iter().enumerate() {
            if p > 0 {
                out.push_str("\n\n");
            }
            for (i, d) in paragraph.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                let template = SENTENCES
                    .get(d.template)
                    .or_else(|| BODY_SENTENCES.get(d.template - SENTENCES.len()))
                    .unwrap_or(&SENTENCES[0]);
                render(pick(template, lang), lang, topic, d, &mut out);
            }
        }
        Some(out)
    }
}
