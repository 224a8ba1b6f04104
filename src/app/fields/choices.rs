//! A group of options to tick: one (a radio group) or any number (check boxes).

/// One option of a [`Choices`] group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    /// Drawn dimmed after the label.
    pub detail: Option<String>,
    pub on: bool,
}

/// Options of which one (`multi` false) or any number are ticked; `at` is the option under
/// the cursor while the group has it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Choices {
    pub multi: bool,
    pub options: Vec<Choice>,
    pub at: usize,
}

impl Choices {
    /// Space on option `i`: flips it in a multi-select group, picks it in a single one.
    /// Returns whether anything changed.
    pub fn toggle(&mut self, i: usize) -> bool {
        if self.multi {
            match self.options.get_mut(i) {
                Some(o) => {
                    o.on = !o.on;
                    true
                }
                None => false,
            }
        } else {
            self.pick(i)
        }
    }

    /// Ticks option `i`, and in a single-select group unticks the others.
    pub fn pick(&mut self, i: usize) -> bool {
        if i >= self.options.len() {
            return false;
        }
        let mut changed = false;
        for (j, o) in self.options.iter_mut().enumerate() {
            let want = if self.multi { o.on || j == i } else { j == i };
            changed |= o.on != want;
            o.on = want;
        }
        changed
    }

    /// The ids ticked, in order.
    pub fn chosen(&self) -> Vec<String> {
        self.options
            .iter()
            .filter(|o| o.on)
            .map(|o| o.id.clone())
            .collect()
    }
}
