//! A PDF's structure checked before pdf-extract walks it. pdf-extract follows `/Parent`
//! links to inherit a page's resources, and draws form XObjects by recursion: a loop in
//! either hangs it or overflows the stack (which no `catch_unwind` can catch), and forms
//! nested wide and deep would take years to draw. Such a PDF is refused here as damaged,
//! after one pass over its page tree and forms (each form's content read once).

use std::collections::{HashMap, HashSet};

use pdf_extract::content::Content;
use pdf_extract::{Dictionary, Document, Object, ObjectId};

/// Forms drawn in the whole document, counting repeats, beyond which it is refused.
const MAX_DRAWS: u64 = 100_000;
/// Forms inside forms, beyond which it is refused.
const MAX_DEPTH: usize = 32;
/// Steps up the page tree, beyond which it is taken for a loop.
const MAX_PARENTS: usize = 1_000;

/// Why the structure cannot be walked, or nothing.
pub(super) fn check(document: &Document) -> Result<(), String> {
    let mut walk = Walk {
        document,
        drawing: Vec::new(),
        counted: HashMap::new(),
        total: 0,
    };
    for page in document.get_pages().into_values() {
        let dictionary = document
            .get_dictionary(page)
            .map_err(|_| "a page is not a dictionary".to_owned())?;
        let resources = inherited_resources(document, dictionary)?;
        let content = document.get_page_content(page).unwrap_or_default();
        walk.draws(&content, resources)?;
    }
    Ok(())
}

/// The page's resources, its own or its ancestors' (as pdf-extract looks them up), with
/// the walk up the tree bounded: a `/Parent` loop is an error.
fn inherited_resources<'a>(
    document: &'a Document,
    mut dictionary: &'a Dictionary,
) -> Result<Option<&'a Dictionary>, String> {
    let mut seen = HashSet::new();
    for _ in 0..MAX_PARENTS {
        if let Some(resources) = dictionary_at(document, dictionary, b"Resources") {
            return Ok(Some(resources));
        }
        let Ok(parent) = dictionary.get(b"Parent").and_then(Object::as_reference) else {
            return Ok(None);
        };
        if !seen.insert(parent) {
            return Err("the page tree loops (a page is its own ancestor)".to_owned());
        }
        match document.get_dictionary(parent) {
            Ok(next) => dictionary = next,
            Err(_) => return Ok(None),
        }
    }
    Err("the page tree is deeper than 1000 levels".to_owned())
}

/// The dictionary under `key`, written in place or by reference.
fn dictionary_at<'a>(
    document: &'a Document,
    dictionary: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Dictionary> {
    match dictionary.get(key).ok()? {
        Object::Dictionary(inner) => Some(inner),
        Object::Reference(id) => document.get_dictionary(*id).ok(),
        _ => None,
    }
}

struct Walk<'a> {
    document: &'a Document,
    /// The forms being drawn, outermost first.
    drawing: Vec<ObjectId>,
    /// Forms drawn (with their own forms) by each form with the resources it was drawn
    /// with (by address: resources written in place have no id), so each is read once.
    counted: HashMap<(ObjectId, usize), u64>,
    total: u64,
}

impl<'a> Walk<'a> {
    /// How many forms a content stream draws, counting those its forms draw.
    fn draws(&mut self, content: &[u8], resources: Option<&'a Dictionary>) -> Result<u64, String> {
        let forms = resources.and_then(|r| dictionary_at(self.document, r, b"XObject"));
        // Decoding a content stream costs as much as drawing it: only when it can draw a
        // form (resources name XObjects, and the stream holds a `Do`).
        if forms.is_none_or(|forms| forms.is_empty())
            || memchr::memmem::find(content, b"Do").is_none()
        {
            return Ok(0);
        }
        let Ok(content) = Content::decode(content) else {
            // pdf-extract cannot read it either, and so draws nothing from it.
            return Ok(0);
        };
        let mut count: u64 = 0;
        for operation in &content.operations {
            if operation.operator != "Do" {
                continue;
            }
            let Some(id) = operation
                .operands
                .first()
                .and_then(|name| name.as_name().ok())
                .and_then(|name| forms?.get(name).ok())
                .and_then(|object| object.as_reference().ok())
            else {
                continue;
            };
            count = count.saturating_add(self.draw(id, resources)?);
        }
        Ok(count)
    }

    /// Forms drawn by drawing XObject `id` (1 and its own, or 0 for an image).
    fn draw(&mut self, id: ObjectId, caller: Option<&'a Dictionary>) -> Result<u64, String> {
        let Ok(stream) = self.document.get_object(id).and_then(Object::as_stream) else {
            return Ok(0);
        };
        let is_form = stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|subtype| subtype == b"Form");
        if !is_form {
            return Ok(0);
        }
        if self.drawing.contains(&id) {
            return Err("a drawing (form XObject) draws itself".to_owned());
        }
        if self.drawing.len() >= MAX_DEPTH {
            return Err(format!("drawings nested deeper than {MAX_DEPTH}"));
        }
        // A form without resources of its own uses its caller's, as pdf-extract does.
        let resources = dictionary_at(self.document, &stream.dict, b"Resources").or(caller);
        let key = (id, resources.map_or(0, |r| r as *const Dictionary as usize));
        let count = match self.counted.get(&key) {
            Some(count) => *count,
            None => {
                let content = stream
                    .decompressed_content()
                    .unwrap_or_else(|_| stream.content.clone());
                self.drawing.push(id);
                let inner = self.draws(&content, resources);
                self.drawing.pop();
                let count = inner?.saturating_add(1);
                self.counted.insert(key, count);
                count
            }
        };
        self.total = self.total.saturating_add(count);
        if self.total > MAX_DRAWS {
            return Err(format!(
                "more than {MAX_DRAWS} drawings (form XObjects) to draw"
            ));
        }
        Ok(count)
    }
}
