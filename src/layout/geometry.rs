//! Rectangles and the two axes of a layered layout: `u` runs along the layers (the request
//! flow), `v` across them. Left-to-right maps u to x; top-to-bottom maps u to y.

use crate::spec::vocabulary::Direction;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Whether the interiors intersect (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// Whether `other` lies entirely inside (or on the border of) this rectangle.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    /// The rectangle `d` larger on every side (smaller for a negative `d`).
    pub fn grown(&self, d: f32) -> Rect {
        Rect::new(self.x - d, self.y - d, self.w + 2.0 * d, self.h + 2.0 * d)
    }

    /// Whether the point lies in the rectangle or on its border.
    pub fn holds(&self, (x, y): (f32, f32)) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    /// Whether an axis-parallel segment enters the rectangle's open inside.
    pub fn meets_segment(&self, (ax, ay): (f32, f32), (bx, by): (f32, f32)) -> bool {
        ax.min(bx) < self.right()
            && ax.max(bx) > self.x
            && ay.min(by) < self.bottom()
            && ay.max(by) > self.y
    }

    pub fn translate(&self, dx: f32, dy: f32) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }
}

/// A size or position in layer coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Uv {
    pub u: f32,
    pub v: f32,
}

/// Maps layer coordinates to the picture's x and y.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Axes(pub Direction);

impl Axes {
    /// A width and height as (u, v) sizes.
    pub fn size(&self, w: f32, h: f32) -> Uv {
        match self.0 {
            Direction::LeftToRight => Uv { u: w, v: h },
            Direction::TopToBottom => Uv { u: h, v: w },
        }
    }

    pub fn point(&self, u: f32, v: f32) -> (f32, f32) {
        match self.0 {
            Direction::LeftToRight => (u, v),
            Direction::TopToBottom => (v, u),
        }
    }

    /// A rectangle given by its u/v origin and u/v sizes.
    pub fn rect(&self, u: f32, v: f32, du: f32, dv: f32) -> Rect {
        let (x, y) = self.point(u, v);
        let (w, h) = self.point(du, dv);
        Rect::new(x, y, w, h)
    }
}
