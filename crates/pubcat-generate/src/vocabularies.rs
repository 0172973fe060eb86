//! The controlled vocabularies of the generated catalogue: minerals, actors and themes (places
//! are in [`super::places`]), as trees with English, French and Swahili labels.

use std::collections::BTreeMap;

use pubcat::model::{Concept, IdScheme, Identifier, Label, Scheme};

use super::places::places;

/// Corpus languages, in the order of every `[_; 3]` array of the generator.
pub const LANGS: [&str; 3] = ["en", "fr", "sw"];

/// One concept with the text forms the templates need.
#[derive(Debug, Clone)]
pub struct Term {
    /// Concept uid.
    pub uid: String,
    /// Broader concept uid.
    pub broader: Option<String>,
    /// Preferred label per corpus language.
    pub label: [String; 3],
    /// Places: "in <place>"; minerals: the form after "of"/"de" ("gold", "de l'or",
    /// "dhahabu"); actors and themes: the label.
    pub extra: [String; 3],
    /// Alternative labels `(language, label)`.
    pub alt: Vec<(String, String)>,
    /// Wikidata id.
    pub wikidata: Option<String>,
}

type Row = (&'static str, Option<&'static str>, [&'static str; 3]);

/// Actors whose label is a common noun (lower-cased in running text).
const COMMON_ACTORS: &[&str] = &[
    "armed-groups",
    "state-actors",
    "mining-police",
    "private-sector",
    "mining-companies",
    "cooperatives",
    "comptoirs",
    "international-actors",
];

/// `text` with its first letter in lower case.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Terms whose running-text form is the label, lower-cased when `lower(uid)`.
fn simple(rows: &[Row], lower: impl Fn(&str) -> bool) -> Vec<Term> {
    rows.iter()
        .map(|(uid, broader, label)| Term {
            uid: (*uid).to_owned(),
            broader: broader.map(str::to_owned),
            label: label.map(str::to_owned),
            extra: label.map(|l| {
                if lower(uid) {
                    lower_first(l)
                } else {
                    l.to_owned()
                }
            }),
            alt: Vec::new(),
            wikidata: None,
        })
        .collect()
}

/// `(uid, broader, [en, fr, sw] labels, [en attributive, fr "de" form, sw], wikidata)`.
type MineralRow = (
    &'static str,
    Option<&'static str>,
    [&'static str; 3],
    [&'static str; 3],
    &'static str,
);

/// The minerals.
#[rustfmt::skip]
const MINERALS: &[MineralRow] = &[
    ("3t", None, ["3T", "3T", "3T"], ["3T", "des 3T", "madini ya 3T"], ""),
    ("gold", None, ["Gold", "Or", "Dhahabu"], ["gold", "de l'or", "dhahabu"], "Q897"),
    ("tin", Some("3t"), ["Tin", "Étain", "Bati"], ["tin", "de l'étain", "bati"], "Q1096"),
    ("cassiterite", Some("tin"), ["Cassiterite", "Cassitérite", "Kasiterite"], ["cassiterite", "de la cassitérite", "kasiterite"], ""),
    ("tantalum", Some("3t"), ["Tantalum", "Tantale", "Tantalumu"], ["tantalum", "du tantale", "tantalumu"], "Q1123"),
    ("coltan", Some("tantalum"), ["Coltan", "Coltan", "Koltani"], ["coltan", "du coltan", "koltani"], ""),
    ("tungsten", Some("3t"), ["Tungsten", "Tungstène", "Tangsteni"], ["tungsten", "du tungstène", "tangsteni"], "Q743"),
    ("wolframite", Some("tungsten"), ["Wolframite", "Wolframite", "Wolframiti"], ["wolframite", "de la wolframite", "wolframiti"], ""),
    ("battery-minerals", None, ["Battery minerals", "Minerais de batterie", "Madini ya betri"], ["battery mineral", "des minerais de batterie", "madini ya betri"], ""),
    ("cobalt", Some("battery-minerals"), ["Cobalt", "Cobalt", "Kobalti"], ["cobalt", "du cobalt", "kobalti"], "Q740"),
    ("copper", Some("battery-minerals"), ["Copper", "Cuivre", "Shaba"], ["copper", "du cuivre", "shaba"], "Q753"),
    ("lithium", Some("battery-minerals"), ["Lithium", "Lithium", "Lithiamu"], ["lithium", "du lithium", "lithiamu"], "Q568"),
    ("diamonds", None, ["Diamonds", "Diamants", "Almasi"], ["diamond", "des diamants", "almasi"], "Q5283"),
    ("gemstones", None, ["Gemstones", "Pierres précieuses", "Vito"], ["gemstone", "des pierres précieuses", "vito"], ""),
    ("tourmaline", Some("gemstones"), ["Tourmaline", "Tourmaline", "Turmalini"], ["tourmaline", "de la tourmaline", "turmalini"], ""),
    ("pyrochlore", None, ["Pyrochlore", "Pyrochlore", "Pirokloro"], ["pyrochlore", "du pyrochlore", "pirokloro"], ""),
];

#[rustfmt::skip]
const ACTORS: &[Row] = &[
    ("armed-groups", None, ["Armed groups", "Groupes armés", "Makundi yenye silaha"]),
    ("m23", Some("armed-groups"), ["M23", "M23", "M23"]),
    ("fdlr", Some("armed-groups"), ["FDLR", "FDLR", "FDLR"]),
    ("adf", Some("armed-groups"), ["ADF", "ADF", "ADF"]),
    ("codeco", Some("armed-groups"), ["CODECO", "CODECO", "CODECO"]),
    ("mai-mai", Some("armed-groups"), ["Mai-Mai", "Maï-Maï", "Mai-Mai"]),
    ("raia-mutomboki", Some("mai-mai"), ["Raia Mutomboki", "Raïa Mutomboki", "Raia Mutomboki"]),
    ("mai-mai-yakutumba", Some("mai-mai"), ["Mai-Mai Yakutumba", "Maï-Maï Yakutumba", "Mai-Mai Yakutumba"]),
    ("nyatura", Some("mai-mai"), ["Nyatura", "Nyatura", "Nyatura"]),
    ("ndc-renove", Some("mai-mai"), ["NDC-Renewed", "NDC-Rénové", "NDC-Renove"]),
    ("red-tabara", Some("armed-groups"), ["RED-Tabara", "RED-Tabara", "RED-Tabara"]),
    ("state-actors", None, ["State actors", "Acteurs étatiques", "Wahusika wa serikali"]),
    ("fardc", Some("state-actors"), ["FARDC", "FARDC", "FARDC"]),
    ("pnc", Some("state-actors"), ["Congolese National Police", "Police nationale congolaise", "Polisi wa Taifa wa Kongo"]),
    ("mining-police", Some("pnc"), ["Mining police", "Police des mines", "Polisi wa migodi"]),
    ("saemape", Some("state-actors"), ["SAEMAPE", "SAEMAPE", "SAEMAPE"]),
    ("ceec", Some("state-actors"), ["CEEC", "CEEC", "CEEC"]),
    ("mining-division", Some("state-actors"), ["Mining Division", "Division des mines", "Idara ya madini"]),
    ("private-sector", None, ["Private sector", "Secteur privé", "Sekta binafsi"]),
    ("mining-companies", Some("private-sector"), ["Mining companies", "Entreprises minières", "Makampuni ya madini"]),
    ("cooperatives", Some("private-sector"), ["Mining cooperatives", "Coopératives minières", "Vyama vya ushirika vya wachimbaji"]),
    ("comptoirs", Some("private-sector"), ["Buying houses", "Comptoirs", "Nyumba za ununuzi"]),
    ("international-actors", None, ["International actors", "Acteurs internationaux", "Wahusika wa kimataifa"]),
    ("monusco", Some("international-actors"), ["MONUSCO", "MONUSCO", "MONUSCO"]),
    ("un-group-of-experts", Some("international-actors"), ["UN Group of Experts", "Groupe d'experts de l'ONU", "Kundi la Wataalamu la UN"]),
    ("icglr", Some("international-actors"), ["ICGLR", "CIRGL", "ICGLR"]),
    ("oecd", Some("international-actors"), ["OECD", "OCDE", "OECD"]),
];

#[rustfmt::skip]
const THEMES: &[Row] = &[
    ("governance", None, ["Governance", "Gouvernance", "Utawala"]),
    ("taxation", Some("governance"), ["Taxation", "Fiscalité", "Ushuru"]),
    ("corruption", Some("governance"), ["Corruption", "Corruption", "Rushwa"]),
    ("mining-law", Some("governance"), ["Mining law", "Droit minier", "Sheria ya madini"]),
    ("decentralisation", Some("governance"), ["Decentralisation", "Décentralisation", "Ugatuzi"]),
    ("supply-chains", None, ["Supply chains", "Chaînes d'approvisionnement", "Minyororo ya ugavi"]),
    ("due-diligence", Some("supply-chains"), ["Due diligence", "Devoir de diligence", "Uangalifu unaostahili"]),
    ("traceability", Some("supply-chains"), ["Traceability", "Traçabilité", "Ufuatiliaji"]),
    ("certification", Some("supply-chains"), ["Certification", "Certification", "Uthibitishaji"]),
    ("trade", Some("supply-chains"), ["Trade", "Commerce", "Biashara"]),
    ("smuggling", Some("trade"), ["Smuggling", "Contrebande", "Magendo"]),
    ("conflict", None, ["Conflict", "Conflit", "Migogoro"]),
    ("armed-violence", Some("conflict"), ["Armed violence", "Violence armée", "Ghasia za silaha"]),
    ("conflict-financing", Some("conflict"), ["Conflict financing", "Financement des conflits", "Ufadhili wa migogoro"]),
    ("peacebuilding", Some("conflict"), ["Peacebuilding", "Consolidation de la paix", "Ujenzi wa amani"]),
    ("ddr", Some("peacebuilding"), ["Demobilisation", "Démobilisation", "Kuwaondoa wapiganaji vitani"]),
    ("human-rights", None, ["Human rights", "Droits humains", "Haki za binadamu"]),
    ("child-labour", Some("human-rights"), ["Child labour", "Travail des enfants", "Ajira kwa watoto"]),
    ("gender", Some("human-rights"), ["Gender", "Genre", "Jinsia"]),
    ("sexual-violence", Some("gender"), ["Sexual violence", "Violences sexuelles", "Ukatili wa kingono"]),
    ("forced-labour", Some("human-rights"), ["Forced labour", "Travail forcé", "Kazi ya kulazimishwa"]),
    ("environment", None, ["Environment", "Environnement", "Mazingira"]),
    ("mercury", Some("environment"), ["Mercury", "Mercure", "Zebaki"]),
    ("deforestation", Some("environment"), ["Deforestation", "Déforestation", "Ukataji miti"]),
    ("water", Some("environment"), ["Water", "Eau", "Maji"]),
    ("livelihoods", None, ["Livelihoods", "Moyens de subsistance", "Riziki"]),
    ("land", Some("livelihoods"), ["Land", "Foncier", "Ardhi"]),
    ("agriculture", Some("livelihoods"), ["Agriculture", "Agriculture", "Kilimo"]),
    ("artisanal-mining", Some("livelihoods"), ["Artisanal mining", "Exploitation minière artisanale", "Uchimbaji mdogo"]),
    ("industrial-mining", Some("livelihoods"), ["Industrial mining", "Exploitation minière industrielle", "Uchimbaji wa viwandani"]),
];

/// Alternative labels `(uid, language, label)`.
#[rustfmt::skip]
const ALT_LABELS: &[(&str, &str, &str)] = &[
    ("3t", "en", "tin, tantalum and tungsten"),
    ("3t", "fr", "étain, tantale et tungstène"),
    ("m23", "fr", "Mouvement du 23 mars"),
    ("fdlr", "fr", "Forces démocratiques de libération du Rwanda"),
    ("adf", "en", "Allied Democratic Forces"),
    ("codeco", "fr", "Coopérative pour le développement du Congo"),
    ("fardc", "fr", "Forces armées de la République démocratique du Congo"),
    ("pnc", "fr", "PNC"),
    ("saemape", "fr", "SAESSCAM"),
    ("icglr", "en", "International Conference on the Great Lakes Region"),
    ("ddr", "en", "DDR"),
    ("coltan", "en", "columbite-tantalite"),
];

/// The four vocabularies: every concept (broader first) and the pickable terms per scheme.
#[derive(Debug, Clone)]
pub struct Vocabularies {
    /// Places that publications are tagged with (provinces, territories, towns).
    pub places: Vec<Term>,
    /// Minerals.
    pub minerals: Vec<Term>,
    /// Actors.
    pub actors: Vec<Term>,
    /// Themes.
    pub themes: Vec<Term>,
    /// Every concept in write form, broader before narrower.
    pub concepts: Vec<Concept>,
}

fn to_concept(t: &Term, scheme: Scheme) -> Concept {
    let mut c = Concept::new(t.uid.clone(), scheme);
    c.broader = t.broader.clone();
    c.labels = LANGS
        .iter()
        .zip(&t.label)
        .map(|(l, label)| ((*l).to_owned(), label.clone()))
        .collect::<BTreeMap<_, _>>();
    c.alt_labels = t
        .alt
        .iter()
        .map(|(l, label)| Label::new(l.clone(), label.clone()))
        .chain(
            ALT_LABELS
                .iter()
                .filter(|(uid, _, _)| *uid == t.uid)
                .map(|(_, l, label)| Label::new(*l, *label)),
        )
        .collect();
    if let Some(qid) = &t.wikidata {
        c.identifiers
            .push(Identifier::new(IdScheme::Wikidata, qid.clone()));
    }
    c
}

impl Vocabularies {
    /// Builds the vocabularies (the same every time).
    pub fn new() -> Vocabularies {
        let (all_places, roots) = places();
        let minerals: Vec<Term> = MINERALS
            .iter()
            .map(|(uid, broader, label, extra, qid)| Term {
                uid: (*uid).to_owned(),
                broader: broader.map(str::to_owned),
                label: label.map(str::to_owned),
                extra: extra.map(str::to_owned),
                alt: Vec::new(),
                wikidata: (!qid.is_empty()).then(|| (*qid).to_owned()),
            })
            .collect();
        let actors = simple(ACTORS, |uid| COMMON_ACTORS.contains(&uid));
        let themes = simple(THEMES, |_| true);
        let mut concepts = Vec::new();
        for (terms, scheme) in [
            (&all_places, Scheme::Place),
            (&minerals, Scheme::Mineral),
            (&actors, Scheme::Actor),
            (&themes, Scheme::Theme),
        ] {
            concepts.extend(terms.iter().map(|t| to_concept(t, scheme)));
        }
        Vocabularies {
            places: all_places[roots..].to_vec(),
            minerals,
            actors,
            themes,
            concepts,
        }
    }
}

impl Default for Vocabularies {
    fn default() -> Self {
        Vocabularies::new()
    }
}
