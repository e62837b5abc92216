//! Links between documents: Markdown links and images, `related` pages and
//! debrief references to bank questions are resolved, checked (missing page,
//! missing anchor, missing file) and turned into relative hrefs.
//!
//! Paths resolve as editors resolve them: from the linking file's folder, or
//! from `content/` when they start with `/`. `related` paths also accept a
//! path from `content/` without the slash.

use std::collections::HashMap;

use rayon::prelude::*;

use super::urls::{Linker, folder_url, parent_dir, resolve_content_path};
use super::{Page, PageId, QuestionRef, Target};
use crate::diagnostics::{Diagnostic, LineIndex, Severity, did_you_mean};
use crate::discover::OtherFile;
use crate::document::{Debrief, Document, FileRole, Kind, LinkKind};

/// What resolving one page's links produced.
pub struct Resolution {
    pub link_targets: Vec<Option<Target>>,
    pub related: Vec<PageId>,
    pub debrief_refs: Vec<Option<super::QuestionRef>>,
}

pub struct Resolver<'a> {
    pub pages: &'a [Page],
    pub by_path: &'a HashMap<String, PageId>,
    /// Content-relative asset path → site path it is written to.
    pub asset_urls: HashMap<&'a str, &'a str>,
    /// Pages this build leaves out (content-relative path → why).
    pub omitted: &'a HashMap<String, String>,
}

/// Why a link target could not be found, with a hint.
struct Miss {
    message: String,
    help: Option<String>,
    /// The target exists but this build leaves it out (a draft, another
    /// edition's page): a warning, and the link text stays without its link.
    left_out: bool,
}

impl Miss {
    fn new(message: String, help: Option<String>) -> Self {
        Miss {
            message,
            help,
            left_out: false,
        }
    }

    fn left_out(message: String) -> Self {
        Miss {
            message,
            help: Some("the link text is kept, without the link".into()),
            left_out: true,
        }
    }
}

impl Resolver<'_> {
    /// Resolves every page's links in parallel; diagnostics come back in page order.
    pub fn resolve_all(&self, diagnostics: &mut Vec<Diagnostic>) -> Vec<Resolution> {
        let results: Vec<(Resolution, Vec<Diagnostic>)> = self
            .pages
            .par_iter()
            .map(|page| self.resolve_page(page))
            .collect();
        results
            .into_iter()
            .map(|(resolution, mut found)| {
                diagnostics.append(&mut found);
                resolution
            })
            .collect()
    }

    pub(super) fn resolve_page(&self, page: &Page) -> (Resolution, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let mut resolution = Resolution {
            link_targets: Vec::new(),
            related: Vec::new(),
            debrief_refs: Vec::new(),
        };
        let Some(document) = &page.document else {
            return (resolution, diagnostics);
        };
        // Made on the first problem: most pages have none.
        let lines = std::cell::OnceCell::new();
        let error = |offset: usize, miss: Miss| {
            let severity = if miss.left_out {
                Severity::Warning
            } else {
                Severity::Error
            };
            let mut diagnostic = Diagnostic::at_indexed(
                severity,
                &document.display,
                (
                    &document.text,
                    lines.get_or_init(|| LineIndex::new(&document.text)),
                ),
                offset,
                miss.message,
            );
            diagnostic.help = miss.help;
            diagnostic
        };
        // A link's caret covers the link itself, up to the end of its first line.
        let link_error = |link: &crate::document::LinkRef, miss: Miss| {
            let diagnostic = error(link.offset, miss);
            let written = document
                .text
                .get(link.offset..link.offset + link.len)
                .unwrap_or("");
            let first_line = written.lines().next().unwrap_or("").chars().count();
            if first_line > 0 {
                diagnostic.with_span_len(first_line)
            } else {
                diagnostic
            }
        };
        for link in &document.links {
            let href = match link.kind {
                LinkKind::SamePage => {
                    let anchor = link.anchor.as_deref().unwrap_or("");
                    match check_anchor(document, anchor, None) {
                        Ok(()) => Some(Target::SamePage(anchor.to_string())),
                        Err(miss) => {
                            diagnostics.push(link_error(link, miss));
                            None
                        }
                    }
                }
                LinkKind::Page => match self.find_page(document, &link.target, false) {
                    Ok(target) => {
                        let target_page = &self.pages[target.0];
                        let anchor_check = match (&link.anchor, &target_page.document) {
                            (Some(anchor), Some(target_doc)) => {
                                check_anchor(target_doc, anchor, Some(&link.target))
                            }
                            (Some(anchor), None) => Err(Miss::new(
                                format!("`{}` has no anchor `#{anchor}`", link.target),
                                None,
                            )),
                            (None, _) => Ok(()),
                        };
                        match anchor_check {
                            Ok(()) => Some(Target::Page {
                                url: target_page.url.clone(),
                                anchor: link.anchor.clone(),
                            }),
                            Err(miss) => {
                                diagnostics.push(link_error(link, miss));
                                None
                            }
                        }
                    }
                    Err(miss) => {
                        diagnostics.push(link_error(link, miss));
                        None
                    }
                },
                LinkKind::Asset => {
                    let resolved = resolve_content_path(parent_dir(&document.rel), &link.target);
                    match resolved.as_deref().and_then(|p| self.asset_urls.get(p)) {
                        Some(url) => Some(Target::File(url.to_string())),
                        None => {
                            diagnostics.push(link_error(
                                link,
                                Miss::new(
                                    format!("file `{}` not found", link.target),
                                    Some(format!(
                                        "the path is read from the folder of this file ({}/)",
                                        document
                                            .display
                                            .parent()
                                            .map_or(String::new(), |p| p.display().to_string())
                                    )),
                                ),
                            ));
                            None
                        }
                    }
                }
            };
            resolution.link_targets.push(href);
        }
        for related in &document.front.related {
            match self.find_page(document, &related.value, true) {
                Ok(target) => resolution.related.push(target),
                Err(miss) => diagnostics.push(error(related.offset, miss)),
            }
        }
        if let Some(scenario) = &document.front.scenario {
            for item in &scenario.debrief {
                let reference = match item {
                    Debrief::Text(_) => None,
                    Debrief::Ref(target) => match self.find_question(document, &target.value) {
                        Ok(found) => Some(found),
                        Err(miss) => {
                            diagnostics.push(error(target.offset, miss));
                            None
                        }
                    },
                };
                resolution.debrief_refs.push(reference);
            }
        }
        (resolution, diagnostics)
    }

    fn find_page(
        &self,
        from: &Document,
        target: &str,
        root_fallback: bool,
    ) -> Result<PageId, Miss> {
        let Some(path) = resolve_content_path(parent_dir(&from.rel), target) else {
            return Err(Miss::new(
                format!("`{target}` points outside content/"),
                Some("links between pages must stay inside content/".into()),
            ));
        };
        if let Some(id) = self.by_path.get(&path) {
            return Ok(*id);
        }
        if root_fallback
            && let Some(id) = resolve_content_path("", target).and_then(|p| self.by_path.get(&p))
        {
            return Ok(*id);
        }
        let fallback = root_fallback
            .then(|| resolve_content_path("", target))
            .flatten();
        if let Some(why) = [Some(&path), fallback.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|p| self.omitted.get(p))
        {
            return Err(Miss::left_out(format!(
                "`{target}` is {why}, so this build leaves it out"
            )));
        }
        let help = did_you_mean(&path, self.by_path.keys().map(String::as_str))
            .map(|close| {
                format!(
                    "did you mean `{}`?",
                    relative_hint(parent_dir(&from.rel), close)
                )
            })
            .unwrap_or_else(|| {
                "paths are read from the folder of this file; start with `/` to read from content/"
                    .into()
            });
        Err(Miss::new(
            format!("link to a page that does not exist: `{target}` (content/{path})"),
            Some(help),
        ))
    }

    fn find_question(&self, from: &Document, reference: &str) -> Result<QuestionRef, Miss> {
        let (path, anchor) = reference.split_once('#').unwrap_or((reference, ""));
        let bank = self.find_page(from, path, false)?;
        let Some(document) = self.pages[bank.0]
            .document
            .as_ref()
            .filter(|d| d.front.kind == Kind::Questions)
        else {
            return Err(Miss::new(
                format!("`{path}` is not a question bank"),
                Some(
                    "a debrief `ref` points at a question: `../questions/grow.md#question-id`"
                        .into(),
                ),
            ));
        };
        let questions = document
            .front
            .bank
            .as_ref()
            .map_or(&[][..], |b| &b.questions);
        if let Some(question) = questions.iter().position(|q| q.id == anchor) {
            return Ok(QuestionRef { bank, question });
        }
        if document.omitted_anchors.iter().any(|id| id == anchor) {
            return Err(Miss::left_out(format!(
                "question `{anchor}` is for another audience, so this edition leaves it out"
            )));
        }
        let message = if anchor.is_empty() {
            format!("`{reference}` does not name a question")
        } else {
            format!("question `{anchor}` not found in `{path}`")
        };
        let help = did_you_mean(anchor, questions.iter().map(|q| q.id.as_str()))
            .map(|close| format!("did you mean `#{close}`?"))
            .unwrap_or_else(|| "add `#question-id` after the bank's path".into());
        Err(Miss::new(message, Some(help)))
    }
}

/// A path from `dir` to the content file `target`, for did-you-mean hints.
fn relative_hint(dir: &str, target: &str) -> String {
    let linker = Linker::default();
    let from = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    linker.file(&from, target)
}

fn check_anchor(document: &Document, anchor: &str, target: Option<&str>) -> Result<(), Miss> {
    if anchor.is_empty() || document.anchors.contains(anchor) {
        return Ok(());
    }
    if document.omitted_anchors.iter().any(|id| id == anchor) {
        return Err(Miss::left_out(format!(
            "question `{anchor}` is for another audience, so this edition leaves it out"
        )));
    }
    let place = target.map_or_else(|| "this page".to_string(), |t| format!("`{t}`"));
    let help = did_you_mean(anchor, document.anchors.iter().map(String::as_str))
        .map(|close| format!("did you mean `#{close}`?"));
    Err(Miss::new(
        format!("{place} has no heading or question with id `{anchor}`"),
        help,
    ))
}

/// Where each asset under content/ is written: beside its bundle page, or in its folder's URL.
pub fn place_assets(pages: &[Page], assets: Vec<OtherFile>) -> Vec<(OtherFile, String)> {
    let bundles: HashMap<&str, &str> = pages
        .iter()
        .filter_map(|page| {
            let document = page.document.as_ref()?;
            (document.role == FileRole::BundlePage)
                .then(|| (parent_dir(&document.rel), page.url.as_str()))
        })
        .collect();
    assets
        .into_iter()
        .map(|asset| {
            let url = placed_url(&bundles, &asset.rel);
            (asset, url)
        })
        .collect()
}

fn placed_url(bundles: &HashMap<&str, &str>, rel: &str) -> String {
    let mut folder = parent_dir(rel);
    loop {
        if let Some(bundle_url) = bundles.get(folder) {
            let inside = &rel[folder.len() + 1..];
            return format!("{bundle_url}{inside}");
        }
        if folder.is_empty() {
            break;
        }
        folder = parent_dir(folder);
    }
    let name = rel.rsplit('/').next().unwrap_or(rel);
    format!("{}{name}", folder_url(parent_dir(rel)))
}

/// Fills each bank question's "used in" list from the scenarios' references.
pub fn fill_used_in(pages: &mut [Page]) {
    for page in pages.iter_mut() {
        let count = page
            .document
            .as_ref()
            .and_then(|d| d.front.bank.as_ref())
            .map_or(0, |bank| bank.questions.len());
        page.used_in = vec![Vec::new(); count];
    }
    let references: Vec<(PageId, QuestionRef)> = pages
        .iter()
        .flat_map(|page| {
            page.debrief_refs
                .iter()
                .flatten()
                .map(move |r| (page.id, *r))
        })
        .collect();
    for (scenario, reference) in references {
        let used = &mut pages[reference.bank.0].used_in[reference.question];
        if !used.contains(&scenario) {
            used.push(scenario);
        }
    }
}
