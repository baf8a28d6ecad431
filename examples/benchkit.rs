//! benchkit: the helper the benchmark scripts in bench/ run.
//!
//! `benchkit synth DIR --size 80|1000|10000 [--images N]` writes one synthetic
//! program in the default program's shape (with N pictures), and the same text for each peer: an mdBook,
//! a Zola site, a Hugo site, a Typst document and one Markdown file for
//! pandoc + WeasyPrint. `benchkit site ROOT OUT` builds only the guide site
//! (no PDFs, as the peers' sites have none) and `benchkit workbook ROOT OUT.pdf
//! [--profile P]` only the workbook, so each can be timed alone from a cold
//! process.

#[path = "../benches/synth.rs"]
#[allow(dead_code)]
mod synth;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use synth::{Block, Program};

// The same allocator as the kintsugi binary, so timings match it.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("synth") => synth_cmd(&args[1..]),
        Some("site") if args.len() == 3 => site(Path::new(&args[1]), Path::new(&args[2])),
        Some("workbook") if args.len() >= 3 => workbook(
            Path::new(&args[1]),
            Path::new(&args[2]),
            args.iter()
                .position(|a| a == "--profile")
                .and_then(|i| args.get(i + 1))
                .map(PathBuf::from),
        ),
        _ => Err(anyhow::anyhow!(
            "usage: benchkit synth DIR --size 80|1000|10000 [--images N]\n       benchkit site ROOT OUT\n       benchkit workbook ROOT OUT.pdf [--profile PROFILE.yaml]"
        )),
    };
    if let Err(e) = result {
        eprintln!("benchkit: {e:#}");
        std::process::exit(1);
    }
}

/// The three sizes of the issue: (weeks, exercises per week), six paragraphs a week.
fn shape(size: &str) -> anyhow::Result<(u32, u32)> {
    match size {
        "80" => Ok((6, 10)),
        "1000" => Ok((40, 24)),
        "10000" => Ok((50, 198)),
        other => anyhow::bail!("--size is 80, 1000 or 10000, not {other}"),
    }
}

fn synth_cmd(args: &[String]) -> anyhow::Result<()> {
    let dir = PathBuf::from(
        args.first()
            .ok_or_else(|| anyhow::anyhow!("synth needs DIR"))?,
    );
    let size = args
        .iter()
        .position(|a| a == "--size")
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
        .unwrap_or("80");
    let (weeks, exercises) = shape(size)?;
    let program = synth::generate(weeks, 6, exercises);
    synth::write_kintsugi(&program, &dir.join("kintsugi"))?;
    write_mdbook(&program, &dir.join("mdbook"))?;
    write_zola(&program, &dir.join("zola"))?;
    write_hugo(&program, &dir.join("hugo"))?;
    write_typst(&program, &dir.join("typst"))?;
    write_pandoc(&program, &dir.join("pandoc"))?;
    let images: usize = args
        .iter()
        .position(|a| a == "--images")
        .and_then(|i| args.get(i + 1))
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(0);
    add_images(&dir, images, program.weeks.len())?;
    std::fs::write(
        dir.join("profile.yaml"),
        "name: Zoë\npartner: Sam\nstart: 2026-03-02\n",
    )?;
    Ok(())
}

/// Picture `i` of a benchmark: photos (JPEG, 2000 × 1333 px), drawings
/// (PNG with alpha, 1600 × 1000 px) and diagrams (SVG), as a coach's
/// workbook has them; made from noise and gradients so they compress as
/// real pictures do, not as flat colour.
fn picture(i: usize) -> anyhow::Result<(String, Vec<u8>)> {
    let mut seed = 0x9e37_79b9_u32.wrapping_mul(i as u32 + 1);
    let mut noise = move || {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        (seed % 32) as u8
    };
    let mut out = std::io::Cursor::new(Vec::new());
    match i % 5 {
        0..=2 => {
            let img = image::RgbImage::from_fn(2000, 1333, |x, y| {
                let n = noise();
                image::Rgb([(x / 8) as u8 ^ n, (y / 6) as u8 + n, ((x + y) / 14) as u8])
            });
            image::DynamicImage::ImageRgb8(img).write_to(&mut out, image::ImageFormat::Jpeg)?;
            Ok((format!("photo-{i}.jpg"), out.into_inner()))
        }
        3 => {
            let img = image::RgbaImage::from_fn(1600, 1000, |x, y| {
                let inside = ((x as i32 - 800).pow(2) + (y as i32 - 500).pow(2)) < 400 * 400;
                let a = if inside { 255 } else { 0 };
                image::Rgba([(x / 7) as u8, 120 + noise(), (y / 5) as u8, a])
            });
            image::DynamicImage::ImageRgba8(img).write_to(&mut out, image::ImageFormat::Png)?;
            Ok((format!("drawing-{i}.png"), out.into_inner()))
        }
        _ => {
            let mut svg = String::from(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400" viewBox="0 0 800 400">"#,
            );
            for k in 0..60 {
                let _ = write!(
                    svg,
                    r##"<circle cx="{}" cy="{}" r="{}" fill="#{:02x}6e74" opacity="0.6"/>"##,
                    (k * 53) % 800,
                    (k * 97) % 400,
                    10 + k % 30,
                    (k * 4) % 256
                );
            }
            svg.push_str("</svg>");
            Ok((format!("diagram-{i}.svg"), svg.into_bytes()))
        }
    }
}

/// Puts `n` pictures into the kintsugi program (one in each week in turn)
/// and the same into the Typst document, as figures with captions.
fn add_images(dir: &Path, n: usize, weeks: usize) -> anyhow::Result<()> {
    if n == 0 {
        return Ok(());
    }
    let mut figures = String::from("= Pictures\n\n");
    for i in 0..n {
        let (name, bytes) = picture(i)?;
        std::fs::write(dir.join("kintsugi/content/weeks").join(&name), &bytes)?;
        std::fs::write(dir.join("typst").join(&name), &bytes)?;
        let week = dir.join(format!("kintsugi/content/weeks/week-{}.md", i % weeks + 1));
        let mut text = std::fs::read_to_string(&week)?;
        let _ = write!(text, "\n\n![Picture {i}]({name} \"Caption {i}\")\n");
        std::fs::write(&week, text)?;
        let _ = write!(
            figures,
            "#figure(image(\"{name}\", width: 100%), caption: [Caption {i}])\n\n"
        );
    }
    let book = dir.join("typst/book.typ");
    let mut text = std::fs::read_to_string(&book)?;
    text.push_str(&figures);
    std::fs::write(&book, text)?;
    Ok(())
}

fn site(root: &Path, out: &Path) -> anyhow::Result<()> {
    let mut project = kintsugi::check(root)?;
    project.program = kintsugi::personalise::public(&project.program);
    // As `kintsugi build` writes its site: each page is written as it is made.
    kintsugi::output::publish_with(out, |emit| {
        kintsugi::render::site::render_streamed(&project, project.config.paper, None, &mut |f| {
            emit.file(&f.path, &f.bytes)
        })
    })
}

fn workbook(root: &Path, out: &Path, profile: Option<PathBuf>) -> anyhow::Result<()> {
    let mut project = kintsugi::check(root)?;
    let opts = kintsugi::render::workbook::Options {
        paper: project.config.paper,
        duplex: false,
    };
    let pdf = match profile {
        Some(p) => {
            let person = kintsugi::app::personal::read_person(&project, &p)?;
            let (program, personal) = kintsugi::personalise::personalise(
                &project.program,
                &person,
                &project.config.language,
            );
            project.program = program;
            kintsugi::render::workbook_pdf(&project, opts, Some(&personal))?
        }
        None => {
            project.program = kintsugi::personalise::public(&project.program);
            kintsugi::render::workbook_pdf(&project, opts, None)?
        }
    };
    std::fs::write(out, pdf.bytes)?;
    Ok(())
}

/// Markdown of a page's fields and body, shared by the site generators.
fn week_markdown(w: &synth::Week, fill: impl Fn(&str) -> String) -> String {
    let mut s = format!(
        "*Focus:* {}\n\n### This week\n\n- {}\n- {}\n\n",
        w.focus, w.tasks[0], w.tasks[1]
    );
    for b in &w.body {
        s.push_str(&fill(&b.markdown()));
    }
    s
}

fn exercise_markdown(e: &synth::Exercise) -> String {
    format!(
        "*10 minutes.* {}\n\n**Partner A:** {}\n\n1. {}\n2. {}\n\n{}\n\n{}\n",
        e.summary, e.role, e.steps[0], e.steps[1], e.body[0], e.body[1]
    )
}

fn script_markdown(w: &synth::Week) -> String {
    format!(
        "{}\n\n> \"{}\"\n\n> \"{}\"\n\n{}\n",
        w.script_summary, w.phrases[0], w.phrases[1], w.script_body
    )
}

fn table_markdown(p: &Program) -> String {
    let mut s = String::from("| Name | When | Example |\n|---|---|---|\n");
    for r in &p.rows {
        let _ = writeln!(s, "| {} | {} | {} |", r[0], r[1], r[2]);
    }
    s
}

/// Public pages say "you" and "your partner" where a workbook names the couple.
fn neutral(s: &str) -> String {
    s.replace("{{ name }}", "You")
        .replace("{{ partner }}", "your partner")
}

fn intro_markdown(p: &Program) -> String {
    p.intro.iter().map(|i| format!("{i}\n\n")).collect()
}

fn write_mdbook(p: &Program, dir: &Path) -> anyhow::Result<()> {
    let src = dir.join("src");
    std::fs::create_dir_all(&src)?;
    std::fs::write(
        dir.join("book.toml"),
        "[book]\ntitle = \"A Synthetic Program\"\nlanguage = \"en\"\n\n[output.html]\n",
    )?;
    let mut summary = String::from("# Summary\n\n[Introduction](intro.md)\n\n");
    std::fs::write(
        src.join("intro.md"),
        format!("# A Synthetic Program\n\n{}", intro_markdown(p)),
    )?;
    for w in &p.weeks {
        let _ = writeln!(summary, "- [{}](week-{}.md)", w.title, w.n);
        std::fs::write(
            src.join(format!("week-{}.md", w.n)),
            format!("# {}\n\n{}", w.title, week_markdown(w, neutral)),
        )?;
        for e in &w.exercises {
            let _ = writeln!(summary, "  - [{}]({}.md)", e.title, e.id);
            std::fs::write(
                src.join(format!("{}.md", e.id)),
                format!("# {}\n\n{}", e.title, exercise_markdown(e)),
            )?;
        }
        let _ = writeln!(summary, "  - [Script {}](script-{}.md)", w.n, w.n);
        std::fs::write(
            src.join(format!("script-{}.md", w.n)),
            format!("# Script {}\n\n{}", w.n, script_markdown(w)),
        )?;
    }
    summary.push_str("- [A long table](table.md)\n- [Questions](faq.md)\n");
    std::fs::write(
        src.join("table.md"),
        format!("# A long table\n\n{}", table_markdown(p)),
    )?;
    std::fs::write(
        src.join("faq.md"),
        format!("# Questions\n\n## Why?\n\n{}\n", p.faq_answer),
    )?;
    std::fs::write(src.join("SUMMARY.md"), summary)?;
    Ok(())
}

/// A page for Zola (TOML front matter) or Hugo (YAML front matter).
fn front(toml: bool, title: &str, weight: usize, body: &str) -> String {
    if toml {
        format!("+++\ntitle = \"{title}\"\nweight = {weight}\n+++\n\n{body}")
    } else {
        format!("---\ntitle: \"{title}\"\nweight: {weight}\n---\n\n{body}")
    }
}

/// The pages both Zola and Hugo build: weeks, exercises and scripts in
/// sections of their own, the table and the questions.
fn write_site_content(p: &Program, content: &Path, toml: bool) -> anyhow::Result<()> {
    for section in ["weeks", "exercises", "scripts"] {
        std::fs::create_dir_all(content.join(section))?;
        let title = format!("{}{}", section[..1].to_uppercase(), &section[1..]);
        let index = if toml {
            format!("+++\ntitle = \"{title}\"\nsort_by = \"weight\"\n+++\n")
        } else {
            format!("---\ntitle: \"{title}\"\n---\n")
        };
        std::fs::write(content.join(section).join("_index.md"), index)?;
    }
    let home = if toml {
        format!(
            "+++\ntitle = \"A Synthetic Program\"\n+++\n\n{}",
            intro_markdown(p)
        )
    } else {
        format!(
            "---\ntitle: \"A Synthetic Program\"\n---\n\n{}",
            intro_markdown(p)
        )
    };
    std::fs::write(content.join("_index.md"), home)?;
    let mut weight = 0;
    for w in &p.weeks {
        weight += 1;
        std::fs::write(
            content.join(format!("weeks/week-{}.md", w.n)),
            front(toml, &w.title, weight, &week_markdown(w, neutral)),
        )?;
        for e in &w.exercises {
            weight += 1;
            std::fs::write(
                content.join(format!("exercises/{}.md", e.id)),
                front(toml, &e.title, weight, &exercise_markdown(e)),
            )?;
        }
        std::fs::write(
            content.join(format!("scripts/script-{}.md", w.n)),
            front(
                toml,
                &format!("Script {}", w.n),
                weight,
                &script_markdown(w),
            ),
        )?;
    }
    std::fs::write(
        content.join("table.md"),
        front(toml, "A long table", 0, &table_markdown(p)),
    )?;
    std::fs::write(
        content.join("faq.md"),
        front(
            toml,
            "Questions",
            0,
            &format!("## Why?\n\n{}\n", p.faq_answer),
        ),
    )?;
    Ok(())
}

/// Not run here: no Zola build could be installed on the development machine
/// (see bench/README.md). The layout follows Zola's documented structure.
fn write_zola(p: &Program, dir: &Path) -> anyhow::Result<()> {
    let t = dir.join("templates");
    std::fs::create_dir_all(&t)?;
    std::fs::write(
        dir.join("config.toml"),
        "base_url = \"/\"\ntitle = \"A Synthetic Program\"\ncompile_sass = false\nbuild_search_index = false\n",
    )?;
    let base = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{% block title %}{{ config.title }}{% endblock %}</title></head><body><nav>{% set weeks = get_section(path=\"weeks/_index.md\") %}{% for p in weeks.pages %}<a href=\"{{ p.permalink }}\">{{ p.title }}</a> {% endfor %}</nav><main>{% block content %}{% endblock %}</main></body></html>\n";
    std::fs::write(t.join("base.html"), base)?;
    std::fs::write(t.join("index.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}{% endblock %}\n")?;
    std::fs::write(t.join("section.html"), "{% extends \"base.html\" %}{% block content %}<h1>{{ section.title }}</h1><ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul>{% endblock %}\n")?;
    std::fs::write(t.join("page.html"), "{% extends \"base.html\" %}{% block title %}{{ page.title }}{% endblock %}{% block content %}<h1>{{ page.title }}</h1>{{ page.content | safe }}{% endblock %}\n")?;
    write_site_content(p, &dir.join("content"), true)
}

fn write_hugo(p: &Program, dir: &Path) -> anyhow::Result<()> {
    let l = dir.join("layouts/_default");
    std::fs::create_dir_all(&l)?;
    std::fs::write(
        dir.join("hugo.toml"),
        "baseURL = \"/\"\ntitle = \"A Synthetic Program\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\"]\n",
    )?;
    // The navigation is the same on every page: Hugo's partialCached renders it once.
    let partials = dir.join("layouts/partials");
    std::fs::create_dir_all(&partials)?;
    std::fs::write(partials.join("nav.html"), "<nav>{{ range (where .Site.RegularPages \"Section\" \"weeks\") }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a> {{ end }}</nav>")?;
    std::fs::write(l.join("baseof.html"), "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body>{{ partialCached \"nav.html\" . }}<main>{{ block \"main\" . }}{{ end }}</main></body></html>\n")?;
    std::fs::write(
        l.join("single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
    )?;
    std::fs::write(l.join("list.html"), "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n")?;
    write_site_content(p, &dir.join("content"), false)
}

/// A body block as Typst markup. The synthetic text holds only letters,
/// spaces, full stops, colons and the two placeholders, so nothing needs escaping.
fn typst_block(b: &Block) -> String {
    let fill = |s: &str| {
        s.replace("{{ name }}", "#name")
            .replace("{{ partner }}", "#partner")
    };
    match b {
        Block::Heading(h) => format!("=== {h}\n\n"),
        Block::Para(p) => format!("{}\n\n", fill(p)),
        Block::List(items) => {
            let mut s: String = items.iter().map(|i| format!("- {i}\n")).collect();
            s.push('\n');
            s
        }
    }
}

/// One Typst document with the workbook's content, in the same fonts and
/// paper; `--input name=… --input partner=… --input start=YYYY-MM-DD`
/// personalise it.
fn write_typst(p: &Program, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut s = String::from(
        r#"#let name = sys.inputs.at("name", default: "You")
#let partner = sys.inputs.at("partner", default: "your partner")
#let start = sys.inputs.at("start", default: none)
#let week-date(n) = if start != none {
  let (y, m, d) = start.split("-").map(int)
  let day = datetime(year: y, month: m, day: d) + duration(weeks: n - 1)
  [_Week of #day.display("[day padding:none] [month repr:long] [year]")_]
}
#set document(title: "A Synthetic Program")
#set page(paper: "a4", margin: (x: 22mm, top: 20mm, bottom: 24mm), numbering: "1")
#set text(font: "Vollkorn", size: 11pt, lang: "en")
#set par(justify: true)
#show heading: set text(font: "Lato")
#show heading.where(level: 1): it => { pagebreak(weak: true); it }

#align(center + horizon)[
  #text(font: "Lato", size: 30pt, weight: "bold")[A Synthetic Program]
  #v(1em)
  #text(size: 14pt)[For #name and #partner]
]
#pagebreak()
#outline(depth: 2)

= Introduction

"#,
    );
    s.push_str(&p.summary);
    s.push_str("\n\n");
    for i in &p.intro {
        s.push_str(i);
        s.push_str("\n\n");
    }
    for w in &p.weeks {
        let _ = write!(
            s,
            "= Week {}: {}\n\n#week-date({})\n\n_Focus:_ {}\n\n*This week*\n\n- {}\n- {}\n\n",
            w.n, w.title, w.n, w.focus, w.tasks[0], w.tasks[1]
        );
        for b in &w.body {
            s.push_str(&typst_block(b));
        }
        for e in &w.exercises {
            let _ = write!(
                s,
                "== {}\n\n_10 minutes._ {}\n\n*Partner A:* {}\n\n+ {}\n+ {}\n\n{}\n\n{}\n\n",
                e.title, e.summary, e.role, e.steps[0], e.steps[1], e.body[0], e.body[1]
            );
        }
        let _ = write!(
            s,
            "== Script {}\n\n{}\n\n#quote(block: true)[\"{}\"]\n\n#quote(block: true)[\"{}\"]\n\n{}\n\n",
            w.n, w.script_summary, w.phrases[0], w.phrases[1], w.script_body
        );
    }
    s.push_str("= A long table\n\n#table(columns: 3, [*Name*], [*When*], [*Example*],\n");
    for r in &p.rows {
        let _ = writeln!(s, "  [{}], [{}], [{}],", r[0], r[1], r[2]);
    }
    s.push_str(")\n\n= Questions\n\n== Why?\n\n");
    s.push_str(&p.faq_answer);
    s.push('\n');
    std::fs::write(dir.join("book.typ"), s)?;
    Ok(())
}

/// One Markdown file for pandoc, which makes HTML for WeasyPrint to print.
fn write_pandoc(p: &Program, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut s = format!(
        "---\ntitle: A Synthetic Program\nlang: en\n---\n\n# Introduction\n\n{}\n\n{}",
        p.summary,
        intro_markdown(p)
    );
    for w in &p.weeks {
        let _ = write!(
            s,
            "# Week {}: {}\n\n{}",
            w.n,
            w.title,
            week_markdown(w, neutral)
        );
        for e in &w.exercises {
            let _ = write!(s, "## {}\n\n{}\n", e.title, exercise_markdown(e));
        }
        let _ = write!(s, "## Script {}\n\n{}\n", w.n, script_markdown(w));
    }
    let _ = write!(
        s,
        "# A long table\n\n{}\n# Questions\n\n## Why?\n\n{}\n",
        table_markdown(p),
        p.faq_answer
    );
    std::fs::write(dir.join("book.md"), s)?;
    std::fs::write(
        dir.join("print.css"),
        "@page { size: A4; margin: 20mm 22mm 24mm; @bottom-center { content: counter(page); } }\nbody { font-family: Vollkorn, serif; font-size: 11pt; text-align: justify; }\nh1, h2, h3 { font-family: Lato, sans-serif; }\nh1 { break-before: page; }\n",
    )?;
    Ok(())
}
