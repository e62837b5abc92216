//! What to render now and what later: the page the author is looking at
//! first, and what shows every page ([`Pending`]) once the watcher is idle.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{Rebuild, RebuildKind, Session};
use crate::artifact::Contents;
use crate::render::{Job, PrintPlan, jobs, jobs_of_plan};
use crate::site::PageId;
use crate::stop::Stop;

/// How much one step of deferred work renders before it looks whether to
/// stop: a view counts 1, a print page, which shows up to 300 pages,
/// [`PRINT_WEIGHT`]. Each step has a cost of its own (the handbook's
/// errors are looked at, the render shares are made), so steps are not small.
const STEP_WEIGHT: usize = 512;
const PRINT_WEIGHT: usize = 128;

/// How deferred work that can be stopped ended.
enum Finished {
    /// Everything rendered: these are the paths it produced.
    Done(HashSet<String>),
    Stopped,
    /// The handbook has errors.
    Failed,
}

/// `jobs` in steps of deferred work.
fn steps(jobs: &[Job]) -> Vec<&[Job]> {
    let weight = |job: &Job| match job {
        Job::Print(..) => PRINT_WEIGHT,
        _ => 1,
    };
    let mut steps = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (i, job) in jobs.iter().enumerate() {
        held += weight(job);
        if held >= STEP_WEIGHT {
            steps.push(&jobs[start..=i]);
            (start, held) = (i + 1, 0);
        }
    }
    if start < jobs.len() {
        steps.push(&jobs[start..]);
    }
    steps
}

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
        let plan = PrintPlan::new(&self.site);
        let (own, others): (Vec<Job>, Vec<Job>) = jobs_of_plan(&self.site, &plan)
            .into_iter()
            .partition(|job| job.own_page().is_some_and(|p| ids.contains(&p)));
        if self.render_into(rebuild, &own, false, None).is_none() {
            return;
        }
        self.remove_unmade_gathered(rebuild, &others);
        let shared = others.into_iter().filter(|job| {
            ids.iter()
                .any(|id| job.shows_body_of(&self.site, &plan, *id))
        });
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

    /// Removes the gathered pages that are no longer made, given every job
    /// made now besides the edited pages' own: a body edit can take the last
    /// item of a print page's pages away, and with it their gathered page.
    /// What the other shared outputs are (print and term pages) follows
    /// from what only a rebuild of the site changes.
    fn remove_unmade_gathered(&mut self, rebuild: &mut Rebuild, made: &[Job]) {
        let made: HashSet<&Job> = made
            .iter()
            .filter(|job| matches!(job, Job::Gathered(..)))
            .collect();
        let unmade: Vec<Job> = self
            .shared_paths
            .keys()
            .filter(|job| matches!(job, Job::Gathered(..)) && !made.contains(job))
            .copied()
            .collect();
        for job in unmade {
            if let Some(path) = self.shared_paths.remove(&job)
                && self.outputs.remove(&path).is_some()
            {
                self.fingerprints.remove(Path::new(&path));
                rebuild.removed.push(path);
            }
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
        if self.render_into(rebuild, &own, false, None).is_none() {
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
    /// or, after the site was built again, every view that changed. Stops
    /// between steps once `stop` asks: what was rendered is kept, the rest is
    /// still pending (`deferred` in the result) for the next call.
    pub fn render_deferred(&mut self, stop: &Stop) -> Rebuild {
        let started = Instant::now();
        let mut rebuild = Rebuild::new(RebuildKind::Pages);
        // Nothing is rendered while the handbook has errors; the rebuild
        // that fixes them builds the site again and schedules a full pass.
        let pending = std::mem::replace(&mut self.pending, Pending::Nothing);
        match pending {
            _ if self.failed => {}
            Pending::Nothing => {}
            Pending::FullPass { fresh } => {
                rebuild.kind = RebuildKind::Site;
                // Pending while the pass runs, which adds what it renders to `fresh`.
                self.pending = Pending::FullPass { fresh };
                let all = jobs(&self.site);
                match self.render_until(&mut rebuild, &all, stop) {
                    Finished::Done(produced) => {
                        self.pending = Pending::Nothing;
                        self.finish_output(&mut rebuild, produced, &HashSet::new());
                    }
                    Finished::Stopped => {}
                    // The rebuild that fixes the errors schedules a full pass.
                    Finished::Failed => self.pending = Pending::Nothing,
                }
            }
            Pending::Later(later) => {
                let before = self.site_wide_paths.clone();
                if let Finished::Done(_) = self.render_until(&mut rebuild, &later, stop) {
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
        rebuild.deferred = self.has_deferred();
        rebuild.elapsed = started.elapsed();
        rebuild
    }

    /// Renders `jobs` a step at a time, then the site-wide outputs, unless
    /// `stop` asks between steps.
    fn render_until(&mut self, rebuild: &mut Rebuild, jobs: &[Job], stop: &Stop) -> Finished {
        let mut produced = HashSet::new();
        for step in steps(jobs) {
            if stop.asked() {
                return Finished::Stopped;
            }
            match self.render_into(rebuild, step, false, None) {
                Some(paths) => produced.extend(paths),
                None => return Finished::Failed,
            }
        }
        match self.render_into(rebuild, &[], false, Some(stop)) {
            Some(paths) => {
                produced.extend(paths);
                Finished::Done(produced)
            }
            None if self.failed => Finished::Failed,
            None => Finished::Stopped,
        }
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
                || !job.shows_many_pages()
                || !self.shared_paths.contains_key(job)
        });
        let site_wide = later.is_empty().then_some(&Stop::NEVER);
        let Some(mut produced) = self.render_into(rebuild, &now, force, site_wide) else {
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
