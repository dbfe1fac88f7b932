//! `locales status`: a table of each locale's share translated.

use super::*;

/// A course directory that serves one extra file (an empty translation, to
/// count the source's text fields with the engine's comparison).
struct WithFile<'a> {
    base: &'a CourseSource,
    path: String,
}

impl CourseFiles for WithFile<'_> {
    fn list(&self) -> Result<Vec<String>, SourceError> {
        let mut v = self.base.files()?;
        v.push(self.path.clone());
        Ok(v)
    }
    fn read_file(&self, rel: &str) -> Result<Option<Cow<'_, [u8]>>, SourceError> {
        if rel == self.path {
            return Ok(Some(Cow::Borrowed(b"")));
        }
        Ok(self.base.read(rel)?.map(Cow::Owned))
    }
    fn root_name(&self) -> String {
        self.base.display_root()
    }
}

/// How many text fields of a source file count for translation (those
/// identical by nature left out).
pub(super) fn count_fields(info: &Info, name: &str) -> usize {
    // A folder name that is no locale of any course.
    let path = format!("0/{name}");
    let w = WithFile {
        base: &info.src,
        path: path.clone(),
    };
    real_gaps(&w, &path).len()
}

/// Percent, rounded down so that anything short of complete is below 100.
fn percent(done: usize, total: usize) -> String {
    if total == 0 {
        return "100%".to_string();
    }
    format!("{}%", done * 100 / total)
}

struct Row {
    locale: String,
    lessons: String,
    interface: String,
    missing: String,
}

pub(super) fn status(dir: Option<PathBuf>) -> i32 {
    let given_dir = dir.is_some();
    let src = match dir {
        Some(d) => CourseSource::Dir(d),
        None => CourseSource::Embedded,
    };
    if let Err(e) = src.check() {
        say(&could_not_run(&e));
        return 2;
    }
    let info = match Info::read(src) {
        Ok(i) => i,
        Err(msg) => {
            say(&msg);
            return 2;
        }
    };
    let ftl_set = FtlSet::new(&info, given_dir);
    let (_, en_text) = ftl_set.source();
    let en = ftl::Ftl::parse(&en_text);

    let mut others: BTreeSet<String> = info.folders.iter().cloned().collect();
    others.extend(ftl_set.dir.keys().cloned());
    if !given_dir {
        others.extend(FtlSet::embedded_tags());
    }
    others.remove(&info.source);
    // The source first, then the others by tag.
    let tags: Vec<String> = std::iter::once(info.source.clone()).chain(others).collect();
    // Text fields per source file.
    let names = info.text_files();
    let counts: Vec<(String, usize)> = names
        .iter()
        .filter(|n| info.has(&format!("{}/{n}", info.source)))
        .map(|n| (n.clone(), count_fields(&info, n)))
        .collect();
    let total: usize = counts.iter().map(|(_, c)| c).sum();

    let mut rows = Vec::new();
    for tag in &tags {
        let kind = info.kind(tag);
        let has_folder = info.folders.contains(tag);
        let chain = info.chain(tag);
        let (lessons, missing) = match kind {
            Kind::Source => ("source".to_string(), "-".to_string()),
            Kind::SameLanguage => (format!("same as {}", info.source), "-".to_string()),
            _ if !has_folder && !chain.iter().any(|c| info.folders.contains(c)) => {
                ("0%".to_string(), "no folder".to_string())
            }
            _ => {
                let mut done = 0;
                let mut missing = Vec::new();
                let mut need: Vec<String> = counts.iter().map(|(n, _)| n.clone()).collect();
                need.insert(need.len().min(1), "resources.toml".to_string());
                for name in &need {
                    let found = chain
                        .iter()
                        .map(|c| format!("{c}/{name}"))
                        .find(|p| info.has(p));
                    let fields = counts.iter().find(|(n, _)| n == name).map(|(_, c)| *c);
                    match (found, fields) {
                        (None, _) => missing.push(name.clone()),
                        (Some(_), None) => {}
                        (Some(p), Some(n)) => {
                            let gaps = real_gaps(&info.src, &p).len();
                            done += n.saturating_sub(gaps);
                        }
                    }
                }
                let missing = match missing.len() {
                    0 => "-".to_string(),
                    1..=3 => missing.join(", "),
                    n => format!("{}, and {} more", missing[..2].join(", "), n - 2),
                };
                (percent(done, total), missing)
            }
        };
        let interface = if language(tag).eq_ignore_ascii_case(i18n::FALLBACK) {
            "source".to_string()
        } else {
            let chain = ftl_set.chain(tag);
            let (d, t) = ftl::coverage(&chain, &en);
            percent(d, t)
        };
        rows.push(Row {
            locale: tag.clone(),
            lessons,
            interface,
            missing,
        });
    }
    write_stdout(&table(&rows, &info));
    0
}

fn table(rows: &[Row], info: &Info) -> String {
    use unicode_width::UnicodeWidthStr;
    let head = ["locale", "lessons", "interface", "missing files"];
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|r| {
            [&r.locale, &r.lessons, &r.interface, &r.missing]
                .map(|c| text::sanitize_line(&text::escape_controls(c)))
        })
        .collect();
    let mut width = head.map(|h| h.width());
    for c in &cells {
        for (i, x) in c.iter().enumerate() {
            width[i] = width[i].max(x.width());
        }
    }
    let line = |c: [&str; 4]| {
        let mut s = String::new();
        for (i, x) in c.iter().enumerate() {
            s.push_str(x);
            if i < 3 {
                s.push_str(&" ".repeat(width[i] - x.width() + 2));
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = format!(
        "Translations of {}:\n\n",
        text::escape_controls(&info.src.display_root())
    );
    out.push_str(&line(head));
    for c in &cells {
        out.push_str(&line([&c[0], &c[1], &c[2], &c[3]]));
    }
    out.push_str(&format!(
        "\nlessons: share of the text of {src}/ (course.toml and every module) translated; a region such as fr-CA counts what it inherits from fr.\n\
         interface: share of the messages of locales/en/notalone.ftl translated.\n\
         `notalone locales check` lists what is missing or broken, line by line.\n",
        src = text::escape_controls(&info.source)
    ));
    out
}
