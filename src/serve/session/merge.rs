//! Merging into the served output: rendering jobs through the pipeline,
//! noting which outputs are new or changed, and replacing the copied files.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use super::rerender::Pending;
use super::{Rebuild, Session};
use crate::artifact::{Contents, OutputFile, slash};
use crate::diagnostics::Diagnostic;
use crate::render::{Coverage, Job, Rendered, Reuse};
use crate::stop::Stop;

/// Whether `contents` is new at `path`, or differs from what `outputs` holds there.
pub(super) fn is_new(
    outputs: &BTreeMap<String, Contents>,
    path: &str,
    contents: &Contents,
) -> bool {
    outputs.get(path).is_none_or(|old| !old.same_as(contents))
}

impl Session {
    /// Adds the copied files to the `produced` outputs, and removes outputs
    /// that are no longer produced.
    pub(super) fn finish_output(
        &mut self,
        rebuild: &mut Rebuild,
        produced: HashSet<String>,
        touched: &HashSet<PathBuf>,
    ) {
        let copied = self.copied_files();
        self.merge_copied(rebuild, copied, produced, touched);
    }

    /// Re-lists the copied files after static files or assets changed.
    pub(super) fn refresh_copied(&mut self, rebuild: &mut Rebuild, touched: &HashSet<PathBuf>) {
        if self.failed {
            return;
        }
        let generated: HashSet<String> = self
            .outputs
            .iter()
            .filter(|(_, contents)| matches!(contents, Contents::Bytes(_)))
            .map(|(path, _)| path.clone())
            .collect();
        let copied = self.copied_files();
        if self.copy_diagnostics.iter().any(Diagnostic::is_error) {
            self.failed = true;
            return;
        }
        self.merge_copied(rebuild, copied, generated, touched);
    }

    /// Puts `copied` into the output beside the `kept` paths, noting which
    /// changed (or whose source was `touched`), and removes every other output.
    pub(super) fn merge_copied(
        &mut self,
        rebuild: &mut Rebuild,
        copied: Vec<OutputFile>,
        mut kept: HashSet<String>,
        touched: &HashSet<PathBuf>,
    ) {
        for file in copied {
            let path = slash(&file.path);
            let source_touched =
                matches!(&file.contents, Contents::Copy(source) if touched.contains(source));
            self.put(rebuild, path.clone(), file.contents, source_touched);
            kept.insert(path);
        }
        let gone: Vec<String> = self
            .outputs
            .keys()
            .filter(|path| !kept.contains(*path))
            .cloned()
            .collect();
        for path in gone {
            self.outputs.remove(&path);
            self.fingerprints.remove(Path::new(&path));
            rebuild.removed.push(path);
        }
        rebuild.changed.sort();
        rebuild.changed.dedup();
    }

    /// The assets and static files the output copies.
    pub(super) fn copied_files(&mut self) -> Vec<OutputFile> {
        let mut found = Vec::new();
        let files = self
            .pipeline
            .copied(std::slice::from_ref(&self.site), &self.theme, &mut found);
        self.copy_diagnostics = found;
        files
    }

    /// Renders `jobs` (and the site-wide outputs when `site_wide` says until
    /// when), then, if the handbook has no errors, puts what changed into the
    /// output. Returns every output path these jobs produce, or `None` when
    /// the handbook has errors (`failed` then) or the site-wide outputs were
    /// stopped (the output is left as it was).
    pub(super) fn render_into(
        &mut self,
        rebuild: &mut Rebuild,
        jobs: &[Job],
        force: bool,
        site_wide: Option<&Stop>,
    ) -> Option<HashSet<String>> {
        self.render_diagnostics.clear();
        if self.has_errors() {
            self.failed = true;
            return None;
        }
        let Ok(templates) = &self.templates else {
            self.failed = true;
            return None;
        };
        let fingerprints = &self.fingerprints;
        let known = |path: &Path| {
            if force {
                None
            } else {
                fingerprints.get(path).copied()
            }
        };
        let (rendered, mut errors): (Vec<Rendered>, Vec<Diagnostic>) =
            self.pipeline
                .render_jobs(&self.site, templates, jobs, Reuse::Fingerprints(&known));
        let mut wide = Vec::new();
        if let Some(stop) = site_wide {
            let (files, mut found) =
                self.pipeline
                    .site_wide(&self.site, templates, Coverage::Every, stop)?;
            wide = files;
            errors.append(&mut found);
        }
        if errors.iter().any(Diagnostic::is_error) {
            self.render_diagnostics = errors;
            self.failed = true;
            return None;
        }
        self.failed = false;
        if site_wide.is_some() {
            self.site_wide_paths = wide.iter().map(|file| slash(&file.path)).collect();
        }
        // Without errors there is one result per job, in order.
        for (job, result) in jobs.iter().zip(&rendered) {
            let path = slash(&result.path);
            match job.own_page() {
                Some(id) => {
                    if let Some(document) = &self.site.pages[id.0].document {
                        let paths = self.page_paths.entry(document.rel.clone()).or_default();
                        if !paths.contains(&path) {
                            paths.push(path);
                        }
                    }
                }
                None => {
                    self.shared_paths.insert(*job, path);
                }
            }
        }
        let mut produced = HashSet::with_capacity(rendered.len() + wide.len());
        for job in rendered {
            let path = slash(&job.path);
            produced.insert(path.clone());
            let Some(bytes) = job.bytes else { continue };
            rebuild.rendered.push(path.clone());
            self.put(rebuild, path, Contents::Bytes(bytes), false);
            self.fingerprints.insert(job.path, job.fingerprint);
        }
        for file in wide {
            let path = slash(&file.path);
            produced.insert(path.clone());
            rebuild.rendered.push(path.clone());
            self.put(rebuild, path, file.contents, false);
        }
        rebuild.rendered.sort();
        rebuild.changed.sort();
        if let Pending::FullPass { fresh } = &mut self.pending {
            // Rendered from the current site: requests need not wait for these.
            fresh.extend(rebuild.rendered.iter().cloned());
        }
        Some(produced)
    }

    /// Puts `contents` at `path` in the served output, noting the path as
    /// changed when it is new or different, or when `touched` says so.
    fn put(&mut self, rebuild: &mut Rebuild, path: String, contents: Contents, touched: bool) {
        if touched || is_new(&self.outputs, &path, &contents) {
            rebuild.changed.push(path.clone());
        }
        self.outputs.insert(path, contents);
    }
}
