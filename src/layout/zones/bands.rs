//! Where the frames go along the layers: the room their borders and titles take in the
//! channels, what routing keeps clear of their titles, which frames hold each node, and the
//! frames as drawn.

use crate::model::Design;
use crate::spec::vocabulary::Direction;

use super::super::boxes::{badge_row, badge_row_width};
use super::super::geometry::{Axes, Rect};
use super::super::route::Route;
use super::super::{Text, ZoneBox, text};
use super::{Badges, Frame, ZONE_HEAD, ZONE_PAD, title_room};

/// Left to right, a frame's title runs along the layers: they grow to fit it.
pub(in crate::layout) fn fit_titles(frames: &[Frame], badges: &Badges, layer_size: &mut [f32]) {
    for f in frames {
        let room = title_room(&f.title, &badges[f.zone.0 as usize]);
        let span: f32 = layer_size[f.first..=f.last].iter().sum();
        if room > span {
            layer_size[f.last] += room - span;
        }
    }
}

/// The frames' borders in the channels. Channel `l` holds the bottom borders of the frames
/// that end at layer `l - 1`, then its exit tracks, then the top borders (and, top to
/// bottom, the titles) of those that start at layer `l`, outermost first, then its entry
/// tracks and labels.
pub(in crate::layout) struct Bands {
    /// Per layer, the depths of the frames starting (ending) there, each once, ascending.
    starts: Vec<Vec<usize>>,
    ends: Vec<Vec<usize>>,
    /// What a frame's top takes along the layers.
    top: f32,
}

impl Bands {
    pub fn new(frames: &[Frame], layers: usize, direction: Direction) -> Bands {
        let mut starts = vec![Vec::new(); layers];
        let mut ends = vec![Vec::new(); layers];
        for f in frames {
            starts[f.first].push(f.depth);
            ends[f.last].push(f.depth);
        }
        for list in starts.iter_mut().chain(ends.iter_mut()) {
            list.sort_unstable();
            list.dedup();
        }
        let top = match direction {
            Direction::LeftToRight => ZONE_PAD,
            Direction::TopToBottom => ZONE_HEAD,
        };
        Bands { starts, ends, top }
    }

    /// The room each channel (one more than the layers) gives the frames' borders: before
    /// its tracks (closing frames), after them (opening frames).
    pub fn room(&self) -> (Vec<f32>, Vec<f32>) {
        let layers = self.starts.len();
        let closing = (0..=layers)
            .map(|l| if l > 0 { self.ends[l - 1].len() } else { 0 } as f32 * ZONE_PAD)
            .collect();
        let opening = (0..=layers)
            .map(|l| {
                let starts = self.starts.get(l).map_or(0, Vec::len);
                // A gap between the tracks and the first top border.
                let gap = if starts > 0 { ZONE_PAD } else { 0.0 };
                gap + starts as f32 * self.top
            })
            .collect();
        (closing, opening)
    }

    /// A frame's start and end along the layers: its top borders lie just before the entry
    /// tracks of its first layer's channel (`entry_u`, which starts `gap` after them), its
    /// bottom borders just after its last layer.
    pub fn extent(
        &self,
        f: &Frame,
        layer_u: &[(f32, f32)],
        entry_u: &[f32],
        gap: f32,
    ) -> (f32, f32) {
        let outside = |list: &[usize]| list.iter().filter(|&&d| d >= f.depth).count() as f32;
        let u0 = entry_u[f.first] - gap - outside(&self.starts[f.first]) * self.top;
        let (start, size) = layer_u[f.last];
        let u1 = start + size + outside(&self.ends[f.last]) * ZONE_PAD;
        (u0, u1)
    }
}

/// What routing must keep clear of the frames' titles, as blocks (first layer, last layer,
/// v start, v end): left to right the title band across the frame's layers; top to bottom
/// the title's stretch across the layers, in the layers on both sides of the channel that
/// holds it.
pub(in crate::layout) fn title_obstacles(
    frames: &[Frame],
    badges: &Badges,
    direction: Direction,
) -> Vec<(usize, usize, f32, f32)> {
    frames
        .iter()
        .map(|f| match direction {
            Direction::LeftToRight => (f.first, f.last, f.v, f.v + ZONE_HEAD),
            Direction::TopToBottom => (
                f.first.saturating_sub(1),
                f.first,
                f.v,
                f.v + title_room(&f.title, &badges[f.zone.0 as usize]) - ZONE_PAD,
            ),
        })
        .collect()
}

/// Where a title of `width` starts between `lo` and `hi`: the first place from `lo` that no
/// path crosses (`blocked`, as intervals), or `lo` when there is none.
pub(in crate::layout) fn title_start(
    lo: f32,
    hi: f32,
    width: f32,
    mut blocked: Vec<(f32, f32)>,
) -> f32 {
    blocked.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut at = lo;
    for (a, b) in blocked {
        if b + 4.0 < at {
            continue;
        }
        if a - 4.0 >= at + width {
            break;
        }
        at = b + 5.0;
    }
    if at + width <= hi { at } else { lo }
}

/// The frames to draw, in picture coordinates. A title sits at its frame's top left, moved
/// along the top past the paths that cross it there.
pub(in crate::layout) fn zone_boxes(
    design: &Design,
    frames: &[Frame],
    extents: &[(f32, f32)],
    axes: Axes,
    badges: &Badges,
    routes: &[Route],
) -> Vec<ZoneBox> {
    let segments: Vec<((f32, f32), (f32, f32))> = routes
        .iter()
        .flat_map(|r| r.points.windows(2).map(|w| (w[0], w[1])))
        .collect();
    frames
        .iter()
        .zip(extents)
        .map(|(f, &(u0, u1))| {
            let rect = axes.rect(u0, f.v, u1 - u0, f.v_size);
            let found = &badges[f.zone.0 as usize];
            let tw = text::width(&f.title, text::SOFTWARE, true);
            let width = tw + badge_row_width(found);
            // The band the title lies in, and the paths across it, in layer coordinates.
            let left_to_right = axes.0 == Direction::LeftToRight;
            let (band, along) = if left_to_right {
                ((f.v - 1.0, f.v + ZONE_HEAD), (u0, u1))
            } else {
                ((u0 - 1.0, u0 + ZONE_HEAD), (f.v, f.v + f.v_size))
            };
            let blocked: Vec<(f32, f32)> = segments
                .iter()
                .filter_map(|&(a, b)| {
                    // (across the band, along the title) for each end.
                    let (a, b) = if left_to_right {
                        ((a.1, a.0), (b.1, b.0))
                    } else {
                        (a, b)
                    };
                    let meets = a.0.min(b.0) <= band.1 && a.0.max(b.0) >= band.0;
                    meets.then_some((a.1.min(b.1), a.1.max(b.1)))
                })
                .collect();
            let start = title_start(
                along.0 + ZONE_PAD,
                along.1 - ZONE_PAD,
                width + ZONE_PAD,
                blocked,
            );
            // Either way the title runs along x.
            let title = Text {
                text: f.title.clone(),
                rect: Rect::new(start, rect.y + 4.0, tw, 16.0),
            };
            let badges = badge_row(found, title.rect.right() + ZONE_PAD, title.rect.y + 1.0);
            ZoneBox {
                dom_id: format!("zone-{}", design.zone(f.zone).id),
                kind: design.zone(f.zone).kind,
                public: design.zone_is_public(f.zone),
                depth: f.depth,
                rect,
                title,
                badges,
            }
        })
        .collect()
}

/// The frames (indices into `frames`) each of the `nodes` sits in, outermost first: a
/// component's host's zone and the zones that hold it.
pub(in crate::layout) fn frames_of(
    design: &Design,
    frames: &[Frame],
    nodes: usize,
) -> Vec<Vec<usize>> {
    (0..nodes)
        .map(|c| {
            let zone = design
                .components
                .get(c)
                .and_then(|c| c.host)
                .and_then(|h| design.host(h).zone);
            zone.map(|z| {
                design
                    .zone_chain(z)
                    .filter_map(|z| frames.iter().position(|f| f.zone == z))
                    .collect()
            })
            .unwrap_or_default()
        })
        .collect()
}
