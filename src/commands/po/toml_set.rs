//! Setting one text field of a translation file by its place
//! (`step.4.option.3.feedback`), with `toml_edit`: comments, layout and
//! every other value stay as they were.

use toml_edit::{DocumentMut, Item, TableLike, Value};

/// A translation file being edited.
pub struct Doc {
    doc: DocumentMut,
    crlf: bool,
}

impl Doc {
    pub fn parse(text: &str) -> Result<Doc, String> {
        let crlf = text.contains("\r\n");
        let doc = text
            .parse::<DocumentMut>()
            .map_err(|e| e.message().to_string())?;
        Ok(Doc { doc, crlf })
    }

    /// Set the text at `index_path` (tables of steps, messages... by their
    /// number from 1). Returns whether the file changed.
    pub fn set(&mut self, index_path: &str, text: &str) -> Result<bool, String> {
        let parts: Vec<&str> = index_path.split('.').collect();
        set_in(self.doc.as_table_mut(), &parts, text)
    }
}

impl std::fmt::Display for Doc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = self.doc.to_string();
        if self.crlf {
            f.write_str(&s.replace("\r\n", "\n").replace('\n', "\r\n"))
        } else {
            f.write_str(&s)
        }
    }
}

/// A TOML string for `text`: `"""` when it has several lines, so the file
/// stays readable in a text editor.
fn string_value(text: &str) -> Value {
    if !text.contains('\n') {
        return Value::from(text);
    }
    let mut raw = String::from("\"\"\"\n");
    for c in text.chars() {
        match c {
            '\\' => raw.push_str("\\\\"),
            '"' => raw.push_str("\\\""),
            '\t' => raw.push('\t'),
            '\n' => raw.push('\n'),
            c if c.is_control() => raw.push_str(&format!("\\u{:04X}", c as u32)),
            c => raw.push(c),
        }
    }
    raw.push_str("\"\"\"");
    raw.parse::<Value>().unwrap_or_else(|_| Value::from(text))
}

fn set_in(table: &mut dyn TableLike, parts: &[&str], text: &str) -> Result<bool, String> {
    match parts {
        [] => Err("an empty place".to_string()),
        [key] => {
            let mut new = string_value(text);
            match table.get_mut(key) {
                Some(item) => {
                    if item.as_str() == Some(text) {
                        return Ok(false);
                    }
                    if let Some(old) = item.as_value() {
                        *new.decor_mut() = old.decor().clone();
                    }
                    *item = Item::Value(new);
                }
                None => {
                    table.insert(key, Item::Value(new));
                }
            }
            Ok(true)
        }
        [key, index, rest @ ..] if index.parse::<usize>().is_ok() => {
            let n = index.parse::<usize>().unwrap_or(0);
            let missing = || format!("it has no `{key}` number {n}, as the source does");
            let item = table.get_mut(key).ok_or_else(missing)?;
            if let Some(aot) = item.as_array_of_tables_mut() {
                let t = aot.get_mut(n.wrapping_sub(1)).ok_or_else(missing)?;
                return set_in(t, rest, text);
            }
            if let Some(arr) = item.as_array_mut() {
                let t = arr
                    .get_mut(n.wrapping_sub(1))
                    .and_then(Value::as_inline_table_mut)
                    .ok_or_else(missing)?;
                return set_in(t, rest, text);
            }
            Err(missing())
        }
        [key, rest @ ..] => {
            if table.get(key).is_none() {
                let mut t = toml_edit::Table::new();
                t.set_implicit(false);
                table.insert(key, Item::Table(t));
            }
            let t = table
                .get_mut(key)
                .and_then(Item::as_table_like_mut)
                .ok_or_else(|| format!("`{key}` is not a table there"))?;
            set_in(t, rest, text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_fields_and_keeps_the_rest() {
        let text = "# A comment\nid = \"m\"\ntitle = \"Old\"  # kept\n\n[[step]]\nid = \"a\"\ntext = \"\"\"\nOne\n\"\"\"\n\n[[step.option]]\ntext = \"x\"\n\n[[step.option]]\ntext = \"y\"\n";
        let mut d = Doc::parse(text).expect("toml");
        assert!(d.set("title", "Neu").expect("set"));
        assert!(d.set("step.1.text", "Eins\n\nZwei \"drei\"").expect("set"));
        assert!(d.set("step.1.option.2.text", "Ypsilon").expect("set"));
        assert!(d.set("step.1.option.1.feedback", "Neu da").expect("insert"));
        assert!(!d.set("id", "m").expect("same"));
        assert!(d.set("step.1.option.3.text", "z").is_err());
        let out = d.to_string();
        assert!(
            out.starts_with("# A comment\nid = \"m\"\ntitle = \"Neu\"  # kept\n"),
            "{out}"
        );
        assert!(
            out.contains("text = \"\"\"\nEins\n\nZwei \\\"drei\\\"\"\"\""),
            "{out}"
        );
        let back: toml::Table = out.parse().expect("valid TOML");
        let step = &back["step"][0];
        assert_eq!(step["text"].as_str(), Some("Eins\n\nZwei \"drei\""));
        assert_eq!(step["option"][1]["text"].as_str(), Some("Ypsilon"));
        assert_eq!(step["option"][0]["feedback"].as_str(), Some("Neu da"));
    }

    #[test]
    fn objectives_and_crlf() {
        let mut d =
            Doc::parse("title = \"T\"\r\n\r\n[objectives]\r\na-b = \"x\"\r\n").expect("toml");
        d.set("objectives.a-b", "y").expect("set");
        d.set("objectives.c", "z").expect("insert");
        let out = d.to_string();
        assert!(out.contains("a-b = \"y\"\r\n"), "{out:?}");
        assert!(!out.replace("\r\n", "").contains('\n'), "{out:?}");
    }
}
