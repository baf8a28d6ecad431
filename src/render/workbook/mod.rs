//! The workbook: the whole program as a book that flows over many pages.
//!
//! Takes the model and a paper size; gives a [`Document`] of frames: a cover,
//! a contents page whose page numbers come from a first layout pass, an
//! introduction, one chapter per week with its exercises and scripts, then the
//! ritual menu, the tables and the FAQ.

mod cover;

use crate::model::text::Inline;
use crate::model::Paper;
use crate::model::{Exercise, Program, Script, Week};
use crate::pdf::flow::{Flow, FlowBlock, Marker, Para, TableBlock, WriteField};
use crate::pdf::fonts::FontId;
use crate::pdf::frame::{field_part, Document, LabelStyle, PageLabel, Role};
use crate::pdf::lines::{Align, Span};
use crate::pdf::shape::{LinkTarget, Style};
use crate::pdf::units::Pt;
use crate::personalise::Personal;
use crate::render::print::prose::{self, heading_para, spans};
use crate::render::print::style::{
    body, body_para, book_look, book_page, callout, fonts_of, gold, gutter, heading, ink, muted,
    recolor, BODY,
};
use crate::strings::Strings;

/// How the workbook is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub paper: Paper,
    /// Double-sided: chapters start on right-hand pages.
    pub duplex: bool,
}

/// Lays out the workbook for `program`.
///
/// The front matter (cover, contents) is numbered i, ii, …; the body from 1.
/// The contents need the body's page numbers and the body's first page
/// depends on how long the contents are, so the contents are laid out twice.
pub fn compose(
    program: &Program,
    language: &str,
    opts: Options,
    personal: Option<&Personal>,
) -> Document {
    let _fonts = fonts_of(&program.brand);
    let rtl = crate::strings::is_rtl(language);
    let _direction = crate::pdf::lines::Direction::new(rtl);
    let _hyphenation = crate::pdf::lines::Hyphenation::for_language(language);
    let spec = book_page(opts.paper);
    let chapters = chapters(program, personal);
    let t = &program.strings;
    let contents = |numbers: &dyn Fn(&str) -> String| -> Vec<FlowBlock> {
        let mut out = vec![
            FlowBlock::Chapter {
                title: t.get("contents").into(),
                anchor: "contents".into(),
            },
            FlowBlock::Heading {
                para: chapter_title_para(t.get("contents")),
                outline: None,
                anchor: None,
            },
        ];
        for (title, anchor) in chapter_list(&chapters) {
            let font = if anchor.starts_with("week-") {
                FontId::SerifBold
            } else {
                FontId::Serif
            };
            let style = ink(font, 11.5);
            out.push(FlowBlock::TocEntry {
                title: vec![Span::new(title, style)],
                page: numbers(&anchor),
                anchor,
                indent: Pt::ZERO,
            });
        }
        out
    };
    let front_flow = || {
        Flow::new(spec, book_look(), 1)
            .numbered(LabelStyle::Roman, 2)
            .duplex(opts.duplex)
    };
    // Pass 1: how many pages the front matter takes (the numbers are not known yet).
    let mut dry = front_flow();
    dry.place(&contents(&|_| "00".into()));
    let mut body_start = 1 + dry.finish("", language).pages.len();
    if opts.duplex && body_start % 2 == 1 {
        body_start += 1; // the body opens on a right-hand page
    }
    // Pass 2: the body, with links between items followed by the page they
    // lead to: first a number of fixed width, then the real ones, again
    // while that moves an anchor.
    let lay_body = |numbers: &dyn Fn(&str) -> String| {
        let mut flow = Flow::new(spec, book_look(), body_start)
            .numbered(LabelStyle::Arabic, 1)
            .duplex(opts.duplex);
        flow.place_chapters(&with_page_numbers(t, &chapters, numbers));
        let mut body = flow.finish(&program.title, language);
        worksheet_anchors(program, &mut body);
        body
    };
    let mut body = lay_body(&|_| "00".into());
    let rounds = if links_within(&chapters) { 3 } else { 0 };
    for _ in 0..rounds {
        let again = lay_body(&|anchor| match body.anchor_page(anchor) {
            Some(p) => LabelStyle::Arabic.format(p + 1 - body_start),
            None => String::new(),
        });
        let moved = again.anchors != body.anchors;
        body = again;
        if !moved {
            break;
        }
    }
    // Pass 3: the contents with real page numbers.
    let number = |anchor: &str| match body.anchor_page(anchor) {
        Some(p) => LabelStyle::Arabic.format(p + 1 - body_start),
        None => String::new(),
    };
    let mut toc = front_flow();
    toc.place(&contents(&number));
    let front = toc.finish(&program.title, language);

    let mut pages = vec![cover::page(
        program,
        spec,
        personal,
        program.brand.name.as_deref(),
    )];
    pages.extend(front.pages);
    while pages.len() < body_start {
        pages.push(crate::pdf::frame::Page::new(spec.size));
    }
    pages.extend(body.pages);
    // The back cover ends the book, on a left-hand page when printed duplex.
    let back = cover::back(program, spec);
    if opts.duplex && (pages.len() + back.len()) % 2 == 1 {
        pages.push(crate::pdf::frame::Page::new(spec.size));
    }
    pages.extend(back);
    let mut doc = Document {
        fonts: crate::pdf::fonts::fonts().id,
        title: program.title.clone(),
        author: program.brand.name.clone().unwrap_or_default(),
        subject: program.summary.clone(),
        language: language.to_string(),
        pages,
        outline: front.outline.into_iter().chain(body.outline).collect(),
        anchors: front.anchors.into_iter().chain(body.anchors).collect(),
        labels: vec![
            PageLabel {
                start: 0,
                style: LabelStyle::Roman,
                first: 1,
            },
            PageLabel {
                start: body_start,
                style: LabelStyle::Arabic,
                first: 1,
            },
        ],
    };
    if opts.duplex {
        // The cover stays centred; every other page gets a binding gutter.
        doc.bind(1, gutter());
    }
    if rtl {
        doc.mirror();
    }
    recolor(&mut doc.pages, &program.brand);
    doc
}

/// True when some text links to a place in the workbook, so its page numbers
/// need a second layout.
fn links_within(blocks: &[FlowBlock]) -> bool {
    let linked = |spans: &[Span]| {
        spans
            .iter()
            .any(|s| matches!(s.link, Some(LinkTarget::Anchor(_))))
    };
    blocks.iter().any(|b| match b {
        FlowBlock::Para(p) | FlowBlock::Heading { para: p, .. } => linked(&p.spans),
        FlowBlock::Table(t) => t
            .header
            .iter()
            .chain(t.rows.iter().flatten())
            .any(|c| linked(c)),
        FlowBlock::Panel { blocks, .. } => links_within(blocks),
        _ => false,
    })
}

/// A worksheet is a PDF of its own: a link to one leads to where the first
/// week that uses it names it ("Sheets to print"), as `worksheet-<id>`.
fn worksheet_anchors(program: &Program, body: &mut Document) {
    for w in &program.worksheets {
        let page = program
            .week_using(&w.id)
            .and_then(|week| body.anchor_page(&format!("sheets-week-{}", week.number)));
        if let Some(page) = page {
            body.anchors.push((format!("worksheet-{}", w.id), page));
        }
    }
}

/// `blocks` with " (p. N)" after each link to an anchor of the workbook, N
/// given by `numbers` (no number, no words: a target outside the workbook).
fn with_page_numbers(
    t: &Strings,
    blocks: &[FlowBlock],
    numbers: &dyn Fn(&str) -> String,
) -> Vec<FlowBlock> {
    let add = |spans: &mut Vec<Span>| {
        let mut out = Vec::with_capacity(spans.len());
        for (i, span) in spans.iter().enumerate() {
            out.push(span.clone());
            let Some(LinkTarget::Anchor(a)) = &span.link else {
                continue;
            };
            let ends = spans.get(i + 1).is_none_or(|next| next.link != span.link);
            let n = numbers(a);
            if ends && !n.is_empty() {
                out.push(Span {
                    text: format!(" {}", t.fmt("page_ref", &[("n", &n)])),
                    ..span.clone()
                });
            }
        }
        *spans = out;
    };
    let mut blocks = blocks.to_vec();
    for b in &mut blocks {
        match b {
            FlowBlock::Para(p) | FlowBlock::Heading { para: p, .. } => add(&mut p.spans),
            FlowBlock::Table(t) => t
                .header
                .iter_mut()
                .chain(t.rows.iter_mut().flatten())
                .for_each(add),
            FlowBlock::Panel { blocks, .. } => *blocks = with_page_numbers(t, blocks, numbers),
            _ => {}
        }
    }
    blocks
}

/// The chapter titles and anchors, in order, for the contents page.
fn chapter_list(blocks: &[FlowBlock]) -> Vec<(String, String)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            FlowBlock::Chapter { title, anchor } => Some((title.clone(), anchor.clone())),
            _ => None,
        })
        .collect()
}

fn chapter_title_para(title: &str) -> Para {
    Para {
        spans: vec![Span::new(title, heading(FontId::SansBold, 24.0))],
        align: Align::Left,
        indent: Pt::ZERO,
        marker: None,
        leading: 1.2,
        space_before: Pt::ZERO,
        space_after: Pt(6.0),
        keep_with_next: true,
        role: Role::H(1),
    }
}

/// A chapter opening: new page, big title, a gold rule.
fn open_chapter(out: &mut Vec<FlowBlock>, title: &str, anchor: &str, kicker: Option<&str>) {
    out.push(FlowBlock::Chapter {
        title: title.to_string(),
        anchor: anchor.to_string(),
    });
    if let Some(k) = kicker {
        let style = gold(FontId::SansBold, 10.0);
        out.push(FlowBlock::Para(Para {
            align: Align::Left,
            space_after: Pt(2.0),
            ..body_para(vec![Span::new(k, style)])
        }));
    }
    out.push(FlowBlock::Heading {
        para: chapter_title_para(title),
        outline: None,
        anchor: None,
    });
    out.push(FlowBlock::Rule);
}

/// A week's opening: the kicker, the week's number large in the accent,
/// its title, a rule, and the week's focus. The chapter (outline, running
/// head, contents) keeps the full title.
fn week_opener(out: &mut Vec<FlowBlock>, title: &str, anchor: &str, kicker: &str, week: &Week) {
    out.push(FlowBlock::Chapter {
        title: title.to_string(),
        anchor: anchor.to_string(),
    });
    let line = |text: String, style: Style, leading: f32, after: f32| {
        FlowBlock::Para(Para {
            align: Align::Left,
            leading,
            space_after: Pt(after),
            keep_with_next: true,
            ..body_para(vec![Span::new(text, style)])
        })
    };
    out.push(line(
        kicker.to_string(),
        gold(FontId::SansBold, 10.0),
        1.3,
        0.0,
    ));
    out.push(line(
        week.number.to_string(),
        gold(FontId::SansBold, 72.0),
        1.05,
        0.0,
    ));
    out.push(FlowBlock::Heading {
        para: Para {
            spans: vec![Span::new(&week.title, heading(FontId::SansBold, 26.0))],
            ..chapter_title_para(title)
        },
        outline: None,
        anchor: None,
    });
    out.push(FlowBlock::Rule);
    out.push(FlowBlock::Para(Para {
        align: Align::Left,
        leading: 1.35,
        space_after: Pt(16.0),
        ..body_para(vec![Span::new(
            &week.focus,
            muted(FontId::SerifItalic, 14.0),
        )])
    }));
}

fn para_text(text: &str, style: Style) -> FlowBlock {
    FlowBlock::Para(Para {
        align: Align::Left,
        ..body_para(vec![Span::new(text, style)])
    })
}

/// A one-line note under a heading (duration, summary), kept with what follows.
fn note(text: &str) -> FlowBlock {
    let style = muted(FontId::Sans, 9.5);
    FlowBlock::Para(Para {
        align: Align::Left,
        keep_with_next: true,
        ..body_para(vec![Span::new(text, style)])
    })
}

fn lead(text: &str) -> FlowBlock {
    let style = muted(FontId::SerifItalic, 12.0);
    FlowBlock::Para(Para {
        align: Align::Left,
        leading: 1.35,
        space_after: Pt(10.0),
        ..body_para(vec![Span::new(text, style)])
    })
}

fn numbered(items: &[Vec<Inline>], out: &mut Vec<FlowBlock>) {
    out.push(FlowBlock::Open(Role::L));
    for (i, item) in items.iter().enumerate() {
        let marker = Span::new(format!("{}.", i + 1), ink(FontId::SansBold, BODY));
        out.push(FlowBlock::Open(Role::LI));
        out.push(FlowBlock::Para(Para {
            indent: Pt(18.0),
            marker: Some(Marker::Text(marker)),
            space_after: Pt(3.0),
            ..body_para(spans(item, body()))
        }));
        out.push(FlowBlock::Close);
    }
    out.push(FlowBlock::Close);
}

/// Items with a box to tick in front of each.
fn checklist(items: &[Vec<Inline>], out: &mut Vec<FlowBlock>) {
    out.push(FlowBlock::Open(Role::L));
    for item in items {
        out.push(FlowBlock::Open(Role::LI));
        out.push(FlowBlock::Para(Para {
            indent: Pt(20.0),
            marker: Some(Marker::Checkbox),
            space_after: Pt(4.0),
            ..body_para(spans(item, body()))
        }));
        out.push(FlowBlock::Close);
    }
    out.push(FlowBlock::Close);
}

fn chapters(p: &Program, personal: Option<&Personal>) -> Vec<FlowBlock> {
    let mut out = Vec::new();
    let t = &p.strings;
    open_chapter(&mut out, t.get("before_you_begin"), "intro", None);
    out.push(lead(&p.summary));
    out.extend(prose::blocks(&p.intro, &p.images, Pt::ZERO, 2));

    let mut printed: Vec<String> = Vec::new();
    for week in &p.weeks {
        let dates = personal
            .and_then(|x| x.weeks.get(week.number as usize - 1))
            .map(|w| w.label.as_str());
        week_chapter(p, week, dates, &mut printed, &mut out);
    }

    if !p.rituals.is_empty() {
        open_chapter(
            &mut out,
            &p.rituals_title,
            "rituals",
            Some(&p.rituals_kicker.to_uppercase()),
        );
    }
    for (i, r) in p.rituals.iter().enumerate() {
        let mut title = t.fmt("ritual_minutes", &[("title", &r.title), ("n", &r.minutes)]);
        match personal {
            Some(x) if Some(i) == x.person.ritual => {
                title.push_str(&format!(" · {}", t.get("your_ritual")))
            }
            None if Some(i) == p.default_ritual => {
                title.push_str(&format!(" · {}", t.get("the_default")))
            }
            _ => {}
        }
        out.push(FlowBlock::Heading {
            para: heading_para(&[Inline::Text(title)], 3),
            outline: None,
            anchor: None,
        });
        out.extend(prose::blocks(&r.description, &p.images, Pt::ZERO, 3));
    }

    for t in &p.tables {
        open_chapter(&mut out, &t.title, &format!("table-{}", t.id), None);
        out.extend(prose::blocks(&t.intro, &p.images, Pt::ZERO, 3));
        let head = ink(FontId::SansBold, 9.0);
        let cell = ink(FontId::Serif, 9.5);
        out.push(FlowBlock::Table(TableBlock {
            align: Vec::new(),
            weights: t
                .columns
                .iter()
                .enumerate()
                .map(|(i, _)| if i == 0 { 1.1 } else { 1.0 })
                .collect(),
            header: t.columns.iter().map(|c| vec![Span::new(c, head)]).collect(),
            rows: t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .enumerate()
                        .map(|(i, c)| {
                            spans(
                                c,
                                if i == 0 {
                                    Style {
                                        font: FontId::SerifBold,
                                        ..cell
                                    }
                                } else {
                                    cell
                                },
                            )
                        })
                        .collect()
                })
                .collect(),
        }));
    }

    if let Some(faq) = &p.faq {
        open_chapter(&mut out, &faq.title, "faq", None);
    }
    for q in p.faq.iter().flat_map(|f| &f.questions) {
        out.push(FlowBlock::Heading {
            para: heading_para(&[Inline::Text(q.question.clone())], 3),
            outline: None,
            anchor: None,
        });
        out.extend(prose::blocks(&q.answer, &p.images, Pt::ZERO, 3));
    }
    out
}

fn week_chapter(
    p: &Program,
    week: &Week,
    dates: Option<&str>,
    printed: &mut Vec<String>,
    out: &mut Vec<FlowBlock>,
) {
    let anchor = format!("week-{}", week.number);
    let t = &p.strings;
    let kicker = match dates {
        Some(d) => t.fmt("week_dates", &[("n", &week.number), ("dates", &d)]),
        None => t
            .fmt(
                "week_kicker",
                &[("n", &week.number), ("total", &p.weeks.len())],
            )
            .to_uppercase(),
    };
    week_opener(
        out,
        &t.fmt("week_title", &[("n", &week.number), ("title", &week.title)]),
        &anchor,
        &kicker,
        week,
    );
    if !week.tasks.is_empty() {
        out.push(FlowBlock::Heading {
            para: heading_para(&[Inline::Text(t.get("this_week").into())], 2),
            outline: Some(t.get("this_week").into()),
            anchor: None,
        });
        checklist(&week.tasks, out);
    }
    out.extend(prose::blocks(&week.body, &p.images, Pt::ZERO, 2));
    for id in &week.exercises {
        if let Some(e) = p.exercise(id) {
            exercise(p, e, printed, out);
        }
    }
    for id in &week.scripts {
        if let Some(s) = p.script(id) {
            script(p, s, printed, out);
        }
    }
    let sheets: Vec<&str> = week
        .worksheets
        .iter()
        .filter_map(|id| p.worksheet(id))
        .map(|w| w.title.as_str())
        .collect();
    if !sheets.is_empty() {
        out.push(FlowBlock::Heading {
            para: heading_para(&[Inline::Text(t.get("sheets_heading").into())], 3),
            outline: None,
            anchor: Some(format!("sheets-week-{}", week.number)),
        });
        out.push(para_text(
            &t.fmt("sheets_print", &[("list", &sheets.join(", "))]),
            body(),
        ));
    }
    out.push(FlowBlock::Heading {
        para: heading_para(&[Inline::Text(t.get("notes").into())], 3),
        outline: None,
        anchor: None,
    });
    // The rest of the page to write on; a fresh page when little is left.
    out.push(FlowBlock::WriteRest {
        min: 6,
        indent: Pt::ZERO,
        field: Some(WriteField {
            name: format!("week-{}.notes", week.number),
            label: format!("{} · {}", week.title, t.get("notes")),
        }),
    });
}

/// Prints an item in full the first time, then only refers back to it.
fn first_time(
    t: &Strings,
    id: &str,
    title: &str,
    kind: &str,
    printed: &mut Vec<String>,
    out: &mut Vec<FlowBlock>,
) -> bool {
    let key = format!("{kind}-{id}");
    if printed.contains(&key) {
        let style = muted(FontId::SerifItalic, BODY);
        let mut span = Span::new(
            t.fmt(&format!("met_{kind}_before"), &[("title", &title)]),
            style,
        );
        span.link = Some(LinkTarget::Anchor(key));
        out.push(FlowBlock::Para(Para {
            align: Align::Left,
            ..body_para(vec![span])
        }));
        return false;
    }
    printed.push(key);
    true
}

fn exercise(p: &Program, e: &Exercise, printed: &mut Vec<String>, out: &mut Vec<FlowBlock>) {
    let t = &p.strings;
    if !first_time(t, &e.id, &e.title, "exercise", printed, out) {
        return;
    }
    let title = t.fmt("exercise_title", &[("title", &e.title)]);
    let mut inner = vec![panel_heading(title, format!("exercise-{}", e.id))];
    let mut meta = vec![t.count("about_minutes", e.minutes as usize, &[])];
    let who: Vec<&str> = e.roles.iter().map(|r| r.who.as_str()).collect();
    if !who.is_empty() {
        meta.push(who.join(", "));
    }
    inner.push(meta_line(&meta.join(" · ")));
    inner.push(note(&e.summary));
    for r in &e.roles {
        let mut s = vec![Span::new(
            format!("{}: ", r.who),
            ink(FontId::SerifBold, BODY),
        )];
        s.extend(spans(&r.does, body()));
        inner.push(FlowBlock::Para(Para {
            align: Align::Left,
            indent: Pt(12.0),
            space_after: Pt(3.0),
            ..body_para(s)
        }));
    }
    inner.push(FlowBlock::Space(Pt(4.0)));
    numbered(&e.steps, &mut inner);
    inner.extend(prose::blocks(&e.body, &p.images, Pt::ZERO, 3));
    panel(inner, out);
}

/// A callout panel, with room below it.
fn panel(mut blocks: Vec<FlowBlock>, out: &mut Vec<FlowBlock>) {
    // The panel's padding ends it: no paragraph space on top of it.
    if let Some(FlowBlock::Para(p)) = blocks.last_mut() {
        p.space_after = Pt::ZERO;
    }
    out.push(FlowBlock::Panel {
        blocks,
        look: callout(),
    });
    out.push(FlowBlock::Space(Pt(12.0)));
}

/// The title at the top of a panel, in the outline and linked to as `anchor`.
fn panel_heading(title: String, anchor: String) -> FlowBlock {
    FlowBlock::Heading {
        para: Para {
            space_before: Pt::ZERO,
            ..heading_para(&[Inline::Text(title.clone())], 2)
        },
        outline: Some(title),
        anchor: Some(anchor),
    }
}

/// The small line under a panel's title: time, who.
fn meta_line(text: &str) -> FlowBlock {
    FlowBlock::Para(Para {
        align: Align::Left,
        keep_with_next: true,
        space_after: Pt(3.0),
        ..body_para(vec![Span::new(
            text.to_uppercase(),
            gold(FontId::SansBold, 8.0),
        )])
    })
}

fn script(p: &Program, s: &Script, printed: &mut Vec<String>, out: &mut Vec<FlowBlock>) {
    let t = &p.strings;
    if !first_time(t, &s.id, &s.title, "script", printed, out) {
        return;
    }
    let label = match s.kind {
        crate::model::ScriptKind::Script => t.get("script"),
        crate::model::ScriptKind::Template => t.get("template"),
    };
    let title = format!("{label} · {}", s.title);
    let mut inner = vec![panel_heading(title, format!("script-{}", s.id))];
    inner.push(meta_line(label));
    inner.push(note(&s.summary));
    for part in &s.parts {
        let mut sp = vec![Span::new(
            format!("{}. ", part.name),
            ink(FontId::SerifBold, BODY),
        )];
        sp.extend(spans(&part.text, ink(FontId::SerifItalic, BODY)));
        let template = s.kind == crate::model::ScriptKind::Template;
        inner.push(FlowBlock::Para(Para {
            align: Align::Left,
            indent: Pt(12.0),
            space_after: Pt(4.0),
            // A part of a template stays with the lines written under it.
            keep_with_next: template,
            ..body_para(sp)
        }));
        if template {
            inner.push(FlowBlock::WriteLines {
                count: 2,
                indent: Pt(12.0),
                field: Some(WriteField {
                    name: format!(
                        "script-{}.{}",
                        field_part(&s.id, "script"),
                        field_part(&part.name, "part")
                    ),
                    label: format!("{} · {}", s.title, part.name),
                }),
            });
        }
    }
    if !s.phrases.is_empty() {
        inner.push(FlowBlock::Open(Role::L));
    }
    for ph in &s.phrases {
        let marker = Span::new("“", gold(FontId::SerifBold, 13.0));
        inner.push(FlowBlock::Open(Role::LI));
        inner.push(FlowBlock::Para(Para {
            align: Align::Left,
            indent: Pt(18.0),
            marker: Some(Marker::Text(marker)),
            space_after: Pt(4.0),
            ..body_para(spans(ph, ink(FontId::SerifItalic, BODY)))
        }));
        inner.push(FlowBlock::Close);
    }
    if !s.phrases.is_empty() {
        inner.push(FlowBlock::Close);
    }
    inner.extend(prose::blocks(&s.body, &p.images, Pt::ZERO, 3));
    panel(inner, out);
}
