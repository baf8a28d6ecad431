//! Thumbnails of the worksheets for the printables page: each sheet's laid-out
//! page drawn by the engine's rasteriser ([`crate::pdf::raster`]), [`WIDTH`] px
//! wide and twice that for sharp screens, as `images/sheet-<hash>.png`
//! named by a hash of the picture, so a changed sheet gets a new name and an
//! old one can be cached for ever. Drawn on every core.

use super::SiteFile;
use crate::model::images::key_of;
use crate::pdf::frame::Page;
use crate::pdf::raster;
use anyhow::{Context, Result};
use rayon::prelude::*;

/// The width a thumbnail is shown at, in CSS px.
pub const WIDTH: u32 = 240;

/// One sheet's thumbnail, for its `<img>`.
#[derive(Debug, Clone)]
pub struct Thumb {
    /// The worksheet's id.
    pub id: String,
    /// From the site's root.
    pub path: String,
    /// The picture at twice the size, from the site's root.
    pub path_2x: String,
    pub width: u32,
    pub height: u32,
}

/// The thumbnails of `sheets` (id and page), and their files.
pub fn make(
    sheets: &[(&str, &Page)],
    fonts: &'static crate::pdf::fonts::Fonts,
) -> Result<(Vec<Thumb>, Vec<SiteFile>)> {
    let drawn: Vec<Result<(Thumb, [SiteFile; 2])>> = sheets
        .par_iter()
        .map(|(id, page)| {
            let (one, two) = raster::png_pair(page, WIDTH, fonts)
                .with_context(|| format!("cannot draw the thumbnail of worksheet {id}"))?;
            let path = format!("images/sheet-{}.png", key_of(&one.png));
            let path_2x = format!("images/sheet-{}.png", key_of(&two.png));
            let thumb = Thumb {
                id: id.to_string(),
                path: path.clone(),
                path_2x: path_2x.clone(),
                width: one.width,
                height: one.height,
            };
            let files = [
                SiteFile {
                    path: path.into(),
                    bytes: one.png,
                },
                SiteFile {
                    path: path_2x.into(),
                    bytes: two.png,
                },
            ];
            Ok((thumb, files))
        })
        .collect();
    let mut thumbs = Vec::new();
    let mut files = Vec::new();
    for d in drawn {
        let (t, f) = d?;
        thumbs.push(t);
        files.extend(f);
    }
    Ok((thumbs, files))
}
