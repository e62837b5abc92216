//! Links between documents: Markdown links and images, `related` pages and
//! debrief references to bank questions are resolved, checked (missing page,
//! missing anchor, missing file) and turned into relative hrefs.
//!
//! Paths resolve as editors resolve them: from the linking file's folder, or
//! from `content/` when they start with `/`. `related` paths also accept a
//! path from `content/` without the slash.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use super::urls::{
    Linker, file_name, folder_url, md_stem, parent_dir, percent_decode, resolve_content_path,
    url_part,
};
use super::wiki::{self, WikiNames};
use super::{AgendaRefs, BankPart, KnownFiles, Page, PageId, QuestionRef, Target};
use crate::diagnostics::{Code, Diagnostic, LineIndex, Severity, did_you_mean};
use crate::document::{Debrief, Document, FileRole, Kind, LinkKind, LinkRef};
use crate::slug::slugify;
use crate::sources::OtherFile;

/// The hint for a page link that matches nothing close.
const WHERE_PATHS_START: &str =
    "paths are read from the folder of this file; start with `/` to read from content/";

/// What resolving one page's links produced.
pub struct Resolution {
    pub link_targets: Vec<Option<Target>>,
    pub related: Vec<PageId>,
    pub debrief_refs: Vec<Option<super::QuestionRef>>,
    pub agenda_refs: Vec<AgendaRefs>,
    pub pre_work: Vec<PageId>,
}

/// Everything a link may point at.
pub struct Resolver<'a> {
    pages: &'a [Page],
    by_path: &'a HashMap<String, PageId>,
    /// Page URL → page.
    by_url: HashMap<&'a str, PageId>,
    /// Content-relative asset path → site path it is written to.
    asset_urls: HashMap<&'a str, &'a str>,
    /// Site paths of the site's `static/` files.
    static_files: &'a HashSet<String>,
    /// Pages this build leaves out (content-relative path → why).
    omitted: &'a HashMap<String, String>,
    /// Pages that failed to parse, by content path and by the URL their file
    /// name gives: their own error is the one mistake, so links to them are not reported.
    failed: &'a HashSet<String>,
    failed_urls: HashSet<String>,
    /// The severity of a broken link or anchor.
    broken: Severity,
    /// Names wikilinks may use.
    /// Built on the first wiki link: most handbooks have none, and the
    /// preview makes a resolver for every save.
    wiki: OnceLock<WikiNames<'a>>,
    /// For a translation: the default language's resolver, for the pages
    /// this language has no translation of.
    fallback: Option<&'a Resolver<'a>>,
    /// The language code of this resolver's pages.
    language: &'a str,
}

/// What a link that is not a `.md` path turned out to be.
enum Found {
    Page(PageId),
    File(String),
}

/// Why a link target could not be found, with a hint.
struct Miss {
    code: Code,
    message: String,
    help: Option<String>,
    /// The target exists but this build leaves it out (a draft, another
    /// edition's page): a warning, and the link text stays without its link.
    left_out: bool,
    /// The target failed to parse and is reported there: nothing to say here.
    quiet: bool,
}

impl Miss {
    fn new(code: Code, message: String, help: Option<String>) -> Self {
        Miss {
            code,
            message,
            help,
            left_out: false,
            quiet: false,
        }
    }

    fn left_out(message: String) -> Self {
        Miss {
            help: Some("the link text is kept, without the link".into()),
            left_out: true,
            ..Miss::new(Code::LeftOutLink, message, None)
        }
    }

    fn quiet() -> Self {
        Miss {
            quiet: true,
            ..Miss::new(Code::BrokenLink, String::new(), None)
        }
    }
}

impl<'a> Resolver<'a> {
    pub fn new(
        pages: &'a [Page],
        by_path: &'a HashMap<String, PageId>,
        asset_urls: HashMap<&'a str, &'a str>,
        known: &'a KnownFiles,
        omitted: &'a HashMap<String, String>,
        language: &'a str,
    ) -> Self {
        Resolver {
            pages,
            by_path,
            by_url: pages
                .iter()
                .map(|page| (page.url.as_str(), page.id))
                .collect(),
            asset_urls,
            static_files: &known.static_files,
            omitted,
            failed: &known.failed,
            failed_urls: known.failed.iter().map(|rel| url_of_file(rel)).collect(),
            broken: known.broken_links.severity(),
            wiki: OnceLock::new(),
            fallback: None,
            language,
        }
    }

    /// This resolver, falling back to `fallback` (the default language's)
    /// for pages its language has no translation of.
    pub fn with_fallback(self, fallback: &'a Resolver<'a>) -> Self {
        Resolver {
            fallback: Some(fallback),
            ..self
        }
    }

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
            agenda_refs: Vec::new(),
            pre_work: Vec::new(),
        };
        let Some(document) = &page.document else {
            return (resolution, diagnostics);
        };
        // Made on the first problem: most pages have none.
        let lines = std::cell::OnceCell::new();
        let error = |offset: usize, miss: Miss, warning: bool| {
            let severity = if miss.left_out || warning {
                Severity::Warning
            } else {
                self.broken
            };
            let mut diagnostic = Diagnostic::at_indexed(
                miss.code,
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
            let diagnostic = error(link.offset, miss, link.in_html);
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
            let found = self
                .resolve_link(document, page.id, &page.url, link, &mut |miss| {
                    let mut warning = link_error(link, miss);
                    warning.severity = Severity::Warning;
                    diagnostics.push(warning);
                })
                .or_else(|miss| self.in_fallback(document, link, miss));
            let target = match found {
                Ok(target) => Some(target),
                Err(miss) => {
                    let kept = (link.in_html && !miss.quiet && !miss.left_out)
                        .then(|| written_path(document, link))
                        .flatten();
                    if !miss.quiet {
                        diagnostics.push(link_error(link, miss));
                    }
                    kept
                }
            };
            resolution.link_targets.push(target);
        }
        for related in &document.front.related {
            match self.find_page(document, &related.value, true) {
                Ok(target) => resolution.related.push(target),
                Err(miss) if miss.quiet => {}
                Err(miss) => {
                    let miss = self.untranslated(document, &related.value, miss);
                    diagnostics.push(error(related.offset, miss, false));
                }
            }
        }
        if let Some(scenario) = &document.front.scenario {
            for item in &scenario.debrief {
                let reference = match item {
                    Debrief::Text(_) => None,
                    Debrief::Ref(target) if self.names_a_failed_page(document, &target.value) => {
                        None
                    }
                    Debrief::Ref(target) => match self.find_question(document, &target.value) {
                        Ok(found) => Some(found),
                        Err(miss) => {
                            if !miss.quiet {
                                let miss = self.untranslated(document, &target.value, miss);
                                diagnostics.push(error(target.offset, miss, false));
                            }
                            None
                        }
                    },
                };
                resolution.debrief_refs.push(reference);
            }
        }
        if let Some(session) = &document.front.session {
            let mut misses: Vec<(usize, Miss, bool)> = Vec::new();
            self.resolve_session(document, session, &mut resolution, &mut misses);
            for (offset, miss, warning) in misses {
                if !miss.quiet {
                    diagnostics.push(error(offset, miss, warning));
                }
            }
        }
        (resolution, diagnostics)
    }

    /// Resolves a session's pre-work and agenda rows into `resolution`; each
    /// problem goes to `misses` with its offset and whether it is a warning.
    fn resolve_session(
        &self,
        document: &Document,
        session: &crate::document::SessionFields,
        resolution: &mut Resolution,
        misses: &mut Vec<(usize, Miss, bool)>,
    ) {
        fn keep<T>(
            misses: &mut Vec<(usize, Miss, bool)>,
            offset: usize,
            result: Result<T, Miss>,
        ) -> Option<T> {
            result
                .map_err(|miss| misses.push((offset, miss, false)))
                .ok()
        }
        for item in &session.pre_work {
            let page = self.find_page(document, &item.value, true);
            resolution.pre_work.extend(keep(misses, item.offset, page));
        }
        for row in &session.agenda {
            let mut refs = AgendaRefs {
                guide: None,
                scenario: None,
                questions: None,
            };
            if let Some(reference) = &row.guide {
                let page = self.find_material(document, &reference.value, Kind::Guide);
                refs.guide = keep(misses, reference.offset, page);
            }
            if let Some(reference) = &row.scenario {
                let page = self.find_material(document, &reference.value, Kind::Scenario);
                refs.scenario = keep(misses, reference.offset, page);
                if let Some(needs) = refs
                    .scenario
                    .and_then(|id| self.pages[id.0].document.as_ref()?.front.duration)
                    .filter(|&needs| row.minutes < needs)
                {
                    let miss = Miss::new(
                        Code::ShortScenarioRow,
                        format!(
                            "this row gives the scenario {} minutes, but it takes {needs}",
                            row.minutes
                        ),
                        Some(format!(
                            "give the row `minutes: {needs}` or more, or shorten the scenario"
                        )),
                    );
                    misses.push((reference.offset, miss, true));
                }
            }
            if let Some(reference) = &row.questions {
                let (path, anchor) = reference
                    .value
                    .split_once('#')
                    .unwrap_or((&reference.value, ""));
                let part = self
                    .find_material(document, path, Kind::Questions)
                    .and_then(|bank| Ok((bank, self.bank_part(bank, path, anchor)?)));
                refs.questions = keep(misses, reference.offset, part);
            }
            resolution.agenda_refs.push(refs);
        }
    }

    /// The page an agenda row's `guide`, `scenario` or `questions` names,
    /// which must be of that kind.
    fn find_material(&self, from: &Document, reference: &str, kind: Kind) -> Result<PageId, Miss> {
        let id = self.find_page(from, reference, true)?;
        match self.pages[id.0].document.as_ref() {
            Some(document) if document.failed => Err(Miss::quiet()),
            Some(document) if document.front.kind == kind => Ok(id),
            found => {
                let is = found.map_or("a section", |d| d.front.kind.label());
                let field = match kind {
                    Kind::Questions => "questions",
                    other => other.as_str(),
                };
                Err(Miss::new(
                    Code::BrokenRef,
                    format!(
                        "`{field}:` names a {}, but `{}` is {} {is}",
                        kind.label(),
                        reference,
                        if is.starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        }
                    ),
                    Some(format!(
                        "point `{field}:` at a page with `kind: {}`",
                        kind.as_str()
                    )),
                ))
            }
        }
    }

    /// What part of `bank` the anchor after its path names: the whole bank,
    /// a stage (`#will`, `#stage-will`, or its name) or a question id.
    fn bank_part(&self, bank: PageId, path: &str, anchor: &str) -> Result<BankPart, Miss> {
        let Some(document) = self.pages[bank.0].document.as_ref() else {
            return Ok(BankPart::Whole);
        };
        if anchor.is_empty() {
            return Ok(BankPart::Whole);
        }
        let Some(bank_fields) = document.front.bank.as_ref() else {
            return Ok(BankPart::Whole);
        };
        let wanted = percent_decode(anchor);
        let stage_names = bank_fields.stages.iter().chain(
            bank_fields
                .questions
                .iter()
                .filter_map(|q| q.stage.as_ref()),
        );
        if let Some(stage) = stage_names.clone().find(|name| {
            let slug = url_part(name);
            **name == wanted || slug == wanted || format!("stage-{slug}") == wanted
        }) {
            return Ok(BankPart::Stage(stage.clone()));
        }
        if let Some(i) = bank_fields.questions.iter().position(|q| q.id == wanted) {
            return Ok(BankPart::Question(i));
        }
        if document.omitted_anchors.contains(&wanted) {
            return Err(Miss::left_out(format!(
                "question `{anchor}` is for another audience, so this edition leaves it out"
            )));
        }
        let stage_slugs: Vec<String> = stage_names.map(|name| url_part(name)).collect();
        let known = stage_slugs
            .iter()
            .map(String::as_str)
            .chain(bank_fields.questions.iter().map(|q| q.id.as_str()));
        let help = did_you_mean(&wanted, known)
            .map(|close| format!("did you mean `#{close}`?"))
            .unwrap_or_else(|| "after `#`, name one of the bank's stages or a question id".into());
        Err(Miss::new(
            Code::BrokenRef,
            format!("`{path}` has no stage or question `{anchor}`"),
            Some(help),
        ))
    }

    /// Where one link of `document` (the page `id` at `url`) points;
    /// `ambiguous` hears of a wikilink that matched more than one page.
    fn resolve_link(
        &self,
        document: &Document,
        id: PageId,
        url: &str,
        link: &LinkRef,
        ambiguous: &mut dyn FnMut(Miss),
    ) -> Result<Target, Miss> {
        match link.kind {
            LinkKind::SamePage => {
                resolve_anchor(document, link.anchor.as_deref().unwrap_or(""), None)
                    .map(Target::SamePage)
            }
            LinkKind::Page => self
                // Docsify and some wikis read a relative link from the
                // top of the docs: a link that fails from this folder
                // but names a page from there leads to that page.
                .find_page(document, &link.target, true)
                .and_then(|target| self.page_target(target, link)),
            LinkKind::Url | LinkKind::Asset | LinkKind::Wiki => {
                let found = match link.kind {
                    LinkKind::Wiki => {
                        self.find_wiki(document, id, link)
                            .map(|(found, is_ambiguous)| {
                                if let Some(miss) = is_ambiguous {
                                    ambiguous(miss);
                                }
                                found
                            })
                    }
                    _ => self.find_url_or_file(document, url, link),
                };
                match found {
                    Ok(Found::Page(target)) => self.page_target(target, link),
                    Ok(Found::File(url)) => Ok(Target::File(url)),
                    Err(miss) => Err(miss),
                }
            }
        }
    }

    /// A translation's link that its own language does not have, resolved
    /// in the default language's site: its original page, marked as such.
    /// Any other miss stays the miss it was.
    fn in_fallback(&self, document: &Document, link: &LinkRef, miss: Miss) -> Result<Target, Miss> {
        let Some(fallback) = self.fallback.filter(|_| !miss.quiet && !miss.left_out) else {
            return Err(miss);
        };
        // The original of a translation has the same content path, so
        // paths read from its folder read the same.
        match fallback.resolve_link(document, PageId(usize::MAX), "", link, &mut |_| {}) {
            Ok(Target::Page { url, anchor }) => Ok(Target::Fallback {
                url,
                anchor,
                language: fallback.language.to_string(),
            }),
            Ok(target) => Ok(target),
            Err(_) => Err(miss),
        }
    }

    /// A `related` page or debrief reference that only the default language
    /// has: a warning that it is left out of this translation.
    fn untranslated(&self, document: &Document, path: &str, miss: Miss) -> Miss {
        let Some(fallback) = self.fallback.filter(|_| !miss.quiet && !miss.left_out) else {
            return miss;
        };
        let bank = path.split('#').next().unwrap_or(path);
        if fallback.find_page(document, bank, true).is_err() {
            return miss;
        }
        Miss {
            help: Some(format!(
                "translate `{bank}`, or the reference stays out of this language's page"
            )),
            left_out: true,
            ..Miss::new(
                Code::LeftOutLink,
                format!("`{bank}` has no translation in this language"),
                None,
            )
        }
    }

    /// The link's target page, with its anchor checked.
    fn page_target(&self, target: PageId, link: &LinkRef) -> Result<Target, Miss> {
        let target_page = &self.pages[target.0];
        let anchor = match (&link.anchor, &target_page.document) {
            (Some(anchor), Some(target_doc)) => {
                Some(resolve_anchor(target_doc, anchor, Some(&link.target))?)
            }
            (Some(anchor), None) => {
                return Err(Miss::new(
                    Code::BrokenAnchor,
                    format!("`{}` has no anchor `#{anchor}`", link.target),
                    None,
                ));
            }
            (None, _) => None,
        };
        Ok(Target::Page {
            url: target_page.url.clone(),
            anchor,
        })
    }

    /// A link that is not a `.md` path: a file under content/ or static/, or
    /// a page's URL (`giving-feedback`, `../questions/grow/`, `index.html`,
    /// `page.html` for `page.md`). Read from the file's folder, as `.md`
    /// links are; a relative URL that only works from the page's own URL
    /// (as Hugo and Jekyll sites write them) is accepted too.
    fn find_url_or_file(
        &self,
        from: &Document,
        from_url: &str,
        link: &LinkRef,
    ) -> Result<Found, Miss> {
        let target = link.target.as_str();
        let dir = parent_dir(&from.rel);
        let Some(path) = resolve_content_path(dir, target) else {
            return Err(Miss::new(
                Code::BrokenLink,
                format!("`{target}` points outside content/"),
                Some("links must stay inside the handbook".into()),
            ));
        };
        if let Some(url) = self.asset_urls.get(path.as_str()) {
            return Ok(Found::File(url.to_string()));
        }
        if self.static_files.contains(&path) {
            return Ok(Found::File(path));
        }
        let relative = !target.starts_with('/');
        let from_page = relative
            .then(|| resolve_content_path(from_url, target))
            .flatten();
        let from_top = relative.then(|| resolve_content_path("", target)).flatten();
        if let Some(id) = [Some(&path), from_page.as_ref(), from_top.as_ref()]
            .into_iter()
            .flatten()
            .find_map(|p| self.page_at(p))
        {
            return Ok(Found::Page(id));
        }
        let url = folder_url(page_path(&path));
        if self.failed_urls.contains(&url) {
            return Err(Miss::quiet());
        }
        let left_out = self.omitted.get(path.as_str());
        if let Some(why) =
            left_out.or_else(|| self.omitted.get(&format!("{}.md", page_path(&path))))
        {
            return Err(Miss::left_out(format!(
                "`{target}` is {why}, so this build leaves it out"
            )));
        }
        if link.kind == LinkKind::Asset {
            return Err(Miss::new(
                Code::BrokenLink,
                format!("file `{target}` not found"),
                Some(format!(
                    "the path is read from the folder of this file ({}/)",
                    from.display
                        .parent()
                        .map_or(String::new(), |p| p.display().to_string())
                )),
            ));
        }
        let own_url = self
            .by_path
            .get(&from.rel)
            .map(|id| self.pages[id.0].url.as_str());
        let help = self
            .suggest_url(&url, own_url)
            .map(|close| {
                let href = if target.starts_with('/') {
                    format!("/{close}")
                } else {
                    Linker::default().page(&folder_url(dir), close)
                };
                format!("did you mean `{href}`?")
            })
            .unwrap_or_else(|| WHERE_PATHS_START.into());
        Err(Miss::new(
            Code::BrokenLink,
            format!("link to a page that does not exist: `{target}` (no page at /{url})"),
            Some(help),
        ))
    }

    /// What a wikilink or embed names (see [`wiki`]): a file when its name
    /// has an extension other than `.md`, else a page. Comes with a warning
    /// when others share the name as closely.
    fn find_wiki(
        &self,
        from: &Document,
        from_id: PageId,
        link: &LinkRef,
    ) -> Result<(Found, Option<Miss>), Miss> {
        let target = link.target.as_str();
        let written = format!("[[{target}]]");
        let ambiguous = |also: Vec<String>, chosen: &str| {
            (!also.is_empty()).then(|| {
                Miss::new(
                    Code::AmbiguousWikilink,
                    format!(
                        "`{written}` could mean `{chosen}` or `{}`; it links to `{chosen}`",
                        also.join("`, `")
                    ),
                    Some(format!(
                        "name the folder to choose: `[[{}]]`",
                        md_stem(&also[0]).unwrap_or(&also[0])
                    )),
                )
            })
        };
        let is_file = file_name(target)
            .rsplit_once('.')
            .is_some_and(|(_, extension)| !extension.eq_ignore_ascii_case("md"));
        if is_file {
            let files = self
                .asset_urls
                .keys()
                .copied()
                .chain(self.static_files.iter().map(String::as_str));
            let Some(found) = wiki::file(&from.rel, target, files) else {
                return Err(Miss::new(
                    Code::BrokenLink,
                    format!("file `{target}` not found"),
                    Some("a wikilink finds a file by its name anywhere under content/".into()),
                ));
            };
            let url = self
                .asset_urls
                .get(found.chosen)
                .copied()
                .unwrap_or(found.chosen);
            let warning = ambiguous(found.also, found.chosen);
            return Ok((Found::File(url.to_string()), warning));
        }
        let wiki = self.wiki.get_or_init(|| WikiNames::new(self.pages));
        if let Some(found) = wiki.page(&from.rel, target) {
            let chosen = &self.pages[found.chosen.0];
            let rel = chosen.document.as_ref().map_or("", |d| d.rel.as_str());
            let warning = ambiguous(found.also, rel);
            return Ok((Found::Page(found.chosen), warning));
        }
        let lower = target.to_lowercase();
        if let Some((_, why)) = self.omitted.iter().find(|(rel, _)| {
            md_stem(file_name(rel)).is_some_and(|stem| stem.to_lowercase() == lower)
        }) {
            return Err(Miss::left_out(format!(
                "`{written}` is {why}, so this build leaves it out"
            )));
        }
        let help = wiki
            .suggest(from_id, target)
            .map(|close| format!("did you mean `[[{close}]]`?"))
            .unwrap_or_else(|| "a wikilink names a page by its file name, title or alias".into());
        Err(Miss::new(
            Code::BrokenLink,
            format!("link to a page that does not exist: `{written}`"),
            Some(help),
        ))
    }

    /// The page whose URL a content path names (`guides/listening`,
    /// `guides/listening/index.html`), or whose file it names without `.md`
    /// (or with `.md/`, which MkDocs accepts).
    fn page_at(&self, path: &str) -> Option<PageId> {
        let path = page_path(path);
        self.by_url
            .get(folder_url(path).as_str())
            .or_else(|| self.by_path.get(&format!("{path}.md")))
            .or_else(|| self.by_path.get(path.trim_end_matches('/')))
            .copied()
    }

    /// A page URL close to `missing`, other than the linking page's `own`: a
    /// page of the same name in another folder first, then the closest URL.
    fn suggest_url(&self, missing: &str, own: Option<&str>) -> Option<&str> {
        let name = last_part(missing);
        let others = self.by_url.keys().copied().filter(|url| Some(*url) != own);
        others
            .clone()
            .filter(|url| !url.is_empty() && last_part(url) == name)
            .min()
            .or_else(|| did_you_mean(missing, others))
    }

    fn find_page(
        &self,
        from: &Document,
        target: &str,
        root_fallback: bool,
    ) -> Result<PageId, Miss> {
        let Some(path) = resolve_content_path(parent_dir(&from.rel), target) else {
            return Err(Miss::new(
                Code::BrokenLink,
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
        let known = [Some(&path), fallback.as_ref()].into_iter().flatten();
        if known.clone().any(|p| self.failed.contains(p)) {
            return Err(Miss::quiet());
        }
        if let Some(why) = known.clone().find_map(|p| self.omitted.get(p)) {
            return Err(Miss::left_out(format!(
                "`{target}` is {why}, so this build leaves it out"
            )));
        }
        let others = self.by_path.keys().map(String::as_str);
        let help = suggest_path(&path, others.filter(|p| *p != from.rel))
            .map(|close| {
                format!(
                    "did you mean `{}`?",
                    relative_hint(parent_dir(&from.rel), close)
                )
            })
            .unwrap_or_else(|| WHERE_PATHS_START.into());
        Err(Miss::new(
            Code::BrokenLink,
            format!("link to a page that does not exist: `{target}` (content/{path})"),
            Some(help),
        ))
    }

    /// Whether `reference` names a page whose front matter failed: what it
    /// holds is unknown, and its one mistake is already reported.
    fn names_a_failed_page(&self, from: &Document, reference: &str) -> bool {
        let path = reference.split('#').next().unwrap_or(reference);
        self.find_page(from, path, false)
            .is_ok_and(|id| self.pages[id.0].document.as_ref().is_some_and(|d| d.failed))
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
                Code::BrokenRef,
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
        Err(Miss::new(Code::BrokenRef, message, Some(help)))
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

/// Where a raw HTML link that matches nothing points, read from the file's
/// folder as the author wrote it, so it still leads there from the page's URL.
fn written_path(document: &Document, link: &LinkRef) -> Option<Target> {
    let path = resolve_content_path(parent_dir(&document.rel), &link.target)?;
    let anchor = link
        .anchor
        .as_ref()
        .map_or(String::new(), |a| format!("#{a}"));
    Some(Target::File(format!("{path}{anchor}")))
}

/// The id an anchor names on `document`: as written, or percent-decoded,
/// or as GitHub writes heading anchors (it keeps repeated hyphens:
/// `## Goal / Reality` is `#goal--reality`), which slugs to coachbook's id,
/// or with the same letters and digits as exactly one id.
fn resolve_anchor(document: &Document, anchor: &str, target: Option<&str>) -> Result<String, Miss> {
    if anchor.is_empty() || document.has_anchor(anchor) {
        return Ok(anchor.to_string());
    }
    let decoded = percent_decode(anchor);
    if document.anchors.contains(&decoded) {
        return Ok(decoded);
    }
    let slug = slugify(&decoded);
    if document.anchors.contains(&slug) {
        return Ok(slug);
    }
    // GitHub and MkDocs drop punctuation inside words (`Localization/Translation`
    // is `#localizationtranslation`): the one id with the same letters and digits.
    let letters = |text: &str| -> String { text.chars().filter(|c| c.is_alphanumeric()).collect() };
    let wanted = letters(&slug);
    let mut same_letters = document.anchors.iter().filter(|id| letters(id) == wanted);
    if let (Some(id), None) = (same_letters.next(), same_letters.next()) {
        return Ok(id.clone());
    }
    if document.omitted_anchors.contains(&decoded) {
        return Err(Miss::left_out(format!(
            "question `{anchor}` is for another audience, so this edition leaves it out"
        )));
    }
    let place = target.map_or_else(|| "this page".to_string(), |t| format!("`{t}`"));
    let help = did_you_mean(anchor, document.anchors.iter().map(String::as_str))
        .map(|close| format!("did you mean `#{close}`?"));
    Err(Miss::new(
        Code::BrokenAnchor,
        format!("{place} has no heading or question with id `{anchor}`"),
        help,
    ))
}

/// A content path close to `missing` among `paths` (which leave out the
/// linking file): a file of the same name in another folder first, then the
/// closest path.
fn suggest_path<'p>(
    missing: &str,
    paths: impl Iterator<Item = &'p str> + Clone,
) -> Option<&'p str> {
    let name = file_name(missing);
    paths
        .clone()
        .filter(|path| file_name(path) == name)
        .min()
        .or_else(|| did_you_mean(missing, paths))
}

/// A content path as a page path: `index.html` and `.html` dropped.
fn page_path(path: &str) -> &str {
    let name = file_name(path).to_ascii_lowercase();
    let cut = match name.as_str() {
        "index.html" | "index.htm" => name.len(),
        _ if name.ends_with(".html") => ".html".len(),
        _ if name.ends_with(".htm") => ".htm".len(),
        _ => 0,
    };
    &path[..path.len() - cut]
}

/// The last part of a URL (`questions/grow/` → `grow`).
fn last_part(url: &str) -> &str {
    file_name(url.trim_end_matches('/'))
}

/// The URL a content file's name gives it (without a `slug`).
fn url_of_file(rel: &str) -> String {
    let folder = parent_dir(rel);
    let stem = md_stem(file_name(rel)).unwrap_or(rel);
    match stem.to_lowercase().as_str() {
        "_index" | "index" | "readme" => folder_url(folder),
        _ => format!("{}{}/", folder_url(folder), url_part(stem)),
    }
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

/// Fills each page's list of the sessions whose agenda uses it.
pub fn fill_used_in_sessions(pages: &mut [Page]) {
    let uses: Vec<(PageId, PageId)> = pages
        .iter()
        .flat_map(|session| {
            session
                .agenda_refs
                .iter()
                .flat_map(|row| row.pages())
                .map(move |used| (used, session.id))
        })
        .collect();
    for page in pages.iter_mut() {
        page.used_in_sessions.clear();
    }
    for (used, session) in uses {
        let list = &mut pages[used.0].used_in_sessions;
        if !list.contains(&session) {
            list.push(session);
        }
    }
}
