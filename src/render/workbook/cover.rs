//! The workbook's covers: the front (title, subtitle, who it is for, and a
//! mended-bowl mark) and the back (the title again and the author's words).

use crate::model::brand::LogoSize;
use crate::model::text::Inline;
use crate::model::Program;
use crate::pdf::flow::{line_field_rect, text_items, Flow, FlowBlock, PageSpec, Para};
use crate::pdf::fonts::FontId;
use crate::pdf::frame::{field_part, Element, Field, FieldKind, Mark, Page, Role, Tag};
use crate::pdf::lines::{break_lines, Align, Span};
use crate::pdf::shape::Style;
use crate::pdf::units::{Point, Pt, Rect};
use crate::personalise::Personal;
use crate::render::print::prose;
use crate::render::print::style::{body_para, book_look, gold, ink, muted, GOLD, INK, TINT};

/// The cover page: a field of fine gold seams drawn from the title, then
/// the kicker, title, subtitle and audience, the organisation (`org`) and,
/// in a personal copy, the names and dates.
pub fn page(p: &Program, spec: PageSpec, personal: Option<&Personal>, org: Option<&str>) -> Page {
    let mut page = Page::new(spec.size);
    let body = spec.body();
    let title = personal
        .and_then(|x| x.person.title.as_deref())
        .unwrap_or(&p.title);
    let edge = Pt::mm(14.0);
    let field = Rect {
        x: edge,
        y: edge,
        w: spec.size.w - edge * 2.0,
        h: spec.size.h * 0.40 - edge,
    };
    match p.cover.as_deref().and_then(|key| p.images.get(key)) {
        // The author's picture, as large as the field holds it, centred in it.
        Some(img) => {
            let image = prose::engine_image(img);
            let mut w = field.w;
            let mut h = w * image.aspect();
            if h > field.h {
                h = field.h;
                w = h / image.aspect();
            }
            page.items.push(Element::Image {
                rect: Rect {
                    x: field.x + (field.w - w) / 2.0,
                    y: field.y + (field.h - h) / 2.0,
                    w,
                    h,
                },
                image,
            });
        }
        None => seams(&mut page, field, title),
    }
    let mut y = field.bottom() + Pt(30.0);
    let kicker = gold(FontId::SansBold, 11.0);
    let t = &p.strings;
    let weeks = t.count("cover_kicker", p.weeks.len(), &[]).to_uppercase();
    y = centered(&mut page, &weeks, kicker, y, spec, 1.4);
    y += Pt(10.0);
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
    y += Pt(14.0);
    let c = body.x + body.w / 2.0;
    page.items.push(Element::Line {
        from: Point::new(c - Pt(24.0), y),
        to: Point::new(c + Pt(24.0), y),
        width: Pt(1.2),
        color: GOLD,
        dash: None,
    });
    y += Pt(16.0);
    centered(
        &mut page,
        &p.audience,
        muted(FontId::Serif, 12.0),
        y,
        spec,
        1.4,
    );
    let foot = body.bottom() - Pt(20.0);
    let org_at = if personal.is_some() {
        foot
    } else {
        foot - Pt(22.0)
    };
    // The brand's logo, above the organisation's name (or the names line).
    if let Some(logo) = p.brand.logo(LogoSize::Medium) {
        let image = prose::engine_image(logo);
        let h = Pt::mm(14.0);
        let w = (h / image.aspect()).min(Pt::mm(60.0));
        let h = w * image.aspect();
        // In a personal copy the names and dates stand above the organisation: the logo goes above them.
        let top = match personal {
            Some(_) => body.bottom() - Pt(140.0) - h,
            None => org_at - Pt(14.0) - h,
        };
        page.items.push(Element::Image {
            rect: Rect {
                x: body.x + (body.w - w) / 2.0,
                y: top,
                w,
                h,
            },
            image,
        });
    }
    if let Some(org) = org {
        let at = org_at;
        centered(
            &mut page,
            &org.to_uppercase(),
            muted(FontId::SansBold, 9.5),
            at,
            spec,
            1.3,
        );
    }
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
        None => write_in(
            &mut page,
            t.get("cover_names_line"),
            muted(FontId::Sans, 10.0),
            foot,
            spec,
        ),
    }
    page
}

/// A small deterministic random source (xorshift), seeded from text.
struct Seed(u64);

impl Seed {
    fn from(text: &str) -> Seed {
        // FNV-1a: the same title always gives the same pattern.
        let h = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        });
        Seed(h | 1)
    }

    /// A number in 0..1.
    fn next(&mut self) -> f32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x >> 40) as f32 / (1u64 << 24) as f32
    }
}

/// Gold seams across `field`, as the mended cracks of a kintsugi bowl: a
/// faint frame, and cracks that wander across it and branch, all inside it.
fn seams(page: &mut Page, field: Rect, text: &str) {
    let mut rng = Seed::from(text);
    page.items.push(Element::Fill {
        rect: field,
        color: TINT,
    });
    page.items.push(Element::Rect {
        rect: field,
        width: Pt(0.5),
        color: GOLD,
    });
    let clamp = |p: Point| {
        Point::new(
            p.x.max(field.x).min(field.right()),
            p.y.max(field.y).min(field.bottom()),
        )
    };
    let count = 5 + (rng.next() * 4.0) as usize;
    for i in 0..count {
        // Each seam enters at the left edge and wanders to the right one.
        let band = field.h / count as f32;
        let mut at = Point::new(field.x, field.y + band * (i as f32 + rng.next()));
        let steps = 9 + (rng.next() * 6.0) as usize;
        let dx = field.w / steps as f32;
        let width = Pt(0.5 + rng.next() * 1.3);
        for _ in 0..steps {
            let next = clamp(Point::new(
                at.x + dx * (0.8 + rng.next() * 0.4),
                at.y + field.h * (rng.next() - 0.5) * 0.16,
            ));
            page.items.push(Element::Line {
                from: at,
                to: next,
                width,
                color: GOLD,
                dash: None,
            });
            if rng.next() < 0.18 {
                // A short branch off the seam.
                let tip = clamp(Point::new(
                    next.x + dx * (rng.next() - 0.3),
                    next.y + field.h * (rng.next() - 0.5) * 0.3,
                ));
                page.items.push(Element::Line {
                    from: next,
                    to: tip,
                    width: width * 0.6,
                    color: GOLD,
                    dash: None,
                });
            }
            at = next;
        }
    }
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
    // The largest line of the cover is its heading; the others its paragraphs.
    let role = if style.size.0 >= 30.0 {
        Role::H(1)
    } else {
        Role::P
    };
    page.items
        .push(Element::Begin(Mark::Tag(Tag::new(role, None))));
    for line in break_lines(&[Span::new(text, style)], measure, Align::Center) {
        let lh = style.size * leading;
        let baseline = y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
        page.items
            .extend(text_items(&line, Point::new(x0, baseline)));
        y += lh;
    }
    page.items.push(Element::End);
    y
}

/// A centred line of words with blanks to write in (runs of three or more
/// underscores, as in "Names: ____  Started on: ____"): the words as text,
/// each blank a rule with a text field on it, named after the words before it
/// (`cover.names`, `cover.started-on`). A line too long for one line is set
/// as [`centered`] text, blanks and all.
fn write_in(page: &mut Page, text: &str, style: Style, y: Pt, spec: PageSpec) {
    let body = spec.body();
    let measure = body.w * 0.8;
    let x0 = body.x + (body.w - measure) / 2.0;
    let lines = break_lines(&[Span::new(text, style)], measure, Align::Center);
    let [line] = lines.as_slice() else {
        centered(page, text, style, y, spec, 1.3);
        return;
    };
    // The words before each blank, in reading order: the blanks' labels.
    let trim = |w: &str| {
        w.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：'))
            .to_string()
    };
    let mut labels = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("___") {
        labels.push(trim(&rest[..at]));
        rest = rest[at..].trim_start_matches('_');
    }
    // The line without its blanks, and where each blank was.
    let blank_at = |glyphs: &[crate::pdf::shape::Glyph]| {
        glyphs.len() >= 3 && glyphs[..3].iter().all(|g| g.text == "_")
    };
    let mut kept = line.clone();
    kept.runs.clear();
    let mut blanks: Vec<(Pt, Pt)> = Vec::new();
    let mut rtl = false;
    for run in &line.runs {
        rtl |= run.rtl;
        // `x` runs along the glyphs; a right-to-left run's go from its right end.
        let place = |x: Pt, w: Pt| {
            if run.rtl {
                run.x + run.width() - (x - run.x) - w
            } else {
                x
            }
        };
        let (mut x, mut i) = (run.x, 0);
        while i < run.glyphs.len() {
            let start = i;
            if blank_at(&run.glyphs[i..]) {
                while run.glyphs.get(i).is_some_and(|g| g.text == "_") {
                    i += 1;
                }
            } else {
                i += 1;
                while i < run.glyphs.len() && !blank_at(&run.glyphs[i..]) {
                    i += 1;
                }
            }
            let glyphs = &run.glyphs[start..i];
            let width: Pt = glyphs.iter().map(|g| g.advance).sum();
            if blank_at(glyphs) {
                let left = place(x, width);
                blanks.push((left, left + width));
            } else {
                let mut part = run.clone();
                part.glyphs = glyphs.to_vec();
                part.x = place(x, width);
                kept.runs.push(part);
            }
            x += width;
        }
    }
    // Labels follow the reading order: right to left, the rightmost blank first.
    blanks.sort_by(|a, b| a.0 .0.total_cmp(&b.0 .0));
    if rtl {
        blanks.reverse();
    }
    let lh = style.size * 1.3;
    let baseline = y + (lh - line.ascent - line.descent) / 2.0 + line.ascent;
    page.items
        .push(Element::Begin(Mark::Tag(Tag::new(Role::P, None))));
    page.items
        .extend(text_items(&kept, Point::new(x0, baseline)));
    let size = style.size + Pt(1.0);
    for (k, (a, b)) in blanks.iter().enumerate() {
        let (a, b) = (x0 + *a + Pt(2.0), x0 + *b - Pt(2.0));
        let rule = baseline + Pt(1.5);
        page.items.push(Element::Line {
            from: Point::new(a, rule),
            to: Point::new(b, rule),
            width: Pt(0.6),
            color: style.color,
            dash: None,
        });
        let label = labels.get(k).map_or("", String::as_str);
        page.items.push(Element::Field {
            rect: line_field_rect(a, b, rule, size),
            field: std::sync::Arc::new(Field {
                name: format!("cover.{}", field_part(label, "blank")),
                label: label.to_string(),
                kind: FieldKind::Text {
                    multiline: false,
                    size,
                    right: rtl,
                },
            }),
        });
    }
    page.items.push(Element::End);
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
