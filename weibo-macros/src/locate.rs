//! Finds where a value sits in the spec text, so that errors found after parsing (a duplicate
//! endpoint, an unknown type) can still name a line and column.
//!
//! serde_yaml reports positions only for its own errors, so this walks the block-style YAML the
//! spec is written in: keys by indentation, sequence items by their `- ` marker, and keys inside
//! a one-line flow mapping (`{ type: int64 }`) by their text. When the text is laid out in a way
//! it does not follow, it answers with the deepest part of the path it could find.

/// One step of a path into the spec: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

impl Seg {
    pub fn key(k: &str) -> Seg {
        Seg::Key(k.to_string())
    }
}

/// A path into the spec, rendered as `endpoints[2].params[0].type` in messages.
pub type Path = Vec<Seg>;

pub fn render_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

pub struct Locator<'a> {
    lines: Vec<&'a str>,
}

/// A significant line, seen as: raw indentation, indentation of its first key once `- ` markers
/// are counted as indentation, and the text from that key on.
struct Line<'a> {
    raw_indent: usize,
    key_indent: usize,
    rest: &'a str,
    is_item: bool,
}

fn significant(line: &str) -> Option<Line<'_>> {
    let trimmed = line.trim_start_matches(' ');
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let raw_indent = line.len() - trimmed.len();
    let mut rest = trimmed;
    let mut key_indent = raw_indent;
    let mut is_item = false;
    while let Some(after) = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        let after_trim = after.trim_start_matches(' ');
        key_indent += rest.len() - after_trim.len();
        rest = after_trim;
        is_item = true;
    }
    Some(Line {
        raw_indent,
        key_indent,
        rest,
        is_item,
    })
}

/// Does `text` start with the mapping key `key` (plain or quoted)?
fn starts_with_key(text: &str, key: &str) -> Option<usize> {
    for quoted in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
        if let Some(after) = text.strip_prefix(quoted.as_str()) {
            if after.trim_start_matches(' ').starts_with(':') {
                return Some(quoted.len());
            }
        }
    }
    None
}

#[derive(Clone, Copy)]
enum Scope {
    /// Lines `start..end` of the file hold the value.
    Block { start: usize, end: usize },
    /// The value is inline on line `line`, from byte `col` on.
    Inline { line: usize, col: usize },
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            lines: text.lines().collect(),
        }
    }

    /// The 1-based line and column of the deepest part of `path` that could be found.
    pub fn find(&self, path: &[Seg]) -> Option<(usize, usize)> {
        let mut scope = Scope::Block {
            start: 0,
            end: self.lines.len(),
        };
        let mut found = None;
        for seg in path {
            match self.step(scope, seg) {
                Some((next, pos)) => {
                    scope = next;
                    found = Some(pos);
                }
                None => break,
            }
        }
        found
    }

    fn step(&self, scope: Scope, seg: &Seg) -> Option<(Scope, (usize, usize))> {
        match scope {
            Scope::Inline { line, col } => {
                let key = match seg {
                    Seg::Key(key) => key,
                    Seg::Index(index) => return self.inline_item(line, col, *index),
                };
                let text = self.lines[line].get(col..)?;
                let mut offset = 0;
                while offset < text.len() {
                    let candidate = &text[offset..];
                    let boundary = offset == 0 || text[..offset].ends_with(['{', ' ', ',']);
                    if boundary {
                        if let Some(len) = starts_with_key(candidate, key) {
                            let at = col + offset;
                            return Some((
                                Scope::Inline {
                                    line,
                                    col: at + len,
                                },
                                (line + 1, self.char_col(line, at)),
                            ));
                        }
                    }
                    offset += candidate.chars().next().map_or(1, char::len_utf8);
                }
                None
            }
            Scope::Block { start, end } => match seg {
                Seg::Key(key) => self.find_key(start, end, key),
                Seg::Index(index) => self.find_item(start, end, *index),
            },
        }
    }

    fn char_col(&self, line: usize, byte: usize) -> usize {
        self.lines[line]
            .get(..byte)
            .map_or(byte, |before| before.chars().count())
            + 1
    }

    /// Item `index` of a one-line flow sequence (`[json, xml]`) that starts at or after byte
    /// `col` of `line`: its first character, skipping nested brackets and quoted text.
    fn inline_item(
        &self,
        line: usize,
        col: usize,
        index: usize,
    ) -> Option<(Scope, (usize, usize))> {
        let text = self.lines[line].get(col..)?;
        let open = text.find('[')?;
        let mut item = 0;
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        for (offset, c) in text[open + 1..].char_indices() {
            let at = open + 1 + offset;
            if let Some(q) = quote {
                if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' => quote = Some(c),
                '[' | '{' => depth += 1,
                ']' | '}' if depth == 0 => return None,
                ']' | '}' => {
                    depth -= 1;
                    continue;
                }
                ',' if depth == 0 => {
                    item += 1;
                    continue;
                }
                ' ' => continue,
                _ => {}
            }
            // Reached first by the first character of item `index`; every character before it
            // belongs to an earlier item.
            if item == index {
                let byte = col + at;
                return Some((
                    Scope::Inline { line, col: byte },
                    (line + 1, self.char_col(line, byte)),
                ));
            }
        }
        None
    }

    fn first_level(&self, start: usize, end: usize) -> Option<usize> {
        (start..end).find_map(|i| significant(self.lines[i]).map(|l| l.key_indent))
    }

    fn find_key(&self, start: usize, end: usize, key: &str) -> Option<(Scope, (usize, usize))> {
        let level = self.first_level(start, end)?;
        for i in start..end {
            let Some(line) = significant(self.lines[i]) else {
                continue;
            };
            if line.key_indent < level && i > start {
                break;
            }
            if line.key_indent != level {
                continue;
            }
            let Some(len) = starts_with_key(line.rest, key) else {
                continue;
            };
            let key_byte = self.lines[i].len() - line.rest.len();
            let pos = (i + 1, self.char_col(i, key_byte));
            let after = line.rest[len..].trim_start_matches(' ');
            let after = after.strip_prefix(':').unwrap_or(after).trim();
            let is_block = after.is_empty()
                || after.starts_with('#')
                || after.starts_with('|')
                || after.starts_with('>');
            if !is_block {
                return Some((
                    Scope::Inline {
                        line: i,
                        col: key_byte + len,
                    },
                    pos,
                ));
            }
            let child_end = (i + 1..end)
                .find(|&j| {
                    significant(self.lines[j]).is_some_and(|l| {
                        l.key_indent <= level && !(l.is_item && l.raw_indent >= level)
                    })
                })
                .unwrap_or(end);
            return Some((
                Scope::Block {
                    start: i + 1,
                    end: child_end,
                },
                pos,
            ));
        }
        None
    }

    fn find_item(&self, start: usize, end: usize, index: usize) -> Option<(Scope, (usize, usize))> {
        let dash = (start..end)
            .filter_map(|i| significant(self.lines[i]))
            .find(|l| l.is_item)
            .map(|l| l.raw_indent)?;
        let items: Vec<usize> = (start..end)
            .filter(|&i| {
                significant(self.lines[i]).is_some_and(|l| l.is_item && l.raw_indent == dash)
            })
            .collect();
        let &first = items.get(index)?;
        let item_end = items.get(index + 1).copied().unwrap_or_else(|| {
            (first + 1..end)
                .find(|&j| significant(self.lines[j]).is_some_and(|l| l.raw_indent < dash))
                .unwrap_or(end)
        });
        let line = significant(self.lines[first])?;
        let key_byte = self.lines[first].len() - line.rest.len();
        let pos = (first + 1, self.char_col(first, dash));
        if line.rest.starts_with('{') || line.rest.starts_with('[') {
            return Some((
                Scope::Inline {
                    line: first,
                    col: key_byte,
                },
                pos,
            ));
        }
        Some((
            Scope::Block {
                start: first,
                end: item_end,
            },
            pos,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
versions:
  v1:
    base_url: http://x
models:
  User:
    fields:
      id: { type: int64, required: true }
      name: string
endpoints:
  - name: a/b
    params:
      - name: id
        type: int64
      - name: ids
        type: list<int64>
  - name: c/d
    path: c/d
";

    fn at(path: &[Seg]) -> Option<(usize, usize)> {
        Locator::new(TEXT).find(path)
    }

    #[test]
    fn finds_keys_items_and_inline_keys() {
        assert_eq!(
            at(&[Seg::key("versions"), Seg::key("v1"), Seg::key("base_url")]),
            Some((3, 5))
        );
        assert_eq!(
            at(&[Seg::key("endpoints"), Seg::Index(1), Seg::key("path")]),
            Some((17, 5))
        );
        assert_eq!(
            at(&[
                Seg::key("endpoints"),
                Seg::Index(0),
                Seg::key("params"),
                Seg::Index(1),
                Seg::key("type")
            ]),
            Some((15, 9))
        );
        assert_eq!(
            at(&[
                Seg::key("models"),
                Seg::key("User"),
                Seg::key("fields"),
                Seg::key("id"),
                Seg::key("required")
            ]),
            Some((7, 26))
        );
        assert_eq!(
            at(&[Seg::key("endpoints"), Seg::Index(0), Seg::key("name")]),
            Some((10, 5))
        );
    }

    #[test]
    fn finds_items_of_one_line_lists() {
        let text = "endpoints:\n  - name: a\n    methods: [GET, PUST]\n    formats: [ json , 'x,y', [a, b], jsno ]\n";
        let at = |path: &[Seg]| Locator::new(text).find(path);
        let item = |k: &str, i: usize| {
            vec![
                Seg::key("endpoints"),
                Seg::Index(0),
                Seg::key(k),
                Seg::Index(i),
            ]
        };
        assert_eq!(at(&item("methods", 0)), Some((3, 15)));
        assert_eq!(at(&item("methods", 1)), Some((3, 20)));
        assert_eq!(at(&item("formats", 0)), Some((4, 16)));
        assert_eq!(at(&item("formats", 1)), Some((4, 23)));
        assert_eq!(at(&item("formats", 2)), Some((4, 30)));
        assert_eq!(at(&item("formats", 3)), Some((4, 38)));
        // Past the end: the list itself.
        assert_eq!(at(&item("methods", 2)), Some((3, 5)));
    }

    #[test]
    fn falls_back_to_the_deepest_known_part() {
        assert_eq!(
            at(&[Seg::key("endpoints"), Seg::Index(1), Seg::key("nope")]),
            Some((16, 3))
        );
        assert_eq!(at(&[Seg::key("nothing")]), None);
    }

    #[test]
    fn renders_paths() {
        assert_eq!(
            render_path(&[Seg::key("endpoints"), Seg::Index(2), Seg::key("params")]),
            "endpoints[2].params"
        );
    }
}
