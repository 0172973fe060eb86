//! Temporary search syntax (replaced by the full parser).

/// Parsed search text.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchExpr {
    terms: Vec<String>,
}

/// Parses user text.
pub fn parse(input: &str) -> SearchExpr {
    let terms = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(|t| format!("\"{t}\""))
        .collect();
    SearchExpr { terms }
}

impl SearchExpr {
    /// FTS5 expression.
    pub fn to_fts5(&self) -> Option<String> {
        if self.terms.is_empty() {
            None
        } else {
            Some(self.terms.join(" "))
        }
    }

    /// Exclusions only.
    pub fn exclusions_to_fts5(&self) -> Option<String> {
        None
    }
}
