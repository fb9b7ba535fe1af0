//! Spec problems, collected and reported together.

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

/// One problem in a spec file, with the position where it was found and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// 1-based line and column, when known.
    pub position: Option<(usize, usize)>,
    pub message: String,
    pub help: Option<String>,
}

impl SpecError {
    pub fn new(position: Option<(usize, usize)>, message: impl Into<String>) -> Self {
        SpecError {
            position,
            message: message.into(),
            help: None,
        }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `spec/weibo.yaml:12:5: unknown HTTP method `PUST`` plus the fix on its own line.
    pub fn render(&self, file: &str) -> String {
        let mut out = match self.position {
            Some((line, col)) => format!("{file}:{line}:{col}: {}", self.message),
            None => format!("{file}: {}", self.message),
        };
        if let Some(help) = &self.help {
            out.push_str("\n  = help: ");
            out.push_str(help);
        }
        out
    }
}

/// The problems found so far in one spec file (serde_derive's `Ctxt`, for YAML).
#[derive(Debug, Default)]
pub struct Diagnostics {
    errors: Vec<SpecError>,
}

impl Diagnostics {
    pub fn push(&mut self, error: SpecError) {
        self.errors.push(error);
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// How many problems were found so far.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    #[cfg(test)]
    pub fn errors(&self) -> &[SpecError] {
        &self.errors
    }

    /// One `compile_error!` per problem, all pointing at the macro's argument, in file order.
    pub fn to_compile_errors(&self, file: &str, span: Span) -> TokenStream {
        let mut errors = self.errors.clone();
        errors.sort_by_key(|e| e.position.unwrap_or((0, 0)));
        let count = errors.len();
        errors
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut text = e.render(file);
                if count > 1 {
                    text = format!(
                        "{text}\n  = note: problem {} of {count} in this spec",
                        i + 1
                    );
                }
                quote_spanned!(span=> ::core::compile_error!(#text);)
            })
            .collect()
    }
}

/// Edit distance, for "did you mean" suggestions.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len() / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// "use one of `a`, `b`, `c`" with a "did you mean" first when one is close.
pub fn choices_help(word: &str, candidates: &[&str]) -> String {
    let list = candidates
        .iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match did_you_mean(word, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? (expected one of {list})"),
        None => format!("expected one of {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        assert_eq!(
            did_you_mean("pathh", ["path", "params", "name"]),
            Some("path")
        );
        assert_eq!(
            did_you_mean("PUST", ["GET", "POST", "DELETE"]),
            Some("POST")
        );
        assert_eq!(did_you_mean("zzzzzz", ["path", "params"]), None);
    }

    #[test]
    fn renders_file_line_column_and_help() {
        let e = SpecError::new(Some((3, 7)), "unknown format `jsn`").help("use `json`");
        assert_eq!(
            e.render("spec/x.yaml"),
            "spec/x.yaml:3:7: unknown format `jsn`\n  = help: use `json`"
        );
        assert_eq!(
            SpecError::new(None, "boom").render("a.yaml"),
            "a.yaml: boom"
        );
    }
}
