//! The jump list (vim's): each cable opened from the links pane or by `:` go to leaves the
//! place it left behind; Ctrl-o goes back to it, Ctrl-n forward again.

use super::mode::Focus;

/// Where the reader was: the cable and how it was being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    /// The row of the corpus list, or the entry, of the open cable.
    pub row: usize,
    /// Index in `Doc::paras` of the selected paragraph.
    pub paragraph: Option<usize>,
    pub text_scroll: usize,
    pub whole: bool,
    pub focus: Focus,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Jumps {
    /// Places left, the latest last (Ctrl-o goes to it).
    pub back: Vec<Place>,
    /// Places Ctrl-o came back from, the nearest last (Ctrl-n goes to it).
    pub forward: Vec<Place>,
    /// A place being gone to whose cable the loop is still reading: it is restored when
    /// that cable arrives.
    pub pending: Option<Place>,
}

/// The most places kept each way (vim keeps 100).
pub const MAX_JUMPS: usize = 100;

impl Jumps {
    /// A jump from `from`: it goes back on the list, and the way forward is forgotten.
    pub fn leave(&mut self, from: Place) {
        push(&mut self.back, from);
        self.forward.clear();
    }

    /// Ctrl-o from `here`: the place to go to, with `here` kept for Ctrl-n.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let to = self.back.pop()?;
        push(&mut self.forward, here);
        Some(to)
    }

    /// Ctrl-n from `here`: the place to go to, with `here` kept for Ctrl-o.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let to = self.forward.pop()?;
        push(&mut self.back, here);
        Some(to)
    }
}

fn push(places: &mut Vec<Place>, place: Place) {
    if places.len() >= MAX_JUMPS {
        places.remove(0);
    }
    places.push(place);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(row: usize) -> Place {
        Place {
            row,
            paragraph: Some(row),
            text_scroll: 0,
            whole: false,
            focus: Focus::Paragraphs,
        }
    }

    #[test]
    fn back_and_forward_walk_the_places_as_vim_does() {
        let mut jumps = Jumps::default();
        jumps.leave(at(1));
        jumps.leave(at(2));
        // Now on 3.
        assert_eq!(jumps.back(at(3)), Some(at(2)));
        assert_eq!(jumps.back(at(2)), Some(at(1)));
        assert_eq!(jumps.back(at(1)), None);
        assert_eq!(jumps.forward(at(1)), Some(at(2)));
        assert_eq!(jumps.forward(at(2)), Some(at(3)));
        assert_eq!(jumps.forward(at(3)), None);
        // A new jump from 2 forgets the way forward.
        assert_eq!(jumps.back(at(3)), Some(at(2)));
        jumps.leave(at(2));
        assert!(jumps.forward.is_empty());
        assert_eq!(jumps.back.last(), Some(&at(2)));
    }

    #[test]
    fn only_the_latest_places_are_kept() {
        let mut jumps = Jumps::default();
        for row in 0..MAX_JUMPS + 5 {
            jumps.leave(at(row));
        }
        assert_eq!(jumps.back.len(), MAX_JUMPS);
        assert_eq!(jumps.back.first(), Some(&at(5)));
    }
}
