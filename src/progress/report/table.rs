//! Aligned text tables that fit a terminal width (80 columns by default):
//! columns that may shrink are cut with `…`, numbers are right-aligned.

use unicode_width::UnicodeWidthStr;

use super::safe::{fit, visible};

/// Width every report table fits in.
pub const WIDTH: usize = 80;

/// One column.
#[derive(Debug, Clone)]
pub struct Col {
    pub header: String,
    /// Right-align (numbers).
    pub right: bool,
    /// Narrowest the column may get when the table is too wide (0: never shrink).
    pub min: usize,
}

impl Col {
    /// A text column that may shrink down to `min`.
    pub fn text(header: String, min: usize) -> Self {
        Col {
            header,
            right: false,
            min,
        }
    }

    /// A number column (right-aligned, never shrinks below its header... or 5).
    pub fn num(header: String) -> Self {
        Col {
            header,
            right: true,
            min: 5,
        }
    }
}

/// A table line: cells, or a heading line across the table.
#[derive(Debug, Clone)]
pub enum Line {
    Cells(Vec<String>),
    Heading(String),
}

/// Lay the table out within `width` columns.
pub fn render(cols: &[Col], lines: &[Line], width: usize) -> String {
    let n = cols.len();
    let mut widths: Vec<usize> = cols.iter().map(|c| c.header.width()).collect();
    for l in lines {
        if let Line::Cells(cells) = l {
            for (w, c) in widths.iter_mut().zip(cells) {
                *w = (*w).max(visible(c).width());
            }
        }
    }
    let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * n.saturating_sub(1);
    // Shrink the widest column that may still shrink, one column at a time.
    while total(&widths) > width {
        let pick = (0..n)
            .filter(|&i| widths[i] > cols[i].min.max(1))
            .max_by_key(|&i| widths[i]);
        match pick {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    let mut out = String::new();
    let row = |cells: &[String], out: &mut String| {
        let mut line = String::new();
        for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            let c = fit(c, *w);
            let pad = " ".repeat(w.saturating_sub(c.width()));
            if cols[i].right {
                line.push_str(&pad);
                line.push_str(&c);
            } else {
                line.push_str(&c);
                line.push_str(&pad);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    };
    let headers: Vec<String> = cols.iter().map(|c| c.header.clone()).collect();
    row(&headers, &mut out);
    for l in lines {
        match l {
            Line::Cells(cells) => row(cells, &mut out),
            Line::Heading(h) => {
                out.push_str(&fit(h, width));
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wide_table_fits() {
        let cols = [
            Col::text("name".into(), 6),
            Col::num("n".into()),
            Col::text("text".into(), 10),
        ];
        let lines = vec![
            Line::Heading("a heading that is much longer than the table allows, really much longer than eighty".into()),
            Line::Cells(vec!["x".repeat(50), "12".into(), "y".repeat(60)]),
            Line::Cells(vec!["李小龍".into(), "3".into(), "z".into()]),
        ];
        let t = render(&cols, &lines, 80);
        for l in t.lines() {
            assert!(l.width() <= 80, "{l:?} is {} wide", l.width());
        }
        assert!(t.contains('…'));
        let at = |needle: &str| {
            let l = t.lines().find(|l| l.contains(needle)).unwrap();
            l[..l.find(needle).unwrap()].width()
        };
        assert_eq!(at(" 3"), at("12"), "{t}");
    }
}
