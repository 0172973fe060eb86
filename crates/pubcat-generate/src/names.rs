//! People and organisations of the generated catalogue, and mining-site names.

use pubcat::model::{Agent, AgentKind, IdScheme, Identifier};

use super::lexicon::{KNOWN_SITES, SITE_SYLLABLES};
use super::rng::Rng;

#[rustfmt::skip]
const GIVEN: &[&str] = &[
    "Jean-Paul", "Jean-Pierre", "Marie-Claire", "Espérance", "Célestin", "Désiré", "Aimé",
    "Bénédicte", "Josée", "Théophile", "Faustin", "Innocent", "Gloire", "Fiston", "Patient",
    "Dieudonné", "Chantal", "Furaha", "Neema", "Amani", "Baraka", "Zawadi", "Imani", "Rehema",
    "Mwajuma", "Bahati", "Esther", "Grâce", "Solange", "Béatrice", "Alphonse", "Floribert",
    "Héritier", "Prince", "Christian", "Emmanuel", "Joseph", "Justin", "Félicien", "Sylvestre",
    "Pacifique", "Olivier", "Nadine", "Claudine", "Hélène", "Léonie", "Françoise", "Émilie",
    "Noëlle", "Gaëlle", "Zoë", "Anneleen", "Sara", "Lotte", "Pieter", "Koen", "Filip", "Hans",
    "Steven", "Sophie", "Camille", "Thomas", "Laura", "Nicholas", "Judith", "Sarah", "Michael",
    "David", "James", "Claire", "Alex", "Ruth", "Peter", "John", "Mary", "Grace", "Wanjiru",
    "Achieng", "Nyambura", "Kato", "Mugisha", "Jean-Bosco", "Eugénie", "Séraphin", "Modeste",
    "Godefroid", "Évariste", "Aline", "Marceline", "Honorine", "Rosine", "Delphine", "Josué",
];

#[rustfmt::skip]
const POSTNOMS: &[&str] = &[
    "Lonema", "Mulumbu", "Matata", "Lokongo", "Bolamba", "Ekofo", "Mpoyi", "Mujinga", "Nzuzi",
    "Makiese", "Lusamba", "Kapinga", "Nkulu", "Kiza", "Amisi", "Saidi", "Ramazani", "Maneno",
    "Shabani", "Bakari", "Kibwana", "Mapendo", "Muhindo", "Kambale", "Kasereka", "Paluku",
    "Kavira", "Masika", "Kahindo", "Mumbere", "Vagheni", "Cirhuza", "Bisimwa", "Mugisho",
    "Birhashirwa", "Chirimwami", "Byamungu", "Kalume", "Kyungu", "Mwamba",
];

#[rustfmt::skip]
const FAMILY: &[&str] = &[
    "Mukendi", "Tshibanda", "Mbuyi", "Kalala", "Ilunga", "Kasongo", "Mutombo", "Lukusa", "Ngoy",
    "Kabongo", "Banza", "Mwamba", "Kyungu", "Kalume", "Byamungu", "Cirhuza", "Bisimwa", "Mugisho",
    "Muhindo", "Kambale", "Kasereka", "Paluku", "Kavira", "Masika", "Kahindo", "Mumbere", "Amisi",
    "Saidi", "Ramazani", "Bakari", "Shabani", "Kibwana", "Van Acker", "De Smet", "Peeters",
    "Janssens", "Maes", "Wouters", "Claes", "Goossens", "Vandenberghe", "Dubois", "Lefèvre",
    "Lambert", "Dupont", "Hérion", "Verbruggen", "Desmet", "Mertens", "Jacobs", "Willems",
    "Müller", "Schäfer", "Jäger", "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Kelly",
    "O'Brien", "Nkurunziza", "Nzeyimana", "Uwase", "Niyonzima", "Okello", "Otieno", "Mwangi",
    "Kamau", "Wanjala", "Mushi", "Mrema", "Kimaro", "Lyimo", "Habimana", "Uwimana", "Nshimiyimana",
    "Ndayishimiye", "Mugabo", "Hakizimana", "Bizimana", "Mbayo", "Kitenge", "Kazadi", "Tshimanga",
    "Kanku", "Mulamba", "Kabeya", "Tshiala", "Nsimba", "Lumbala", "Bokele", "Mokonzi", "Lokwa",
    "Efoloko", "Bosenge", "Likinda", "Mbala", "Nkongolo", "Kabamba", "Muteba", "Kalonji", "Mbombo",
    "Ngandu", "Lubala", "Kikuni",
];

/// Real organisations, most prolific first: `(uid, name, acronym, other names)`.
#[rustfmt::skip]
const KNOWN_ORGS: &[(&str, &str, &str, &[&str])] = &[
    ("ipis", "IPIS", "IPIS", &["International Peace Information Service"]),
    ("global-witness", "Global Witness", "", &[]),
    ("enough-project", "Enough Project", "", &[]),
    ("pact", "Pact", "", &[]),
    ("cegemi", "Centre d'Expertise en Gestion Minière", "CEGEMI", &[]),
    ("gec", "Groupe d'étude sur le Congo", "GEC", &["Congo Research Group"]),
    ("ebuteli", "Ebuteli", "", &[]),
    ("rift-valley-institute", "Rift Valley Institute", "RVI", &[]),
    ("pole-institute", "Pole Institute", "", &[]),
    ("hrw", "Human Rights Watch", "HRW", &[]),
    ("crisis-group", "International Crisis Group", "ICG", &["Crisis Group"]),
    ("amnesty", "Amnesty International", "", &[]),
    ("oecd-org", "Organisation for Economic Co-operation and Development", "OECD", &["OCDE"]),
    ("bgr", "Bundesanstalt für Geowissenschaften und Rohstoffe", "BGR", &["Federal Institute for Geosciences and Natural Resources"]),
    ("giz", "Deutsche Gesellschaft für Internationale Zusammenarbeit", "GIZ", &[]),
    ("usaid", "United States Agency for International Development", "USAID", &[]),
    ("fcdo", "Foreign, Commonwealth & Development Office", "FCDO", &["DFID"]),
    ("eu", "European Union", "EU", &["Union européenne"]),
    ("enabel", "Enabel", "", &["Belgian Development Agency"]),
    ("world-bank", "World Bank", "", &["Banque mondiale"]),
    ("monusco-org", "Mission de l'Organisation des Nations unies pour la stabilisation en RDC", "MONUSCO", &[]),
    ("icglr-org", "Conférence internationale sur la région des Grands Lacs", "CIRGL", &["ICGLR"]),
    ("ministere-des-mines", "Ministère des Mines de la RDC", "", &["DRC Ministry of Mines"]),
    ("saemape-org", "Service d'Assistance et d'Encadrement de l'Exploitation Minière Artisanale et de Petit Calibre", "SAEMAPE", &["SAESSCAM"]),
    ("cami", "Cadastre Minier", "CAMI", &[]),
    ("ceec-org", "Centre d'Expertise, d'Évaluation et de Certification", "CEEC", &[]),
    ("justice-plus", "Justice Plus", "", &[]),
    ("asadho", "Association africaine de défense des droits de l'homme", "ASADHO", &[]),
    ("cenadep", "Centre national d'appui au développement et à la participation populaire", "CENADEP", &[]),
    ("impact", "IMPACT", "", &["Partnership Africa Canada"]),
    ("diis", "Danish Institute for International Studies", "DIIS", &[]),
    ("nai", "Nordic Africa Institute", "NAI", &[]),
    ("egmont", "Egmont Institute", "", &[]),
    ("carter-center", "The Carter Center", "", &[]),
    ("resource-matters", "Resource Matters", "", &[]),
    ("afrewatch", "Africa Resources Watch", "AFREWATCH", &[]),
    ("rmi", "Responsible Minerals Initiative", "RMI", &[]),
    ("fair-cobalt-alliance", "Fair Cobalt Alliance", "FCA", &[]),
    ("uob", "Université Officielle de Bukavu", "UOB", &[]),
    ("ucb", "Université Catholique de Bukavu", "UCB", &[]),
    ("unilu", "Université de Lubumbashi", "UNILU", &[]),
    ("ulb", "Université libre de Bruxelles", "ULB", &[]),
    ("ugent", "Ghent University", "", &["Universiteit Gent"]),
    ("uantwerpen", "University of Antwerp", "", &["Universiteit Antwerpen"]),
    ("sfvs", "Synergie des femmes pour les victimes des violences sexuelles", "SFVS", &[]),
];

/// Templates of generated organisations, `{p}` a place, `{s}` a mining site.
const ORG_TEMPLATES: &[&str] = &[
    "Coopérative minière de {p}",
    "Coopérative des exploitants artisanaux de {s}",
    "Association des femmes minières de {p}",
    "{s} Mining SARL",
    "{s} Gold Trading Ltd",
    "Comptoir {s}",
    "Réseau pour la paix et le développement de {p}",
    "Action pour le développement de {p}",
    "{p} Community Monitoring Network",
    "Chama cha Ushirika cha Wachimbaji wa {p}",
    "Umoja wa Wanawake Wachimbaji wa {p}",
    "Shirika la Maendeleo la {p}",
    "Centre de recherche sur les ressources naturelles de {p}",
    "Observatoire de la gouvernance minière de {p}",
];

/// How many known mining sites there are before generated names start.
pub fn known_sites() -> usize {
    KNOWN_SITES.len()
}

/// The name of the mining site of rank `rank` (known sites first, then generated names;
/// distinct ranks give distinct generated names).
pub fn site_name(rank: usize) -> String {
    if let Some(known) = KNOWN_SITES.get(rank) {
        return (*known).to_owned();
    }
    let [first, middle, last] = SITE_SYLLABLES;
    let three = first.len() * middle.len() * last.len();
    let n = rank - KNOWN_SITES.len();
    let (mut x, syllables) = if n < three {
        ((n * 7 + 3) % three, 3)
    } else {
        let four = three * middle.len();
        (((n - three) * 11 + 5) % four, 4)
    };
    let mut name = String::new();
    name.push_str(first[x % first.len()]);
    x /= first.len();
    for _ in 0..syllables - 2 {
        name.push_str(middle[x % middle.len()]);
        x /= middle.len();
    }
    name.push_str(last[x % last.len()]);
    name
}

/// Initials of the capitalised words of `name` ("Coopérative minière de Kalehe" → "CK").
fn acronym(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Person number `i` (uid `person-NNNNNN`).
pub fn person(seed: u64, i: usize) -> Agent {
    let mut rng = Rng::derive(seed, 11, i as u64);
    let given = *rng.pick(GIVEN);
    let family = if rng.chance(0.35) {
        format!("{} {}", rng.pick(POSTNOMS), rng.pick(FAMILY))
    } else {
        (*rng.pick(FAMILY)).to_owned()
    };
    let mut agent = Agent::new(
        format!("person-{i:06}"),
        AgentKind::Person,
        format!("{given} {family}"),
    );
    agent.given = Some(given.to_owned());
    agent.family = Some(family);
    if rng.chance(0.3) {
        let digits = format!("{:012}", (i as u64) * 7_919 + 104_729);
        agent.identifiers.push(Identifier::new(
            IdScheme::Orcid,
            format!(
                "0000-{}-{}-{}",
                &digits[0..4],
                &digits[4..8],
                &digits[8..12]
            ),
        ));
    }
    agent
}

/// Organisation number `i`: the known ones first, then generated ones named after `places`
/// (labels) and mining sites.
pub fn organisation(seed: u64, i: usize, places: &[&str]) -> Agent {
    if let Some((uid, name, acro, others)) = KNOWN_ORGS.get(i) {
        let mut agent = Agent::new(*uid, AgentKind::Organization, *name);
        agent.acronym = (!acro.is_empty()).then(|| (*acro).to_owned());
        agent.names = others.iter().map(|n| (*n).to_owned()).collect();
        return agent;
    }
    let mut rng = Rng::derive(seed, 12, i as u64);
    let template = *rng.pick(ORG_TEMPLATES);
    let site = site_name(rng.below(5_000) + KNOWN_SITES.len());
    let place = places
        .get(rng.below(places.len()))
        .copied()
        .unwrap_or("Bukavu");
    let name = template.replace("{p}", place).replace("{s}", &site);
    let mut agent = Agent::new(format!("org-{i:05}"), AgentKind::Organization, name.clone());
    let initials = acronym(&name);
    if initials.len() >= 3 && rng.chance(0.5) {
        agent.acronym = Some(initials);
    }
    agent
}

/// How many organisations are real ones.
pub fn known_organisations() -> usize {
    KNOWN_ORGS.len()
}
