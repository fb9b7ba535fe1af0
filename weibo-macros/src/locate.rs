//! Finds where a value sits in the spec text, so that errors found after parsing (a duplicate
//! endpoint, an unknown type) can still name a line and column.
//!
//! serde_yaml reports positions only for its own errors, so the text is read a second time by
//! an event parser that reports them (saphyr-parser): one pass over its events maps each path
//! (`endpoints[2].params[0].type`) to where its key and its value start. Block and flow
//! collections, quoted keys, comments and multi-line scalars are all the parser's business.
//! A path that is not in the text (a missing key) is answered with its nearest ancestor that
//! is; when the event parser rejects a text that serde_yaml accepted, what it read before the
//! error is still mapped and the rest falls back to those ancestors.

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, Span};
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

/// One step of a path into the spec: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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

/// A 1-based line and column (in characters).
pub type Pos = (usize, usize);

/// Where one node of the spec is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The key of a mapping entry, or the `-` of a block sequence item; `None` for the root
    /// and for an item of a flow sequence (`[a, b]`), which have neither.
    pub key: Option<Pos>,
    /// The first character of the value: a scalar (its quote, if quoted), a `{` or `[`, or
    /// the first key or `-` of a block collection. For `|` and `>`: the line below the
    /// indicator, at the column where the text starts. An empty value (`key:` alone) is
    /// placed at the colon after its key.
    pub value: Pos,
    pub style: Style,
}

/// How a value is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// A plain scalar, or an alias.
    Plain,
    /// Nothing after the key (`key:` alone): a null.
    Empty,
    /// `'…'` or `"…"`.
    Quoted,
    /// `|`: the text is the lines below, as they are.
    Literal,
    /// `>`: the text is the lines below, folded.
    Folded,
    /// A mapping or a sequence.
    Collection,
}

impl Place {
    /// The key, or the value when there is no key.
    fn start(&self) -> Pos {
        self.key.unwrap_or(self.value)
    }
}

pub struct Locator<'a> {
    text: &'a str,
    /// Built on the first look-up: a spec without errors is never read twice.
    index: OnceCell<Index>,
}

/// What one pass over the events found.
#[derive(Default)]
struct Index {
    places: HashMap<Path, Place>,
    /// A key met again in the same mapping: where that mapping starts, the key, and where it
    /// is written the second time.
    duplicates: Vec<(Pos, String, Pos)>,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            index: OnceCell::new(),
        }
    }

    fn places(&self) -> &HashMap<Path, Place> {
        &self.index.get_or_init(|| index(self.text)).places
    }

    /// Where `path` is written, or where its nearest ancestor is when the path is not in the
    /// text (a missing key, an item past the end); `None` when not even its first step is.
    pub fn place(&self, path: &[Seg]) -> Option<Place> {
        let places = self.places();
        (1..=path.len())
            .rev()
            .find_map(|len| places.get(&path[..len]).copied())
    }

    /// The 1-based line and column of the key at the end of `path` (the `-` of a block
    /// sequence item, the first character of a flow sequence item), or of the nearest
    /// ancestor that is in the text.
    pub fn find(&self, path: &[Seg]) -> Option<Pos> {
        self.place(path).map(|place| place.start())
    }

    /// The 1-based line and column of the value at the end of `path` when it is a scalar (its
    /// first character, or its quote), for problems with what is written rather than with the
    /// key; the key of a collection or of an empty value; or, like [`Locator::find`], the
    /// nearest ancestor that is in the text.
    pub fn find_value(&self, path: &[Seg]) -> Option<Pos> {
        match self.exact(path) {
            Some(place) if !matches!(place.style, Style::Collection | Style::Empty) => {
                Some(place.value)
            }
            _ => self.find(path),
        }
    }

    /// Where `path` itself is written, without falling back to an ancestor.
    pub fn exact(&self, path: &[Seg]) -> Option<Place> {
        self.places().get(path).copied()
    }

    /// Where `key` is written the second time in the mapping that starts at `mapping` (where
    /// serde_yaml reports a duplicate key), or in any mapping when none starts there.
    pub fn duplicate_key(&self, key: &str, mapping: Pos) -> Option<Pos> {
        let index = self.index.get_or_init(|| index(self.text));
        let of_key = || index.duplicates.iter().filter(|(_, k, _)| k == key);
        of_key()
            .find(|(start, _, _)| *start == mapping)
            .or_else(|| of_key().next())
            .map(|&(_, _, at)| at)
    }
}

/// What the walk over the events is inside of.
struct Frame {
    /// `None` inside a key that is itself a collection (`? [a, b]`): nothing there is mapped.
    path: Option<Path>,
    kind: Kind,
}

enum Kind {
    Mapping {
        /// `None` while a key is expected; then the key read (`None` for a non-text key) and
        /// where.
        pending: Option<Option<(String, Pos)>>,
        /// The keys met so far, and where the mapping starts.
        seen: HashSet<String>,
        start: Pos,
    },
    /// The index of the next item; whether the sequence is a block one (`- ` items).
    Sequence { next: usize, block: bool },
}

/// How many events the walk reads at most: far more than any text has (a node takes at least
/// one character, a collection two events), so that a parser that stopped advancing cannot
/// hold up the build.
fn event_budget(text: &str) -> usize {
    text.len().saturating_mul(4).saturating_add(64)
}

/// One pass over the parser's events. Stops quietly at a parse error (serde_yaml, which read
/// the text first, has the last word on what is valid) or at a panic inside the parser.
fn index(text: &str) -> Index {
    let mut index = Index::default();
    // After a panic, what was mapped before it is kept: each entry is complete when inserted.
    let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| walk(text, &mut index)));
    index
}

fn walk(text: &str, index: &mut Index) {
    let chars: Vec<char> = text.chars().collect();
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut documents = 0;
    for _ in 0..event_budget(text) {
        let Some(Ok((event, span))) = parser.next_event() else {
            return;
        };
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    // serde_yaml reads one document; a second one is its error to report.
                    return;
                }
            }
            Event::Scalar(value, style, ..) => {
                let (style, start) = match style {
                    ScalarStyle::Plain if value.is_empty() => (Style::Empty, pos(span.start)),
                    ScalarStyle::Plain => (Style::Plain, pos(span.start)),
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        (Style::Quoted, pos(span.start))
                    }
                    // The parser starts these at their first line that is not blank.
                    ScalarStyle::Literal | ScalarStyle::Folded => {
                        let blank = value.chars().take_while(|&c| c == '\n').count();
                        let (line, col) = pos(span.start);
                        let style = match style {
                            ScalarStyle::Literal => Style::Literal,
                            _ => Style::Folded,
                        };
                        (style, (line.saturating_sub(blank).max(1), col))
                    }
                };
                let value = Value::Scalar(Some(value.to_string()), style, start);
                node(&chars, index, &mut stack, span, value);
            }
            Event::Alias(_) => {
                let value = Value::Scalar(None, Style::Plain, pos(span.start));
                node(&chars, index, &mut stack, span, value);
            }
            Event::MappingStart(..) => {
                let value = Value::Collection(Kind::Mapping {
                    pending: None,
                    seen: HashSet::new(),
                    start: pos(span.start),
                });
                node(&chars, index, &mut stack, span, value);
            }
            Event::SequenceStart(..) => {
                let block = chars.get(span.start.index()) != Some(&'[');
                let value = Value::Collection(Kind::Sequence { next: 0, block });
                node(&chars, index, &mut stack, span, value);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
            }
            Event::StreamEnd => return,
            Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
        }
    }
}

/// A node as the walk sees it.
enum Value {
    /// A scalar's text (`None` for an alias), how it is written and where its value starts.
    Scalar(Option<String>, Style, Pos),
    /// A collection, with the frame to push for its contents.
    Collection(Kind),
}

/// One node starts at `span`. Maps it if it is a value, or notes it if it is a key.
fn node(chars: &[char], index: &mut Index, stack: &mut Vec<Frame>, span: Span, value: Value) {
    let (scalar, collection, style, at) = match value {
        Value::Scalar(text, style, at) => (text, None, style, at),
        Value::Collection(kind) => (None, Some(kind), Style::Collection, pos(span.start)),
    };
    let (path, key) = match stack.last_mut() {
        None => (Some(Vec::new()), None),
        Some(frame) => match &mut frame.kind {
            Kind::Mapping {
                pending: pending @ None,
                seen,
                start,
            } => {
                // A key: remembered until its value comes; a collection key maps nothing.
                let at = pos(span.start);
                if let Some(name) = &scalar {
                    if !seen.insert(name.clone()) {
                        index.duplicates.push((*start, name.clone(), at));
                    }
                }
                *pending = Some(scalar.map(|name| (name, at)));
                if let Some(kind) = collection {
                    stack.push(Frame { path: None, kind });
                }
                return;
            }
            Kind::Mapping { pending, .. } => {
                let entry = pending.take().flatten();
                match (&frame.path, entry) {
                    (Some(parent), Some((name, key_at))) => {
                        let mut path = parent.clone();
                        path.push(Seg::Key(name));
                        (Some(path), Some(key_at))
                    }
                    _ => (None, None),
                }
            }
            Kind::Sequence { next, block } => {
                let index = *next;
                *next += 1;
                let dash = if *block {
                    dash_before(chars, span.start)
                } else {
                    None
                };
                let path = frame.path.as_ref().map(|parent| {
                    let mut path = parent.clone();
                    path.push(Seg::Index(index));
                    path
                });
                (path, dash)
            }
        },
    };
    if let Some(path) = &path {
        index.places.entry(path.clone()).or_insert(Place {
            key,
            value: at,
            style,
        });
    }
    if let Some(kind) = collection {
        stack.push(Frame { path, kind });
    }
}

/// 1-based line and column of a parser marker (whose column is 0-based).
fn pos(marker: Marker) -> Pos {
    (marker.line(), marker.col() + 1)
}

/// The `-` that introduces a block sequence item whose value starts at `marker`: the first
/// character before it that is not a space or a line break, when that is a `-` (an item
/// whose value follows a comment on the dash's line is placed at its value).
fn dash_before(chars: &[char], marker: Marker) -> Option<Pos> {
    let mut index = marker.index();
    let mut line = marker.line();
    let mut col = marker.col();
    while index > 0 {
        index -= 1;
        let c = *chars.get(index)?;
        if c == '\n' {
            // Columns on the line above are not known without counting; recount them.
            line = line.saturating_sub(1);
            let start = chars[..index]
                .iter()
                .rposition(|&c| c == '\n')
                .map_or(0, |i| i + 1);
            col = index - start;
            continue;
        }
        col = col.saturating_sub(1);
        match c {
            ' ' | '\t' | '\r' => continue,
            '-' => return Some((line, col + 1)),
            _ => return None,
        }
    }
    None
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

    fn key(k: &str) -> Seg {
        Seg::key(k)
    }

    fn value(locator: &Locator, path: &[Seg]) -> Option<(usize, usize)> {
        locator.exact(path).map(|place| place.value)
    }

    fn at(path: &[Seg]) -> Option<(usize, usize)> {
        Locator::new(TEXT).find(path)
    }

    #[test]
    fn finds_keys_items_and_inline_keys() {
        assert_eq!(
            at(&[key("versions"), key("v1"), key("base_url")]),
            Some((3, 5))
        );
        assert_eq!(
            at(&[key("endpoints"), Seg::Index(1), key("path")]),
            Some((17, 5))
        );
        assert_eq!(
            at(&[
                key("endpoints"),
                Seg::Index(0),
                key("params"),
                Seg::Index(1),
                key("type")
            ]),
            Some((15, 9))
        );
        assert_eq!(
            at(&[
                key("models"),
                key("User"),
                key("fields"),
                key("id"),
                key("required")
            ]),
            Some((7, 26))
        );
        assert_eq!(
            at(&[key("endpoints"), Seg::Index(0), key("name")]),
            Some((10, 5))
        );
        // A block item is placed at its `-`, its value where the value starts.
        let item = [
            key("endpoints"),
            Seg::Index(0),
            key("params"),
            Seg::Index(1),
        ];
        assert_eq!(at(&item), Some((14, 7)));
        assert_eq!(
            Locator::new(TEXT).exact(&item).map(|p| p.value),
            Some((14, 9))
        );
    }

    #[test]
    fn finds_items_of_one_line_lists() {
        let text = "endpoints:\n  - name: a\n    methods: [GET, PUST]\n    formats: [ json , 'x,y', [a, b], jsno ]\n";
        let at = |path: &[Seg]| Locator::new(text).find(path);
        let item = |k: &str, i: usize| vec![key("endpoints"), Seg::Index(0), key(k), Seg::Index(i)];
        assert_eq!(at(&item("methods", 0)), Some((3, 15)));
        assert_eq!(at(&item("methods", 1)), Some((3, 20)));
        assert_eq!(at(&item("formats", 0)), Some((4, 16)));
        assert_eq!(at(&item("formats", 1)), Some((4, 23)));
        assert_eq!(at(&item("formats", 2)), Some((4, 30)));
        assert_eq!(at(&item("formats", 3)), Some((4, 38)));
        // Inside a nested list.
        let mut nested = item("formats", 2);
        nested.push(Seg::Index(1));
        assert_eq!(at(&nested), Some((4, 34)));
        // Past the end: the list itself.
        assert_eq!(at(&item("methods", 2)), Some((3, 5)));
    }

    #[test]
    fn falls_back_to_the_nearest_ancestor() {
        assert_eq!(
            at(&[key("endpoints"), Seg::Index(1), key("nope")]),
            Some((16, 3))
        );
        assert_eq!(
            at(&[key("endpoints"), Seg::Index(1), key("nope"), key("deeper")]),
            Some((16, 3))
        );
        assert_eq!(at(&[key("nothing")]), None);
        assert_eq!(at(&[]), None);
        assert_eq!(Locator::new(TEXT).exact(&[key("nothing")]), None);
    }

    #[test]
    fn flow_mappings_keys_and_values() {
        let text = "params:\n  id: { type: int64, min: 1 }\n  ids: {type: \"list<int64>\",\n        max_items: 50}\n";
        let locator = Locator::new(text);
        let p = |k: &str, inner: &str| [key("params"), key(k), key(inner)];
        assert_eq!(locator.find(&p("id", "type")), Some((2, 9)));
        assert_eq!(value(&locator, &p("id", "type")), Some((2, 15)));
        assert_eq!(locator.find(&p("id", "min")), Some((2, 22)));
        assert_eq!(value(&locator, &p("id", "min")), Some((2, 27)));
        assert_eq!(locator.find(&p("ids", "type")), Some((3, 9)));
        assert_eq!(value(&locator, &p("ids", "type")), Some((3, 15)));
        // A flow mapping that goes on on the next line.
        assert_eq!(locator.find(&p("ids", "max_items")), Some((4, 9)));
        // The mapping itself: the key, and the `{`.
        assert_eq!(locator.find(&[key("params"), key("id")]), Some((2, 3)));
        assert_eq!(value(&locator, &[key("params"), key("id")]), Some((2, 7)));
    }

    #[test]
    fn keys_in_sequences_of_mappings_and_the_same_key_at_several_depths() {
        let text = "\
name: top
endpoints:
  - name: first
    params:
    - name: id
      type: { name: int64 }
    -   name: count
        type: int32
  -
    name: second
  - {name: third, params: [{name: x}]}
";
        let locator = Locator::new(text);
        let ep = |i: usize| vec![key("endpoints"), Seg::Index(i)];
        let with = |mut path: Vec<Seg>, more: &[Seg]| {
            path.extend_from_slice(more);
            path
        };
        assert_eq!(locator.find(&[key("name")]), Some((1, 1)));
        assert_eq!(locator.find(&with(ep(0), &[key("name")])), Some((3, 5)));
        let param = |i: usize| with(ep(0), &[key("params"), Seg::Index(i)]);
        assert_eq!(locator.find(&param(0)), Some((5, 5)));
        assert_eq!(locator.find(&with(param(0), &[key("name")])), Some((5, 7)));
        assert_eq!(
            locator.find(&with(param(0), &[key("type"), key("name")])),
            Some((6, 15))
        );
        // Several spaces after the dash.
        assert_eq!(locator.find(&param(1)), Some((7, 5)));
        assert_eq!(locator.find(&with(param(1), &[key("name")])), Some((7, 9)));
        assert_eq!(locator.find(&with(param(1), &[key("type")])), Some((8, 9)));
        // A dash alone on its line, its mapping below.
        assert_eq!(locator.find(&ep(1)), Some((9, 3)));
        assert_eq!(value(&locator, &ep(1)), Some((10, 5)));
        assert_eq!(locator.find(&with(ep(1), &[key("name")])), Some((10, 5)));
        // A flow mapping as an item, with a flow sequence of flow mappings in it.
        assert_eq!(locator.find(&ep(2)), Some((11, 3)));
        assert_eq!(value(&locator, &ep(2)), Some((11, 5)));
        assert_eq!(locator.find(&with(ep(2), &[key("name")])), Some((11, 6)));
        assert_eq!(
            locator.find(&with(ep(2), &[key("params"), Seg::Index(0), key("name")])),
            Some((11, 29))
        );
    }

    #[test]
    fn quoted_keys_comments_and_multi_line_strings() {
        let text = "\
# a comment: with a colon
\"versions\":   # another
  'v1':
    base_url: \"http://x\"  # trailing: comment
doc: |
  line one
  key: not a key
enums:
  Kind:
    description: >-
      folded text
      over lines
    \"values\": [\"a: b\", 'c, d']
    \"with \\\"escapes\\\"\": x
    after: y
";
        let locator = Locator::new(text);
        assert_eq!(locator.find(&[key("versions")]), Some((2, 1)));
        assert_eq!(locator.find(&[key("versions"), key("v1")]), Some((3, 3)));
        let base = [key("versions"), key("v1"), key("base_url")];
        assert_eq!(locator.find(&base), Some((4, 5)));
        assert_eq!(value(&locator, &base), Some((4, 15)));
        // A block scalar's value is its first line of text; what it holds is not looked into.
        assert_eq!(value(&locator, &[key("doc")]), Some((6, 3)));
        assert_eq!(locator.find(&[key("doc"), key("key")]), Some((5, 1)));
        let kind = |k: &str| vec![key("enums"), key("Kind"), key(k)];
        assert_eq!(value(&locator, &kind("description")), Some((11, 7)));
        assert_eq!(locator.find(&kind("values")), Some((13, 5)));
        let mut second = kind("values");
        second.push(Seg::Index(1));
        assert_eq!(locator.find(&second), Some((13, 24)));
        assert_eq!(locator.find(&kind("with \"escapes\"")), Some((14, 5)));
        assert_eq!(locator.find(&kind("after")), Some((15, 5)));
    }

    #[test]
    fn block_scalars_start_on_the_line_below_their_indicator() {
        let text = "a: |\n\n    {\"x\": 1}\nb: >-\n  folded\nc: 'q'\nd: plain\ne:\n";
        let locator = Locator::new(text);
        let place = |k: &str| locator.exact(&[key(k)]).map(|p| (p.value, p.style));
        assert_eq!(place("a"), Some(((2, 5), Style::Literal)));
        assert_eq!(place("b"), Some(((5, 3), Style::Folded)));
        assert_eq!(place("c"), Some(((6, 4), Style::Quoted)));
        assert_eq!(place("d"), Some(((7, 4), Style::Plain)));
        assert_eq!(place("e"), Some(((8, 2), Style::Empty)));
    }

    #[test]
    fn values_of_scalars_keys_of_the_rest() {
        let text = "a: plain
b: 'quoted'
c:
d:
  - x
  - { t: u }
e: { f: g }
";
        let locator = Locator::new(text);
        let at = |path: &[Seg]| locator.find_value(path);
        assert_eq!(at(&[key("a")]), Some((1, 4)));
        assert_eq!(at(&[key("b")]), Some((2, 4)));
        // Nothing is written: the key.
        assert_eq!(at(&[key("c")]), Some((3, 1)));
        // A collection: its key; an item: the item itself.
        assert_eq!(at(&[key("d")]), Some((4, 1)));
        assert_eq!(at(&[key("d"), Seg::Index(0)]), Some((5, 5)));
        assert_eq!(at(&[key("d"), Seg::Index(1), key("t")]), Some((6, 10)));
        assert_eq!(at(&[key("e"), key("f")]), Some((7, 9)));
        // Not in the text: the nearest ancestor, as `find` answers.
        assert_eq!(at(&[key("e"), key("h")]), Some((7, 1)));
    }

    #[test]
    fn columns_count_characters() {
        let text = "描述: { 名字: 值, x: y }\n";
        let locator = Locator::new(text);
        assert_eq!(locator.find(&[key("描述"), key("x")]), Some((1, 14)));
    }

    #[test]
    fn text_the_event_parser_rejects_keeps_what_came_before() {
        // Broken past `b`: `a` is still found, the rest falls back to nothing.
        let text = "a:\n  b: 1\nc: [\n";
        let locator = Locator::new(text);
        assert_eq!(locator.find(&[key("a"), key("b")]), Some((2, 3)));
        assert_eq!(locator.find(&[key("c"), Seg::Index(0)]), Some((3, 1)));
        for text in [
            "",
            "\t",
            "- [",
            "{",
            "a: *x",
            "? [a]\n: b\n",
            "---\na: 1\n---\nb: 2\n",
            "\u{feff}a: 1",
        ] {
            let locator = Locator::new(text);
            let _ = locator.find(&[key("a"), Seg::Index(0), key("b")]);
        }
    }

    #[test]
    fn renders_paths() {
        assert_eq!(
            render_path(&[key("endpoints"), Seg::Index(2), key("params")]),
            "endpoints[2].params"
        );
    }
}
