//! Links between items on the site: each resolved link becomes the relative URL of its target's page.

use super::urls;
use crate::model::images::Images;
use crate::model::links::{self as model_links, Target};
use crate::model::{Program, Project};

/// The site path a target's link leads to (an anchor for a question); None
/// for an image the program does not have.
pub fn path_of(t: &Target, images: &Images) -> Option<String> {
    Some(match t {
        Target::Week(n) => urls::week(*n),
        Target::Exercise(id) => urls::exercise(id),
        Target::Script(id) => urls::script(id),
        Target::Worksheet(id) => urls::worksheet(id),
        Target::Table(id) => urls::table(id),
        Target::Question(id) => format!("{}#{id}", urls::FAQ),
        // `static/` is copied to the site's root.
        Target::Static(path) => path.clone(),
        Target::Image(key) => super::images::path(images.get(key)?),
    })
}

/// Rewrites a resolved link or image written on the page at `page` as a
/// relative URL (an image's with what its `<img>` needs, see [`super::images`]).
fn from_page<'a>(page: &'a str, images: &'a Images) -> impl FnMut(&mut String) + 'a {
    move |url: &mut String| match Target::of(url) {
        Some(Target::Image(key)) => {
            if let Some(i) = images.get(&key) {
                *url = super::images::url_from(page, i);
            }
        }
        Some(t) => {
            if let Some(path) = path_of(&t, images) {
                *url = urls::relative(page, &path);
            }
        }
        None => {}
    }
}

/// The project with every link between items written as the relative URL
/// from the page its text is shown on.
pub fn for_site(project: &Project) -> Project {
    let mut p = project.clone();
    program(&mut p.program);
    p
}

fn program(p: &mut Program) {
    // Apart from the text it rewrites (the bytes are shared, not copied).
    let images = &p.images.clone();
    model_links::in_blocks(&mut p.intro, &mut from_page(urls::HOME, images));
    for w in &mut p.weeks {
        let page = urls::week(w.number);
        model_links::in_week(w, &mut from_page(&page, images));
    }
    for e in &mut p.exercises {
        let page = urls::exercise(&e.id);
        model_links::in_exercise(e, &mut from_page(&page, images));
    }
    for s in &mut p.scripts {
        let page = urls::script(&s.id);
        model_links::in_script(s, &mut from_page(&page, images));
    }
    for r in &mut p.rituals {
        model_links::in_blocks(&mut r.description, &mut from_page(urls::RITUALS, images));
    }
    for t in &mut p.tables {
        let page = urls::table(&t.id);
        model_links::in_table(t, &mut from_page(&page, images));
    }
    for q in p.faq.iter_mut().flat_map(|f| &mut f.questions) {
        model_links::in_blocks(&mut q.answer, &mut from_page(urls::FAQ, images));
    }
    for w in &mut p.worksheets {
        let page = urls::worksheet(&w.id);
        model_links::in_worksheet(w, &mut from_page(&page, images));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page_they_are_on() {
        let t = Target::Exercise("body-scan".into());
        let mut url = t.url();
        from_page(&urls::week(3), &Images::new())(&mut url);
        assert_eq!(url, "../exercises/body-scan.html");
        let mut url = Target::Week(1).url();
        from_page(urls::HOME, &Images::new())(&mut url);
        assert_eq!(url, "weeks/week-1.html");
        let mut url = Target::Question("why".into()).url();
        from_page(&urls::week(1), &Images::new())(&mut url);
        assert_eq!(url, "../faq.html#why");
        let mut url = Target::Static("maps/park.pdf".into()).url();
        from_page(&urls::exercise("a"), &Images::new())(&mut url);
        assert_eq!(url, "../maps/park.pdf");
        let mut url = "https://example.org/".to_string();
        from_page(urls::HOME, &Images::new())(&mut url);
        assert_eq!(url, "https://example.org/");
    }
}
