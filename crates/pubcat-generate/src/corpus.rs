//! Builds the entities of a generated catalogue: agents, series, projects and, work by work,
//! publications and relations. Every entity is derived from the seed and its own index, so
//! the output depends on nothing but `(count, seed)`.

use pubcat::model::{
    Agent, Contributor, IdScheme, Identifier, Kind, Link, LinkKind, Project, ProjectMember,
    ProjectRole, Publication, Relation, RelationType, Role, Series,
};

use super::names::{known_organisations, known_sites, organisation, person};
use super::rng::{Rng, Zipf};
use super::text::{Samplers, Texts, Topic};
use super::vocabularies::{Term, Vocabularies, LANGS};

/// Relative frequency of each kind, in the order of [`Kind::ALL`].
const KIND_WEIGHTS: [u32; 15] = [30, 12, 3, 8, 6, 4, 2, 4, 12, 2, 2, 8, 3, 3, 1];
/// Minerals by how often they are written about.
const MINERAL_RANKING: &[&str] = &[
    "gold",
    "cassiterite",
    "coltan",
    "3t",
    "cobalt",
    "copper",
    "tin",
    "wolframite",
    "diamonds",
    "tantalum",
    "tungsten",
    "lithium",
    "battery-minerals",
    "gemstones",
    "tourmaline",
    "pyrochlore",
];
const KNOWN_PROJECTS: &[(&str, &str, &str)] = &[
    ("madini", "Madini", ""),
    ("kufuatilia-madini", "Kufuatilia Madini", ""),
    (
        "mapping-artisanal-mining",
        "Mapping Artisanal Mining Sites in Eastern DRC",
        "MAMS",
    ),
    ("just-gold", "Just Gold", ""),
    ("promines", "PROMINES", ""),
    (
        "responsible-gold",
        "Responsible Gold Sourcing Initiative",
        "RGSI",
    ),
    ("cobalt-monitoring", "Artisanal Cobalt Monitoring", "ACM"),
    ("women-in-mining", "Women in Mining Network", "WIMN"),
];
const KNOWN_SERIES: &[&str] = &[
    "IPIS Insights",
    "IPIS Briefing",
    "Cahiers du CEGEMI",
    "Due Diligence Series",
    "Mapping Conflict Motives",
    "GEC Working Papers",
    "Conjoncture de l'Afrique centrale",
    "Ripoti za Utafiti",
];
const SERIES_SUFFIXES: &[&str] = &[
    "Working Papers",
    "Briefing Notes",
    "Cahiers",
    "Rapports d'étude",
    "Notes d'analyse",
    "Mfululizo wa Ripoti",
    "Policy Briefs",
    "Field Reports",
];

/// Random streams (one per entity family).
const WORK_STREAM: u64 = 20;
const SERIES_STREAM: u64 = 21;
const PROJECT_STREAM: u64 = 22;

/// Sizes and samplers of one generated catalogue.
#[derive(Debug)]
pub struct Corpus {
    seed: u64,
    /// Vocabularies (concepts).
    pub vocab: Vocabularies,
    samplers: Samplers,
    /// Number of persons.
    pub persons: usize,
    /// Number of organisations.
    pub orgs: usize,
    /// Number of series.
    pub series: usize,
    /// Number of projects.
    pub projects: usize,
    org_uids: Vec<String>,
    org_names: Vec<String>,
    person_zipf: Zipf,
    org_zipf: Zipf,
    series_zipf: Zipf,
    project_zipf: Zipf,
    place_zipf: Zipf,
    mineral_zipf: Zipf,
    actor_zipf: Zipf,
    theme_zipf: Zipf,
    minerals: Vec<usize>,
}

/// What earlier works left for later ones.
#[derive(Debug, Default)]
pub struct State {
    primary_uids: Vec<String>,
    series_numbers: Vec<u32>,
}

impl Corpus {
    /// A corpus of about `count` publications.
    pub fn new(count: usize, seed: u64) -> Corpus {
        let vocab = Vocabularies::new();
        let persons = (count / 4).max(300);
        let orgs = (count / 100).max(known_organisations() + 40);
        let series = (count / 1000).clamp(KNOWN_SERIES.len() + 4, 2000);
        let projects = (count / 2000).clamp(KNOWN_PROJECTS.len() + 4, 600);
        let place_labels: Vec<&str> = vocab.places.iter().map(|p| p.label[1].as_str()).collect();
        let (org_uids, org_names) = (0..orgs)
            .map(|i| {
                let a = organisation(seed, i, &place_labels);
                (a.uid, a.name)
            })
            .unzip();
        let minerals = MINERAL_RANKING
            .iter()
            .filter_map(|uid| vocab.minerals.iter().position(|m| m.uid == *uid))
            .collect::<Vec<_>>();
        Corpus {
            seed,
            samplers: Samplers::new((count * 2).clamp(5_000, 250_000) + known_sites()),
            person_zipf: Zipf::new(persons, 1.0, 30.0),
            org_zipf: Zipf::new(orgs, 1.1, 2.0),
            series_zipf: Zipf::new(series, 1.0, 3.0),
            project_zipf: Zipf::new(projects, 1.0, 2.0),
            place_zipf: Zipf::new(vocab.places.len(), 0.9, 2.0),
            mineral_zipf: Zipf::new(minerals.len(), 1.0, 1.0),
            actor_zipf: Zipf::new(vocab.actors.len(), 0.7, 2.0),
            theme_zipf: Zipf::new(vocab.themes.len(), 0.8, 2.0),
            minerals,
            persons,
            orgs,
            series,
            projects,
            org_uids,
            org_names,
            vocab,
        }
    }

    /// Agent number `i`: persons first, then organisations.
    pub fn agent(&self, i: usize) -> Agent {
        if i < self.persons {
            person(self.seed, i)
        } else {
            let places: Vec<&str> = self
                .vocab
                .places
                .iter()
                .map(|p| p.label[1].as_str())
                .collect();
            organisation(self.seed, i - self.persons, &places)
        }
    }

    fn org(&self, rng: &mut Rng) -> usize {
        self.org_zipf.sample(rng)
    }

    /// Series number `i`.
    pub fn series(&self, i: usize) -> Series {
        let mut rng = Rng::derive(self.seed, SERIES_STREAM, i as u64);
        let publisher = self.org(&mut rng);
        let name = match KNOWN_SERIES.get(i) {
            Some(name) => (*name).to_owned(),
            None => format!(
                "{} {}",
                self.org_names[publisher],
                rng.pick(SERIES_SUFFIXES)
            ),
        };
        let mut series = Series::new(format!("series-{i:04}"), name);
        series.publisher = Some(self.org_uids[publisher].clone());
        series
    }

    /// Project number `i`.
    pub fn project(&self, i: usize) -> Project {
        let mut rng = Rng::derive(self.seed, PROJECT_STREAM, i as u64);
        let mut project = match KNOWN_PROJECTS.get(i) {
            Some((uid, name, acronym)) => {
                let mut p = Project::new(*uid, *name);
                p.acronym = (!acronym.is_empty()).then(|| (*acronym).to_owned());
                p
            }
            None => {
                let theme = &self.vocab.themes[self.theme_zipf.sample(&mut rng)];
                let place = &self.vocab.places[self.place_zipf.sample(&mut rng)];
                let lang = rng.below(2);
                Project::new(
                    format!("project-{i:04}"),
                    format!("{} {}", theme.label[lang], place.extra[lang]),
                )
            }
        };
        let start = 1996 + rng.below(26);
        project.date = Some(format!("{start}/{}", start + 1 + rng.below(4)));
        project.url = Some(format!("https://projects.example.org/{}", project.uid));
        project.summary = Some(format!(
            "{} is a multi-partner project on {} {}.",
            project.name,
            self.vocab.themes[self.theme_zipf.sample(&mut rng)].extra[0],
            self.vocab.places[self.place_zipf.sample(&mut rng)].extra[0]
        ));
        let mut members: Vec<(usize, ProjectRole)> = Vec::new();
        let roles = [
            (1, ProjectRole::Coordinator),
            (1 + rng.below(4), ProjectRole::Partner),
            (rng.below(3), ProjectRole::Funder),
        ];
        for (n, role) in roles {
            for _ in 0..n {
                let org = self.org(&mut rng);
                if !members.contains(&(org, role)) {
                    members.push((org, role));
                }
            }
        }
        project.members = members
            .into_iter()
            .map(|(org, role)| ProjectMember::new(self.org_uids[org].clone(), role))
            .collect();
        project
    }

    fn topic(&self, rng: &mut Rng, kind: usize) -> Topic<'_> {
        let year = 1995 + ((30.0 * rng.unit().sqrt()) as i32).min(29);
        Topic {
            mineral: &self.vocab.minerals[self.minerals[self.mineral_zipf.sample(rng)]],
            place: &self.vocab.places[self.place_zipf.sample(rng)],
            actor: &self.vocab.actors[self.actor_zipf.sample(rng)],
            theme: &self.vocab.themes[self.theme_zipf.sample(rng)],
            kind,
            year,
        }
    }

    /// The language versions of work `w` (two when `second` allows and the draw says so)
    /// and the relations from it to earlier works.
    pub fn work(
        &self,
        w: usize,
        allow_second: bool,
        state: &mut State,
    ) -> (Vec<Publication>, Vec<Relation>) {
        let mut rng = Rng::derive(self.seed, WORK_STREAM, w as u64);
        let kind_index = rng.weighted(&KIND_WEIGHTS);
        let kind = Kind::ALL[kind_index];
        let topic = self.topic(&mut rng, kind_index);
        let primary = rng.weighted(&[50, 35, 15]);
        let second = (allow_second && rng.chance(0.15)).then(|| match primary {
            0 => [1, 1, 1, 2][rng.below(4)],
            1 => [0, 0, 0, 0, 2][rng.below(5)],
            _ => [0, 0, 0, 1, 1][rng.below(5)],
        });
        let has_body = rng.chance(0.2);
        let texts = Texts::draw(&mut rng, &self.samplers, &topic, has_body);
        let date = edtf(&mut rng, topic.year);
        let contributors = self.contributors(&mut rng);
        let concepts = self.concepts(&mut rng, &topic);
        let series = rng.chance(0.4).then(|| {
            let s = self.series_zipf.sample(&mut rng);
            if state.series_numbers.len() <= s {
                state.series_numbers.resize(s + 1, 0);
            }
            state.series_numbers[s] += 1;
            (format!("series-{s:04}"), state.series_numbers[s])
        });
        let mut projects = Vec::new();
        if rng.chance(0.35) {
            projects.push(self.project_uid(self.project_zipf.sample(&mut rng)));
            if rng.chance(0.1) {
                let other = self.project_uid(self.project_zipf.sample(&mut rng));
                if !projects.contains(&other) {
                    projects.push(other);
                }
            }
        }
        let work_uid = second.map(|_| format!("gen-w{w:07}"));
        let mut versions = Vec::new();
        for (v, lang) in std::iter::once(primary).chain(second).enumerate() {
            let tag = match lang {
                1 if rng.chance(0.12) => "fr-CD",
                2 if rng.chance(0.25) => "sw-CD",
                _ => LANGS[lang],
            };
            let uid = format!("gen-{w:07}-{}", tag.to_lowercase());
            let mut p = Publication::new(uid.clone(), tag, texts.title(&topic, lang), kind);
            p.work = work_uid.clone();
            p.original = second.is_some() && v == 0;
            p.subtitle = texts.subtitle(&topic, lang);
            p.summary = Some(texts.summary(&topic, lang));
            p.summary_is_excerpt = rng.chance(0.03);
            p.body = texts.body(&topic, lang);
            p.date = if v == 0 { date.clone() } else { later(&date) };
            if let Some((s, n)) = &series {
                p.series = Some(s.clone());
                p.series_number = Some(n.to_string());
            }
            p.contributors = contributors.clone();
            if v > 0 && rng.chance(0.5) {
                let translator = format!("person-{:06}", self.person_zipf.sample(&mut rng));
                p.contributors
                    .push(Contributor::new(translator, Role::Translator));
            }
            p.projects = projects.clone();
            p.concepts = concepts.clone();
            if rng.chance(0.2) {
                p.identifiers.push(Identifier::new(
                    IdScheme::Doi,
                    format!("10.5072/pubcat.{w}.{}", tag.to_lowercase()),
                ));
            }
            links(&mut rng, &mut p, kind);
            versions.push(p);
        }
        let relations = self.relations(&mut rng, w, kind, &versions[0].uid, state);
        state.primary_uids.push(versions[0].uid.clone());
        (versions, relations)
    }

    fn project_uid(&self, i: usize) -> String {
        match KNOWN_PROJECTS.get(i) {
            Some((uid, _, _)) => (*uid).to_owned(),
            None => format!("project-{i:04}"),
        }
    }

    fn contributors(&self, rng: &mut Rng) -> Vec<Contributor> {
        let mut out: Vec<Contributor> = Vec::new();
        let add = |out: &mut Vec<Contributor>, uid: String, role: Role, aff: Option<String>| {
            if !out.iter().any(|c| c.agent == uid && c.role == role) {
                let mut c = Contributor::new(uid, role);
                c.affiliation = aff;
                out.push(c);
            }
        };
        let persons = rng.weighted(&[5, 35, 30, 18, 8, 4]);
        for _ in 0..persons {
            let uid = format!("person-{:06}", self.person_zipf.sample(rng));
            let aff = rng
                .chance(0.15)
                .then(|| self.org_names[self.org(rng)].clone());
            add(&mut out, uid, Role::Author, aff);
        }
        if persons == 0 || rng.chance(0.25) {
            let org = self.org(rng);
            add(&mut out, self.org_uids[org].clone(), Role::Author, None);
        }
        if rng.chance(0.05) {
            let uid = format!("person-{:06}", self.person_zipf.sample(rng));
            add(&mut out, uid, Role::Editor, None);
        }
        if rng.chance(0.6) {
            let org = self.org(rng);
            add(&mut out, self.org_uids[org].clone(), Role::Publisher, None);
        }
        if rng.chance(0.2) {
            let org = self.org(rng);
            add(&mut out, self.org_uids[org].clone(), Role::Funder, None);
        }
        out
    }

    fn concepts(&self, rng: &mut Rng, topic: &Topic<'_>) -> Vec<String> {
        let v = &self.vocab;
        let extra: [(f64, &Term); 4] = [
            (0.6, topic.actor),
            (0.2, &v.places[self.place_zipf.sample(rng)]),
            (
                0.2,
                &v.minerals[self.minerals[self.mineral_zipf.sample(rng)]],
            ),
            (0.4, &v.themes[self.theme_zipf.sample(rng)]),
        ];
        let mut out = vec![
            topic.mineral.uid.clone(),
            topic.place.uid.clone(),
            topic.theme.uid.clone(),
        ];
        for (p, term) in extra {
            if rng.chance(p) && !out.contains(&term.uid) {
                out.push(term.uid.clone());
            }
        }
        out
    }

    fn relations(
        &self,
        rng: &mut Rng,
        w: usize,
        kind: Kind,
        source: &str,
        state: &State,
    ) -> Vec<Relation> {
        let mut out = Vec::new();
        if w < 20 {
            return out;
        }
        let earlier = |rng: &mut Rng| {
            let back = 1 + rng.below(w.min(2000) - 1);
            state.primary_uids[w - back].clone()
        };
        if rng.chance(0.04) {
            let target = earlier(rng);
            out.push(Relation::new(source, RelationType::IsNewVersionOf, target));
        }
        if rng.chance(0.05) {
            let target = earlier(rng);
            out.push(Relation::new(source, RelationType::References, target));
        }
        if kind == Kind::Dataset && rng.chance(0.5) {
            let target = earlier(rng);
            out.push(Relation::new(source, RelationType::IsSupplementTo, target));
        }
        out
    }
}

/// Landing pages, PDFs and data files.
fn links(rng: &mut Rng, p: &mut Publication, kind: Kind) {
    let base = "https://publications.example.org";
    if rng.chance(0.7) {
        p.links.push(Link::new(
            format!("{base}/{}/{}", p.language.to_lowercase(), p.uid),
            LinkKind::LandingPage,
        ));
    }
    let (kind, ext, media) = match kind {
        Kind::Dataset => (LinkKind::Dataset, "csv", "text/csv"),
        Kind::Map | Kind::StoryMap => (LinkKind::Map, "html", "text/html"),
        _ => (LinkKind::Pdf, "pdf", "application/pdf"),
    };
    if rng.chance(0.5) {
        let mut link = Link::new(format!("{base}/files/{}.{ext}", p.uid), kind);
        link.media_type = Some(media.to_owned());
        p.links.push(link);
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A partial EDTF date in `year`: days, months, years, approximate values and intervals.
fn edtf(rng: &mut Rng, year: i32) -> Option<String> {
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(days_in_month(year, month) as usize);
    Some(match rng.weighted(&[40, 25, 22, 4, 2, 5, 2]) {
        0 => format!("{year}-{month:02}-{day:02}"),
        1 => format!("{year}-{month:02}"),
        2 => format!("{year}"),
        3 => format!("{year}~"),
        4 => format!("{year}-{month:02}~"),
        5 => format!("{}/{year}", year - 1 - rng.below(2) as i32),
        _ => return None,
    })
}

/// The date of a translation: a month or two after a day- or month-precise original.
fn later(date: &Option<String>) -> Option<String> {
    let d = date.as_deref()?;
    let bytes = d.as_bytes();
    if d.len() >= 7 && bytes[4] == b'-' && !d.contains('/') && !d.ends_with('~') {
        let month: u32 = d[5..7].parse().ok()?;
        if month <= 10 {
            return Some(format!("{}-{:02}", &d[..4], month + 2));
        }
    }
    Some(d.to_owned())
}
