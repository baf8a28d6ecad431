//! The workbook's covers: the front (title, subtitle, who it is for, and a
//! mended-bowl mark) and the back (the title again and the author's words).

use crate::model::text::Inline;
use crate::model::Program;
use crate::pdf::flow::{text_items, Flow, FlowBlock, PageSpec, Para};
use crate::pdf::fonts::FontId;
use crate::pdf::frame::{Element, Page};
use crate::pdf::lines::{break_lines, Align, Span};
use crate::pdf::shape::Style;
use crate::pdf::units::{Point, Pt};
use crate::personalise::Personal;
use crate::render::print::prose;
use crate::render::print::style::{body_para, book_look, gold, ink, muted, GOLD, INK};

/// The cover page.
pub fn page(p: &Program, spec: PageSpec, personal: Option<&Personal>) -> Page {
    let mut page = Page::new(spec.size);
    let body = spec.body();
    let mut y = body.y + body.h * 0.22;
    let kicker = gold(FontId::SansBold, 11.0);
    let t = &p.strings;
    let weeks = t.count("cover_kicker", p.weeks.len(), &[]).to_uppercase();
    y = centered(&mut page, &weeks, kicker, y, spec, 1.4);
    y += Pt(14.0);
    let title = personal
        .and_then(|x| x.person.title.as_deref())
        .unwrap_or(&p.title);
    y = centered(&mut page, title, ink(FontId::SansBold, 34.0), y, spec, 1.15);
    if let Some(sub) = &p.subtitle {
        y += Pt(8.0);
        y = centered(
            &mut page,
            sub,
            muted(FontId::SerifItalic, 16.0),
            y,
            spec,
            1.3,
        );
    }
    y += Pt(28.0);
    bowl(
        &mut page,
        Point::new(body.x + body.w / 2.0, y + Pt(46.0)),
        Pt(70.0),
    );
    y += Pt(130.0);
    centered(
        &mut page,
        &p.audience,
        muted(FontId::Serif, 12.0),
        y,
        spec,
        1.4,
    );
    let foot = body.bottom() - Pt(20.0);
    match personal {
        Some(x) => {
            let muted = |size: f32, font: FontId| muted(font, size);
            let mut y = body.bottom() - Pt(110.0);
            y = centered(
                &mut page,
                &t.fmt("cover_for", &[("names", &x.names)]),
                ink(FontId::SerifItalic, 20.0),
                y,
                spec,
                1.3,
            );
            y += Pt(4.0);
            y = centered(&mut page, &x.span, muted(12.0, FontId::Sans), y, spec, 1.4);
            if let Some(i) = &x.person.intentions {
                centered(
                    &mut page,
                    i,
                    muted(11.0, FontId::SerifItalic),
                    y + Pt(10.0),
                    spec,
                    1.35,
                );
            }
        }
        None => {
            centered(
                &mut page,
                t.get("cover_names_line"),
                muted(FontId::Sans, 10.0),
                foot,
                spec,
                1.3,
            );
        }
    }
    page
}

/// Sets `text` centred on the page from `y` (top of the first line); returns the y below it.
fn centered(
    page: &mut Page,
    text: &str,
    style: Style,
    mut y: Pt,
    spec: PageSpec,
    leading: f32,
) -> Pt {
    let body = spec.body();
    let measure = body.w * 0.8;
    let x0 = body.x + (body.w - measure) / 2.0;
    for line in break_lines(&[Span::new(text, style)], measure, Align::Center) {
        let lh = style.size * leading;
        let baseline = y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
        page.items
            .extend(text_items(&line, Point::new(x0, baseline)));
        y += lh;
    }
    y
}

/// A bowl drawn as a half circle with a gold mend line across it.
fn bowl(page: &mut Page, center: Point, r: Pt) {
    let steps = 24;
    let mut prev = None;
    for i in 0..=steps {
        let a = std::f32::consts::PI * i as f32 / steps as f32;
        let p = Point::new(center.x + r * a.cos(), center.y + r * 0.55 * a.sin());
        if let Some(q) = prev {
            page.items.push(Element::Line {
                from: q,
                to: p,
                width: Pt(1.6),
                color: INK,
                dash: None,
            });
        }
        prev = Some(p);
    }
    page.items.push(Element::Line {
        from: Point::new(center.x - r - Pt(8.0), center.y),
        to: Point::new(center.x + r + Pt(8.0), center.y),
        width: Pt(1.6),
        color: INK,
        dash: None,
    });
    let mend = [
        (-0.35, 0.0),
        (-0.1, 0.22),
        (0.05, 0.12),
        (0.22, 0.42),
        (0.3, 0.5),
    ];
    for w in mend.windows(2) {
        let (a, b) = (w[0], w[1]);
        page.items.push(Element::Line {
            from: Point::new(center.x + r * a.0, center.y + r * a.1),
            to: Point::new(center.x + r * b.0, center.y + r * b.1),
            width: Pt(2.2),
            color: GOLD,
            dash: None,
        });
    }
}

/// The back cover: the mark, the title and subtitle, and the program's
/// `back_cover` words (its summary when it has none), in the lower half.
/// Words too long for one page go on over more, the last the back.
pub fn back(p: &Program, spec: PageSpec) -> Vec<Page> {
    let low = PageSpec {
        top: spec.size.h * 0.5,
        ..spec
    };
    let centred = |text: &str, style: Style, after: f32| {
        FlowBlock::Para(Para {
            align: Align::Center,
            space_after: Pt(after),
            ..body_para(vec![Span::new(text, style)])
        })
    };
    let mut blocks = vec![centred(&p.title, ink(FontId::SansBold, 20.0), 2.0)];
    if let Some(sub) = &p.subtitle {
        blocks.push(centred(sub, muted(FontId::SerifItalic, 13.0), 4.0));
    }
    blocks.push(FlowBlock::Rule);
    if p.back_cover.is_empty() {
        blocks.push(FlowBlock::Para(Para {
            align: Align::Center,
            ..body_para(prose::spans(
                &[Inline::Text(p.summary.clone())],
                muted(FontId::Serif, 11.0),
            ))
        }));
    } else {
        // The author's paragraphs are centred under the title.
        blocks.extend(
            prose::blocks(&p.back_cover, &p.images, Pt::ZERO, 3)
                .into_iter()
                .map(|b| match b {
                    FlowBlock::Para(para) if para.marker.is_none() => FlowBlock::Para(Para {
                        align: Align::Center,
                        ..para
                    }),
                    b => b,
                }),
        );
    }
    let mut flow = Flow::new(low, book_look(), 0);
    flow.place(&blocks);
    let mut pages = flow.finish(&p.title, "").pages;
    if let Some(first) = pages.first_mut() {
        let body = spec.body();
        bowl(
            first,
            Point::new(body.x + body.w / 2.0, low.top - Pt(70.0)),
            Pt(40.0),
        );
    }
    pages
}
