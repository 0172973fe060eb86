//! The place vocabulary: the Great Lakes region, the DRC's 26 provinces and the territories
//! and towns of the mining provinces, with English, French and Swahili labels and the
//! locative phrase each language uses ("in South Kivu", "au Sud-Kivu", "katika Kivu Kusini").

use super::vocabularies::Term;

/// How French says "in <province>".
#[derive(Clone, Copy)]
enum Fr {
    Au,
    En,
    A,
    DansLa,
}

/// `(uid, English, French, Swahili, French preposition)` of each province, most written
/// about first.
#[rustfmt::skip]
const PROVINCES: &[(&str, &str, &str, &str, Fr)] = &[
    ("south-kivu", "South Kivu", "Sud-Kivu", "Kivu Kusini", Fr::Au),
    ("north-kivu", "North Kivu", "Nord-Kivu", "Kivu Kaskazini", Fr::Au),
    ("ituri", "Ituri", "Ituri", "Ituri", Fr::En),
    ("maniema", "Maniema", "Maniema", "Maniema", Fr::Au),
    ("tanganyika", "Tanganyika", "Tanganyika", "Tanganyika", Fr::Au),
    ("haut-katanga", "Haut-Katanga", "Haut-Katanga", "Katanga ya Juu", Fr::Au),
    ("lualaba", "Lualaba", "Lualaba", "Lualaba", Fr::Au),
    ("haut-uele", "Haut-Uele", "Haut-Uélé", "Uele ya Juu", Fr::Au),
    ("tshopo", "Tshopo", "Tshopo", "Tshopo", Fr::En),
    ("haut-lomami", "Haut-Lomami", "Haut-Lomami", "Lomami ya Juu", Fr::Au),
    ("kasai-oriental", "Kasai-Oriental", "Kasaï-Oriental", "Kasai Mashariki", Fr::Au),
    ("kasai", "Kasai", "Kasaï", "Kasai", Fr::Au),
    ("kasai-central", "Kasai-Central", "Kasaï-Central", "Kasai ya Kati", Fr::Au),
    ("bas-uele", "Bas-Uele", "Bas-Uélé", "Uele ya Chini", Fr::Au),
    ("lomami", "Lomami", "Lomami", "Lomami", Fr::Au),
    ("sankuru", "Sankuru", "Sankuru", "Sankuru", Fr::Au),
    ("kinshasa", "Kinshasa", "Kinshasa", "Kinshasa", Fr::A),
    ("kongo-central", "Kongo Central", "Kongo-Central", "Kongo ya Kati", Fr::Au),
    ("kwango", "Kwango", "Kwango", "Kwango", Fr::Au),
    ("kwilu", "Kwilu", "Kwilu", "Kwilu", Fr::Au),
    ("mai-ndombe", "Mai-Ndombe", "Maï-Ndombe", "Mai-Ndombe", Fr::Au),
    ("equateur", "Equateur", "Équateur", "Ekweta", Fr::En),
    ("tshuapa", "Tshuapa", "Tshuapa", "Tshuapa", Fr::DansLa),
    ("mongala", "Mongala", "Mongala", "Mongala", Fr::DansLa),
    ("nord-ubangi", "North Ubangi", "Nord-Ubangi", "Ubangi Kaskazini", Fr::Au),
    ("sud-ubangi", "South Ubangi", "Sud-Ubangi", "Ubangi Kusini", Fr::Au),
];

/// Provinces of eastern DRC (children of `eastern-drc` rather than of `drc`).
const EASTERN: &[&str] = &[
    "south-kivu",
    "north-kivu",
    "ituri",
    "maniema",
    "tanganyika",
    "haut-uele",
];

/// `(province uid, territories, towns)`.
#[rustfmt::skip]
const DISTRICTS: &[(&str, &[&str], &[&str])] = &[
    ("south-kivu", &["Fizi", "Idjwi", "Kabare", "Kalehe", "Mwenga", "Shabunda", "Uvira", "Walungu"], &["Bukavu", "Kamituga"]),
    ("north-kivu", &["Beni", "Lubero", "Masisi", "Nyiragongo", "Rutshuru", "Walikale"], &["Goma", "Butembo"]),
    ("ituri", &["Aru", "Djugu", "Irumu", "Mahagi", "Mambasa"], &["Bunia", "Mongbwalu"]),
    ("maniema", &["Kabambare", "Kailo", "Kasongo", "Kibombo", "Lubutu", "Pangi", "Punia"], &["Kindu"]),
    ("tanganyika", &["Kabalo", "Kalemie", "Kongolo", "Manono", "Moba", "Nyunzu"], &[]),
    ("haut-katanga", &["Kambove", "Kasenga", "Kipushi", "Mitwaba", "Pweto", "Sakania"], &["Lubumbashi", "Likasi"]),
    ("lualaba", &["Dilolo", "Kapanga", "Lubudi", "Mutshatsha", "Sandoa"], &["Kolwezi"]),
    ("haut-uele", &["Dungu", "Faradje", "Niangara", "Rungu", "Wamba", "Watsa"], &["Isiro"]),
    ("tshopo", &["Bafwasende", "Banalia", "Basoko", "Isangi", "Opala", "Ubundu", "Yahuma"], &["Kisangani"]),
    ("haut-lomami", &["Bukama", "Kabongo", "Kamina", "Kaniama", "Malemba-Nkulu"], &[]),
    ("kasai-oriental", &["Kabeya-Kamwanga", "Katanda", "Lupatapata", "Miabi", "Tshilenge"], &["Mbuji-Mayi"]),
    ("kasai", &["Dekese", "Ilebo", "Kamonia", "Luebo", "Mweka"], &["Tshikapa"]),
    ("bas-uele", &["Aketi", "Ango", "Bambesa", "Bondo", "Buta", "Poko"], &[]),
];

/// Lower-case ASCII uid part of a name ("Malemba-Nkulu" → "malemba-nkulu").
pub(crate) fn slug(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn term(uid: &str, broader: Option<&str>, label: [&str; 3], locative: [String; 3]) -> Term {
    Term {
        uid: uid.to_owned(),
        broader: broader.map(str::to_owned),
        label: label.map(str::to_owned),
        extra: locative,
        alt: Vec::new(),
        wikidata: None,
    }
}

/// Every place, broader before narrower. The roots (region, countries, eastern DRC) come
/// first; pickable places are the provinces, territories and towns that follow them.
pub fn places() -> (Vec<Term>, usize) {
    let mut out = Vec::new();
    let mut root = |uid: &str, broader: Option<&str>, l: [&str; 3], loc: [&str; 3], qid: &str| {
        let mut t = term(uid, broader, l, loc.map(str::to_owned));
        t.wikidata = (!qid.is_empty()).then(|| qid.to_owned());
        out.push(t);
    };
    root(
        "great-lakes",
        None,
        [
            "Great Lakes region",
            "région des Grands Lacs",
            "Kanda ya Maziwa Makuu",
        ],
        [
            "in the Great Lakes region",
            "dans la région des Grands Lacs",
            "katika Kanda ya Maziwa Makuu",
        ],
        "",
    );
    root(
        "drc",
        Some("great-lakes"),
        [
            "Democratic Republic of the Congo",
            "République démocratique du Congo",
            "Jamhuri ya Kidemokrasia ya Kongo",
        ],
        ["in the DRC", "en RDC", "nchini DRC"],
        "Q974",
    );
    root(
        "rwanda",
        Some("great-lakes"),
        ["Rwanda", "Rwanda", "Rwanda"],
        ["in Rwanda", "au Rwanda", "nchini Rwanda"],
        "Q1037",
    );
    root(
        "uganda",
        Some("great-lakes"),
        ["Uganda", "Ouganda", "Uganda"],
        ["in Uganda", "en Ouganda", "nchini Uganda"],
        "Q1036",
    );
    root(
        "burundi",
        Some("great-lakes"),
        ["Burundi", "Burundi", "Burundi"],
        ["in Burundi", "au Burundi", "nchini Burundi"],
        "Q967",
    );
    root(
        "tanzania",
        Some("great-lakes"),
        ["Tanzania", "Tanzanie", "Tanzania"],
        ["in Tanzania", "en Tanzanie", "nchini Tanzania"],
        "Q924",
    );
    root(
        "eastern-drc",
        Some("drc"),
        ["eastern DRC", "Est de la RDC", "Mashariki ya DRC"],
        [
            "in eastern DRC",
            "dans l'est de la RDC",
            "mashariki mwa DRC",
        ],
        "",
    );
    if let Some(drc) = out.iter_mut().find(|t| t.uid == "drc") {
        drc.alt = vec![("en".into(), "DRC".into()), ("fr".into(), "RDC".into())];
    }
    let roots = out.len();
    for &(uid, en, fr, sw, prep) in PROVINCES {
        let parent = if EASTERN.contains(&uid) {
            "eastern-drc"
        } else {
            "drc"
        };
        let fr_in = match prep {
            Fr::Au => format!("au {fr}"),
            Fr::En => format!("en {fr}"),
            Fr::A => format!("à {fr}"),
            Fr::DansLa => format!("dans la {fr}"),
        };
        out.push(term(
            uid,
            Some(parent),
            [en, fr, sw],
            [format!("in {en}"), fr_in, format!("katika {sw}")],
        ));
    }
    for &(province, territories, _) in DISTRICTS {
        for name in territories {
            out.push(term(
                &format!("territory-{}", slug(name)),
                Some(province),
                [name, name, name],
                [
                    format!("in {name} territory"),
                    format!("dans le territoire de {name}"),
                    format!("katika wilaya ya {name}"),
                ],
            ));
        }
    }
    for &(province, _, towns) in DISTRICTS {
        for name in towns {
            out.push(term(
                &format!("town-{}", slug(name)),
                Some(province),
                [name, name, name],
                [
                    format!("in {name}"),
                    format!("à {name}"),
                    format!("mjini {name}"),
                ],
            ));
        }
    }
    (out, roots)
}
