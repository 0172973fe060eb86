//! Parallel title and sentence templates (English, French, Swahili).
//!
//! Slots, filled by [`super::text`]: `{i0}`..`{i2}` issues (`{I0}` capitalised), `{g0}`,
//! `{g1}` groups (`{G0}` capitalised), `{m}` the mineral after "of" (`{M}` capitalised),
//! `{ml}` the mineral's label, `{p}` "in <place>", `{pl}` the place's label, `{a}` an actor,
//! `{t}` a theme (`{T}` capitalised), `{s}` a mining site, `{y}`/`{y2}` years, `{n}` a count, `{pc}` a
//! percentage, `{k}` "this report" (`{K}` capitalised). The same slot holds the same value
//! in the three languages, so a work's language versions say the same thing.

use super::lexicon::Parallel;

/// Titles.
#[rustfmt::skip]
pub const TITLES: &[Parallel] = &[
    ("{M} mining {p}: {i0} and {i1}", "L'exploitation {m} {p} : {i0} et {i1}", "Uchimbaji wa {m} {p}: {i0} na {i1}"),
    ("Mapping {i0} {p}", "Cartographier {i0} {p}", "Kuchora ramani ya {i0} {p}"),
    ("{T} and {m} supply chains {p}", "{T} et chaînes d'approvisionnement {m} {p}", "{T} na minyororo ya ugavi wa {m} {p}"),
    ("Interactive map of mining sites {p} ({y})", "Carte interactive des sites miniers {p} ({y})", "Ramani shirikishi ya maeneo ya migodi {p} ({y})"),
    ("{a}, {i0} and {m} mining {p}", "{a}, {i0} et l'exploitation {m} {p}", "{a}, {i0} na uchimbaji wa {m} {p}"),
    ("{I0}: lessons from {pl}", "{I0} : leçons de terrain ({pl})", "{I0}: mafunzo kutoka {pl}"),
    ("Between {i0} and {i1}: {t} {p}", "Entre {i0} et {i1} : {t} {p}", "Kati ya {i0} na {i1}: {t} {p}"),
    ("{M} and conflict {p}, {y}–{y2}", "{M} et conflit {p}, {y}–{y2}", "{M} na migogoro {p}, {y}–{y2}"),
    ("Dataset: {M} mining sites {p} ({y})", "Jeu de données : sites d'exploitation {m} {p} ({y})", "Seti ya data: maeneo ya uchimbaji wa {m} {p} ({y})"),
    ("{G0} and {i0} at the {s} mine", "{G0} et {i0} à la mine de {s}", "{G0} na {i0} katika mgodi wa {s}"),
    ("Who profits from {M}? {I0} {p}", "Qui profite {m} ? {I0} {p}", "Nani ananufaika na {m}? {I0} {p}"),
    ("Assessing {i0} in the {M} sector {p}", "Évaluer {i0} dans le secteur {m} {p}", "Kutathmini {i0} katika sekta ya {m} {p}"),
    ("{I0} and {i1}: an analysis of {t}", "{I0} et {i1} : une analyse ({t})", "{I0} na {i1}: uchambuzi wa {t}"),
    ("Update on {i0} {p}", "Le point sur {i0} {p}", "Taarifa mpya kuhusu {i0} {p}"),
];

/// Subtitles.
#[rustfmt::skip]
pub const SUBTITLES: &[Parallel] = &[
    ("Evidence from {pl}", "Données du terrain ({pl})", "Ushahidi kutoka {pl}"),
    ("A field study of {g0}", "Une étude de terrain auprès des acteurs ({g0})", "Utafiti wa uwanjani kuhusu {g0}"),
    ("Findings of the {y} survey", "Résultats de l'enquête {y}", "Matokeo ya utafiti wa {y}"),
    ("{I0} in focus", "Zoom sur {i0}", "Mtazamo kuhusu {i0}"),
    ("Policy recommendations", "Recommandations politiques", "Mapendekezo ya sera"),
];

/// Sentences of summaries and bodies.
#[rustfmt::skip]
pub const SENTENCES: &[Parallel] = &[
    ("In {k}, we examine {i0} {p}.", "Dans {k}, nous examinons {i0} {p}.", "Katika {k}, tunachunguza {i0} {p}."),
    ("It draws on {n} interviews with {g0} and {g1} conducted between {y} and {y2}.", "L'étude s'appuie sur {n} entretiens avec {g0} et {g1} menés entre {y} et {y2}.", "Inatokana na mahojiano {n} na {g0} na {g1} yaliyofanyika kati ya {y} na {y2}."),
    ("At the {s} mining site, {g0} report that {i0} remains a major concern.", "Sur le site minier de {s}, {g0} signalent que {i0} reste une préoccupation majeure.", "Katika mgodi wa {s}, {g0} wanaripoti kwamba {i0} bado ni tatizo kubwa."),
    ("The presence of {a} {p} shapes {i0} and {i1}.", "La présence de {a} {p} influence {i0} et {i1}.", "Uwepo wa {a} {p} unaathiri {i0} na {i1}."),
    ("{M} production {p} rose by {pc}% between {y} and {y2}.", "La production {m} {p} a augmenté de {pc} % entre {y} et {y2}.", "Uzalishaji wa {m} {p} uliongezeka kwa asilimia {pc} kati ya {y} na {y2}."),
    ("The authors recommend that {g0} strengthen {i0}.", "Les auteurs recommandent que {g0} renforcent {i0}.", "Waandishi wanapendekeza kwamba {g0} waimarishe {i0}."),
    ("Findings on {t} point to {i0}, {i1} and {i2}.", "Les résultats ({t}) mettent en évidence {i0}, {i1} et {i2}.", "Matokeo kuhusu {t} yanaonyesha {i0}, {i1} na {i2}."),
    ("{G0} {p} depend on {m} for their livelihoods, yet {i0} limits their income.", "{G0} {p} dépendent {m} pour leur subsistance, mais {i0} limite leurs revenus.", "{G0} {p} wanategemea {m} kwa maisha yao, lakini {i0} inapunguza kipato chao."),
    ("Since {y}, reforms of {i0} have had mixed results.", "Depuis {y}, les réformes concernant {i0} ont donné des résultats mitigés.", "Tangu {y}, mageuzi kuhusu {i0} yameleta matokeo mchanganyiko."),
    ("The report also discusses {i0} and the role played by {g0}.", "Le rapport aborde également {i0} et le rôle joué par {g0}.", "Ripoti pia inajadili {i0} na nafasi ya {g0}."),
    ("Data collected at {n} mining sites show that {i0} is widespread.", "Les données collectées sur {n} sites miniers montrent que {i0} est un phénomène répandu.", "Takwimu zilizokusanywa katika maeneo {n} ya migodi zinaonyesha kwamba {i0} imeenea."),
    ("Between {y} and {y2}, {a} controlled several {m} mines {p}.", "Entre {y} et {y2}, {a} contrôlait plusieurs mines {m} {p}.", "Kati ya {y} na {y2}, {a} ilidhibiti migodi kadhaa ya {m} {p}."),
    ("We find that {i0} goes hand in hand with {i1}.", "Nous constatons que {i0} va de pair avec {i1}.", "Tunabaini kwamba {i0} inaenda sambamba na {i1}."),
    ("Women and children make up a large share of the workforce at {s}.", "Les femmes et les enfants représentent une grande part de la main-d'œuvre à {s}.", "Wanawake na watoto ni sehemu kubwa ya wafanyakazi katika {s}."),
    ("Traders {p} buy {m} at prices well below the world market.", "Les négociants {p} achètent {m} à des prix bien inférieurs au marché mondial.", "Wafanyabiashara {p} wananunua {m} kwa bei ya chini sana kuliko soko la dunia."),
    ("According to {g0}, {i0} worsened after {y}.", "Selon {g0}, {i0} s'est aggravé après {y}.", "Kwa mujibu wa {g0}, {i0} ilizidi kuwa mbaya baada ya {y}."),
    ("A survey of {n} households around {s} reveals {i0} and {i1}.", "Une enquête auprès de {n} ménages autour de {s} révèle {i0} et {i1}.", "Utafiti wa kaya {n} karibu na {s} unaonyesha {i0} na {i1}."),
    ("Efforts to address {i0} must involve {g0} and {g1}.", "Les efforts pour traiter {i0} doivent associer {g0} et {g1}.", "Juhudi za kushughulikia {i0} lazima ziwahusishe {g0} na {g1}."),
];

/// Extra sentences used only in bodies.
#[rustfmt::skip]
pub const BODY_SENTENCES: &[Parallel] = &[
    ("Table {n} summarises the number of sites visited per territory.", "Le tableau {n} résume le nombre de sites visités par territoire.", "Jedwali {n} linaonyesha idadi ya maeneo yaliyotembelewa kwa kila wilaya."),
    ("Interviews were conducted in Swahili, French and local languages.", "Les entretiens ont été menés en swahili, en français et dans les langues locales.", "Mahojiano yalifanyika kwa Kiswahili, Kifaransa na lugha za kienyeji."),
    ("Several respondents asked not to be named for security reasons.", "Plusieurs répondants ont demandé à ne pas être nommés pour des raisons de sécurité.", "Wahojiwa kadhaa waliomba wasitajwe kwa sababu za kiusalama."),
    ("The figures for {y} are provisional.", "Les chiffres pour {y} sont provisoires.", "Takwimu za {y} ni za muda."),
    ("At {s}, {g0} pay a weekly fee to {a}.", "À {s}, {g0} paient une taxe hebdomadaire à {a}.", "Huko {s}, {g0} hulipa ada ya kila wiki kwa {a}."),
    ("The road between {s} and the provincial capital is often impassable.", "La route entre {s} et le chef-lieu de la province est souvent impraticable.", "Barabara kati ya {s} na makao makuu ya mkoa mara nyingi haipitiki."),
    ("This section describes {i0} in more detail.", "Cette section décrit {i0} plus en détail.", "Sehemu hii inaeleza {i0} kwa undani zaidi."),
    ("{I0} was raised in {n} of the focus group discussions.", "{I0} a été évoqué dans {n} des groupes de discussion.", "{I0} ilitajwa katika majadiliano {n} ya vikundi."),
];

/// Capitalises the first letter (Unicode-aware: `é` → `É`).
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
