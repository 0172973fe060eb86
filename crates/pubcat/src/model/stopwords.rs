//! Function words of English, French, Dutch and Swahili, folded ([`super::fold`]): words that
//! occur in nearly every text of their language. Link discovery leaves them out of the words it
//! compares; search as you type does not offer them as completions nor marks them inside
//! phrases.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Function words (folded) of English, French, Dutch and Swahili.
const STOPWORDS: &[&str] = &[
    // English
    "a", "about", "across", "after", "against", "all", "also", "among", "an", "and", "any", "are",
    "as", "at", "be", "been", "before", "being", "between", "both", "but", "by", "can", "could",
    "did", "do", "does", "during", "each", "for", "from", "had", "has", "have", "her", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "more", "most", "no", "not", "of", "on",
    "only", "or", "other", "our", "out", "over", "own", "same", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "towards", "under", "until", "up", "very", "via", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "you", "your", "yet", "upon", "onto", "per", "vs", "versus",
    // French
    "au", "aux", "avec", "ce", "ces", "cet", "cette", "chez", "comme", "dans", "de", "des", "du",
    "d", "elle", "elles", "en", "entre", "est", "et", "etre", "ete", "il", "ils", "je", "l", "la",
    "le", "les", "leur", "leurs", "lui", "mais", "meme", "moins", "ne", "ni", "nos", "notre",
    "nous", "ont", "ou", "par", "pas", "plus", "pour", "qu", "que", "qui", "quoi", "dont", "sa",
    "sans", "se", "selon", "ses", "son", "sont", "sous", "sur", "tous", "tout", "toute", "toutes",
    "tres", "un", "une", "vers", "vos", "votre", "vous", "y", "s", "c", "j", "n", "m", "t",
    "depuis", "lors", "apres", "avant", "pendant", "ainsi", "aussi", "donc", "car", "dun", "dune",
    "quel", "quelle", "quels", "quelles", "cas", "face", // Dutch
    "aan", "al", "alle", "als", "bij", "dan", "dat", "deze", "die", "dit", "door", "een", "er",
    "geen", "haar", "het", "hoe", "hun", "ik", "is", "je", "jaar", "kan", "maar", "met", "na",
    "naar", "niet", "nog", "of", "om", "onder", "ons", "ook", "op", "over", "te", "tegen", "tot",
    "tussen", "uit", "van", "veel", "voor", "wat", "wel", "werd", "wie", "wij", "worden", "wordt",
    "zal", "ze", "zich", "zijn", "zo", "zonder", "zou", "binnen", "sinds", "wordt",
    // Swahili
    "na", "ya", "wa", "za", "kwa", "katika", "ni", "kwamba", "cha", "vya", "kutoka", "kuhusu",
    "hii", "huu", "kati", "la", "pia", "lakini", "au", "hadi", "baada", "kabla",
];

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
}

/// Whether `folded` is a function word.
pub(crate) fn is_stopword(folded: &str) -> bool {
    stopwords().contains(folded)
}
