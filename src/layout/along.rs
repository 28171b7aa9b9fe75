//! Along the layers: each layer's size, and where each layer and each channel between layers
//! starts.
//!
//! A channel holds, in order: the bottom borders of the zones' frames that close there, the
//! exit tracks, the top borders of the frames that open there, the entry tracks and the
//! labels. A path leaving its layer turns outside every frame that opens or closes there; one
//! arriving turns inside the frames its target's layer opens, below their titles.

use super::build::HOST_PAD;
use super::place::Block;
use super::route::{CHANNEL_PAD, LABEL_GAP, TRACK, TrackKey, Wire};

/// Positions along the layers.
pub(super) struct Along {
    /// Each layer's start and size.
    pub layer_u: Vec<(f32, f32)>,
    /// Where each channel's exit tracks start (channel `l` lies before layer `l`; one more
    /// after the last).
    pub channel_u: Vec<f32>,
    /// Where each channel's entry tracks start.
    pub entry_u: Vec<f32>,
}

/// Lays out the layers (`layer_size` each) and the channels between them: their tracks
/// (`tracks`), the labels of the wires entering the next layer, and the room the frames'
/// borders take as they close (`closing`) and open (`opening`) in each channel.
pub(super) fn along(
    layer_size: &[f32],
    tracks: &[Vec<TrackKey>],
    (wires, layer): (&[Wire], &[usize]),
    (closing, opening): (&[f32], &[f32]),
) -> Along {
    let layers = layer_size.len();
    let mut label_room = vec![0.0f32; layers + 1];
    for w in wires.iter().filter(|w| !w.side) {
        label_room[layer[w.to]] = label_room[layer[w.to]].max(w.label.0);
    }
    let exits = |ch: usize| {
        tracks[ch]
            .iter()
            .filter(|k| matches!(k, TrackKey::Exit(_)))
            .count()
    };
    let entries = |ch: usize| tracks[ch].len() - exits(ch);
    let labels = |ch: usize| {
        if label_room[ch] > 0.0 {
            label_room[ch] + LABEL_GAP + 4.0
        } else {
            0.0
        }
    };
    let mut out = Along {
        layer_u: vec![(0.0, 0.0); layers],
        channel_u: vec![0.0; layers + 1],
        entry_u: vec![0.0; layers + 1],
    };
    let mut at = 0.0;
    for l in 0..=layers {
        at += closing[l];
        out.channel_u[l] = at;
        let exit_part = CHANNEL_PAD + exits(l) as f32 * TRACK;
        let between = if opening[l] > 0.0 {
            opening[l] + CHANNEL_PAD / 2.0
        } else {
            0.0
        };
        let entry_part = entries(l) as f32 * TRACK + labels(l) + CHANNEL_PAD;
        let least = (3.0 * CHANNEL_PAD - exit_part - entry_part).max(0.0);
        out.entry_u[l] = at + exit_part + between;
        at = out.entry_u[l] + entry_part + least;
        if l < layers {
            out.layer_u[l] = (at, layer_size[l]);
            at += layer_size[l];
        }
    }
    out
}

/// Each of the `layers`' size along the layers: its boxes (`layer`, `u_size`, and `offset`
/// from their block's start) with their hosts' padding after them. Top to bottom, a host's
/// title (`title_u`) runs along its bottom edge, out of the way of the links that enter from
/// above: its last layer makes room for it.
pub(super) fn layer_sizes(
    layers: usize,
    (layer, u_size, offset): (&[usize], &[f32], &[f32]),
    (blocks, block_host, block_of): (&[Block], &[Option<usize>], &[usize]),
    title_u: f32,
) -> Vec<f32> {
    let mut size = vec![0.0f32; layers];
    for (c, &l) in layer.iter().enumerate() {
        let b = &blocks[block_of[c]];
        let pad = match block_host[block_of[c]] {
            Some(_) if l == b.last => HOST_PAD + title_u,
            Some(_) => HOST_PAD,
            None => 0.0,
        };
        size[l] = size[l].max(offset[c] + u_size[c] + pad);
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_holds_its_tracks_and_the_labels_entering_the_next_layer() {
        let wire = Wire::new(0, 1, (12.0, 50.0));
        let tracks = vec![vec![], vec![TrackKey::Exit(0)], vec![]];
        let a = along(
            &[40.0, 40.0],
            &tracks,
            (&[wire], &[0, 1]),
            (&[0.0; 3], &[0.0; 3]),
        );
        // Before the first layer: the least room, three pads.
        assert_eq!(a.layer_u[0], (3.0 * CHANNEL_PAD, 40.0));
        // Between the layers: a pad, one exit track, the label and its gap, a pad.
        let channel = CHANNEL_PAD + TRACK + 12.0 + LABEL_GAP + 4.0 + CHANNEL_PAD;
        assert_eq!(a.layer_u[1].0, 3.0 * CHANNEL_PAD + 40.0 + channel);
        assert_eq!(a.entry_u[1], a.channel_u[1] + CHANNEL_PAD + TRACK);
    }
}
