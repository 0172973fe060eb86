//! A parser for the FTS5 expressions pubcat writes (`Catalog::fts_expression`): quoted
//! phrases with an optional `*` (prefix), bare words, `OR`, `AND`, `NOT`, implicit AND and
//! parentheses, with FTS5's precedence (NOT binds tighter than AND, AND tighter than OR).
//! tantivy runs the same expression translated from this tree, so that every engine is asked
//! for the same match set (pubcat's expansion included).

/// An FTS5 expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A phrase (one or more tokens, as written); `prefix`: its last token is a prefix.
    Phrase {
        /// The text between the quotes (or the bare word).
        text: String,
        /// Followed by `*`.
        prefix: bool,
    },
    /// Every operand.
    And(Vec<Expr>),
    /// Any operand.
    Or(Vec<Expr>),
    /// The first without the second.
    Not(Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Phrase(String, bool),
    And,
    Or,
    Not,
    Open,
    Close,
}

fn lex(input: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' | '\n' => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push(Tok::Open);
            }
            ')' => {
                chars.next();
                out.push(Tok::Close);
            }
            '"' => {
                chars.next();
                let mut text = String::new();
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            text.push('"');
                        }
                        Some('"') => break,
                        Some(c) => text.push(c),
                        None => return Err(format!("unterminated phrase in {input}")),
                    }
                }
                let prefix = chars.peek() == Some(&'*');
                if prefix {
                    chars.next();
                }
                out.push(Tok::Phrase(text, prefix));
            }
            '+' | '^' | '{' | '}' | ':' | ',' => {
                return Err(format!("unsupported FTS5 syntax {c:?} in {input}"))
            }
            _ => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || "()\"*+^{}:,".contains(c) {
                        break;
                    }
                    word.push(c);
                    chars.next();
                }
                let prefix = chars.peek() == Some(&'*');
                if prefix {
                    chars.next();
                }
                out.push(match word.as_str() {
                    "AND" if !prefix => Tok::And,
                    "OR" if !prefix => Tok::Or,
                    "NOT" if !prefix => Tok::Not,
                    "NEAR" => return Err(format!("unsupported FTS5 NEAR in {input}")),
                    _ => Tok::Phrase(word, prefix),
                });
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn or(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            self.at += 1;
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::Or(items)
        })
    }

    fn and(&mut self) -> Result<Expr, String> {
        let mut items = vec![self.not()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    self.at += 1;
                    items.push(self.not()?);
                }
                Some(Tok::Phrase(..)) | Some(Tok::Open) => items.push(self.not()?),
                _ => break,
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Expr::And(items)
        })
    }

    fn not(&mut self) -> Result<Expr, String> {
        let mut left = self.primary()?;
        while self.peek() == Some(&Tok::Not) {
            self.at += 1;
            let right = self.primary()?;
            left = Expr::Not(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn primary(&mut self) -> Result<Expr, String> {
        match self.toks.get(self.at).cloned() {
            Some(Tok::Phrase(text, prefix)) => {
                self.at += 1;
                Ok(Expr::Phrase { text, prefix })
            }
            Some(Tok::Open) => {
                self.at += 1;
                let inner = self.or()?;
                if self.peek() != Some(&Tok::Close) {
                    return Err("missing )".into());
                }
                self.at += 1;
                Ok(inner)
            }
            other => Err(format!("unexpected {other:?}")),
        }
    }
}

/// Parses an FTS5 expression.
pub fn parse(input: &str) -> Result<Expr, String> {
    let mut p = Parser {
        toks: lex(input)?,
        at: 0,
    };
    let e = p.or()?;
    if p.at != p.toks.len() {
        return Err(format!("trailing input in {input}"));
    }
    Ok(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ph(text: &str, prefix: bool) -> Expr {
        Expr::Phrase {
            text: text.into(),
            prefix,
        }
    }

    #[test]
    fn precedence_and_forms() {
        assert_eq!(parse(r#""mi"*"#), Ok(ph("mi", true)));
        assert_eq!(
            parse(r#""a" OR "b c" "d" NOT "e""#),
            Ok(Expr::Or(vec![
                ph("a", false),
                Expr::And(vec![
                    ph("b c", false),
                    Expr::Not(Box::new(ph("d", false)), Box::new(ph("e", false)))
                ])
            ]))
        );
        assert_eq!(
            parse(r#"("a" OR "b") AND "say ""hi""""#),
            Ok(Expr::And(vec![
                Expr::Or(vec![ph("a", false), ph("b", false)]),
                ph("say \"hi\"", false)
            ]))
        );
        assert!(parse("NEAR(a b)").is_err());
    }
}
