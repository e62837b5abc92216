//! What to render now and what later: the page the author is looking at
//! first, and what shows every page ([`Pending`]) once the watcher is idle.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Rebuild, RebuildKind, Session};
use crate::artifact::Contents;
use crate::render::{Job, jobs};
use crate::site::PageId;

/// What [`Session::render_deferred`] has left to do.
#[derive(Debug)]
pub(super) enum Pending {
    Nothing,
    /// These jobs (the print page) and the site-wide outputs (sitemap,
    /// search, exports), which are always redone with them.
    Later(Vec<Job>),
    /// After the site was built again: a full pass over every view, which
    /// renders those whose fingerprint changed. `fresh` are the outputs
    /// already rendered from the current site, which requests need not wait for.
    FullPass {
        fresh: HashSet<String>,
    },
}

impl Session {
    /// Renders the jobs that show the pages `ids` themselves, and leaves
    /// outputs that show every page for [`Session::render_deferred`].
    pub(super) fn render_pages(&mut self, rebuild: &mut Rebuild, ids: &[PageId]) {
        if ids.is_empty() {
            return;
        }
        let (own, others): (Vec<Job>, Vec<Job>) = jobs(&self.site)
            .into_iter()
            .partition(|job| job.own_page().is_some_and(|p| ids.contains(&p)));
        if self.render_into(rebuild, &own, false, false).is_none() {
            return;
        }
        let shared = others
            .into_iter()
            .filter(|job| ids.iter().any(|id| job.shows_body_of(&self.site, *id)));
        match &mut self.pending {
            // The full pass renders every view that changed.
            Pending::FullPass { .. } => {}
            Pending::Later(later) => {
                for job in shared {
                    if !later.contains(&job) {
                        later.push(job);
                    }
                }
            }
            Pending::Nothing => self.pending = Pending::Later(shared.collect()),
        }
    }

    /// After the site was built again: renders the changed files' own pages
    /// (so the page the author edits is ready at once), drops the pages of
    /// removed files, lists the copied files again when `copied_may_change`,
    /// and leaves every other view to a full pass in
    /// [`Session::render_deferred`], which finds the ones that changed.
    pub(super) fn render_first(
        &mut self,
        rebuild: &mut Rebuild,
        rels: &[String],
        touched: &HashSet<PathBuf>,
        copied_may_change: bool,
    ) {
        let ids: Vec<PageId> = rels
            .iter()
            .filter_map(|rel| self.page_of.get(rel))
            .copied()
            .collect();
        let own: Vec<Job> = jobs(&self.site)
            .into_iter()
            .filter(|job| job.own_page().is_some_and(|p| ids.contains(&p)))
            .collect();
        let old: Vec<String> = rels
            .iter()
            .filter_map(|rel| self.page_paths.remove(rel))
            .flatten()
            .collect();
        if self.render_into(rebuild, &own, false, false).is_none() {
            // The next good rebuild is a full pass, which finds stale pages.
            return;
        }
        let kept: HashSet<&String> = rels
            .iter()
            .filter_map(|rel| self.page_paths.get(rel))
            .flatten()
            .collect();
        let gone: Vec<String> = old
            .into_iter()
            .filter(|path| !kept.contains(path))
            .collect();
        for path in gone {
            if self.outputs.remove(&path).is_some() {
                self.fingerprints.remove(Path::new(&path));
                rebuild.removed.push(path);
            }
        }
        if copied_may_change {
            self.refresh_copied(rebuild, touched);
        }
        let fresh = self
            .outputs
            .iter()
            .filter(|(_, contents)| !matches!(contents, Contents::Bytes(_)))
            .map(|(path, _)| path.clone())
            .chain(rebuild.rendered.iter().cloned())
            .collect();
        self.pending = Pending::FullPass { fresh };
        rebuild.removed.sort();
        rebuild.removed.dedup();
    }

    /// Renders what [`Session::apply`] left for later: outputs that show every
    /// page (the print page), the sitemap, the exports and the search index,
    /// or, after the site was built again, every view that changed.
    pub fn render_deferred(&mut self) -> Rebuild {
        let started = Instant::now();
        let mut rebuild = Rebuild::new(RebuildKind::Pages);
        // Nothing is rendered while the handbook has errors; the rebuild
        // that fixes them builds the site again and schedules a full pass.
        let pending = std::mem::replace(&mut self.pending, Pending::Nothing);
        match pending {
            _ if self.failed => {}
            Pending::Nothing => {}
            Pending::FullPass { .. } => {
                rebuild.kind = RebuildKind::Site;
                self.render_all_views(&mut rebuild);
            }
            Pending::Later(later) => {
                let before = self.site_wide_paths.clone();
                if self
                    .render_into(&mut rebuild, &later, false, true)
                    .is_some()
                {
                    // A site-wide output that is no longer made goes.
                    for path in before {
                        if !self.site_wide_paths.contains(&path) {
                            self.outputs.remove(&path);
                            rebuild.removed.push(path);
                        }
                    }
                } else {
                    self.pending = Pending::Later(later);
                }
            }
        }
        rebuild.diagnostics = self.diagnostics();
        rebuild.failed = self.failed;
        rebuild.elapsed = started.elapsed();
        rebuild
    }

    /// The full pass: every view fingerprinted, those that changed rendered,
    /// with the print page and the site-wide outputs, and outputs that are
    /// no longer made removed.
    pub(super) fn render_all_views(&mut self, rebuild: &mut Rebuild) {
        let all = jobs(&self.site);
        let Some(produced) = self.render_into(rebuild, &all, false, true) else {
            return;
        };
        self.finish_output(rebuild, produced, &HashSet::new());
    }

    /// Renders every job (skipping unchanged views unless `force`), the
    /// site-wide outputs and the copied files, and replaces the output.
    /// Without `force`, outputs that show every page (the print page) and
    /// the site-wide outputs are left for [`Session::render_deferred`].
    pub(super) fn render_everything(
        &mut self,
        rebuild: &mut Rebuild,
        force: bool,
        touched: &HashSet<PathBuf>,
    ) {
        let (now, later): (Vec<Job>, Vec<Job>) = jobs(&self.site).into_iter().partition(|job| {
            force
                || job.own_page().is_some()
                || !job.shows_body_of(&self.site, PageId(0))
                || !self.shared_paths.contains_key(job)
        });
        let Some(mut produced) = self.render_into(rebuild, &now, force, later.is_empty()) else {
            return;
        };
        if later.is_empty() {
            // Everything was rendered: nothing is left for later.
            self.pending = Pending::Nothing;
        } else {
            produced.extend(
                later
                    .iter()
                    .filter_map(|job| self.shared_paths.get(job).cloned()),
            );
            produced.extend(self.site_wide_paths.iter().cloned());
            self.pending = Pending::Later(later);
        }
        self.finish_output(rebuild, produced, touched);
    }
}
