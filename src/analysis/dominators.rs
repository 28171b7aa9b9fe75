//! Dominators of the request graph (Cooper, Harvey and Kennedy, "A Simple, Fast Dominance
//! Algorithm", 2001): node X dominates node Y when every path from the root to Y passes
//! through X, which is exactly "if X fails, Y cannot be reached".

use super::request::RequestGraph;

pub const UNREACHABLE: u32 = u32::MAX;

/// The dominator tree: `idom[n]` is n's immediate dominator (`UNREACHABLE` when the root does
/// not reach n; the root is its own), `depth[n]` its depth in the tree.
#[derive(Debug, Clone)]
pub struct DominatorTree {
    pub idom: Vec<u32>,
    pub depth: Vec<u32>,
    pub root: u32,
    /// When a depth-first walk of the tree enters and leaves each node: `a` dominates `b`
    /// exactly when `b`'s span lies within `a`'s, which answers in constant time what walking
    /// up from `b` answers in its depth (quadratic over a deep tree).
    enter: Vec<u32>,
    exit: Vec<u32>,
}

impl DominatorTree {
    pub fn new(graph: &RequestGraph) -> Self {
        let n = graph.successors.len();
        let root = graph.root;
        let order = reverse_postorder(graph);
        let mut rank = vec![u32::MAX; n];
        for (i, &node) in order.iter().enumerate() {
            rank[node as usize] = i as u32;
        }
        let mut idom = vec![UNREACHABLE; n];
        idom[root as usize] = root;
        let mut changed = true;
        while changed {
            changed = false;
            for &node in order.iter().skip(1) {
                let mut new_idom = UNREACHABLE;
                for &p in &graph.predecessors[node as usize] {
                    if idom[p as usize] == UNREACHABLE {
                        continue;
                    }
                    new_idom = if new_idom == UNREACHABLE {
                        p
                    } else {
                        intersect(&idom, &rank, p, new_idom)
                    };
                }
                if new_idom != idom[node as usize] {
                    idom[node as usize] = new_idom;
                    changed = true;
                }
            }
        }
        // Reverse postorder visits a node's immediate dominator before the node.
        let mut depth = vec![0; n];
        for &node in order.iter().skip(1) {
            depth[node as usize] = depth[idom[node as usize] as usize] + 1;
        }
        let (enter, exit) = spans(&idom, root);
        DominatorTree {
            idom,
            depth,
            root,
            enter,
            exit,
        }
    }

    /// The deepest node that dominates every node of `nodes` (`None` when it is empty). It
    /// is the common dominator of the first and the last of them in the tree's walk.
    pub fn common_dominator_of(&self, nodes: impl IntoIterator<Item = u32>) -> Option<u32> {
        let mut ends: Option<(u32, u32)> = None;
        for node in nodes {
            ends = Some(match ends {
                None => (node, node),
                Some((first, last)) => (
                    if self.enter[node as usize] < self.enter[first as usize] {
                        node
                    } else {
                        first
                    },
                    if self.enter[node as usize] > self.enter[last as usize] {
                        node
                    } else {
                        last
                    },
                ),
            });
        }
        ends.map(|(first, last)| self.common_dominator(first, last))
    }

    /// When the tree's walk enters `node`: a node comes after every node dominating it.
    pub fn entered(&self, node: u32) -> u32 {
        self.enter[node as usize]
    }

    /// When the tree's walk leaves `node`, after every node it dominates.
    pub fn left(&self, node: u32) -> u32 {
        self.exit[node as usize]
    }

    pub fn reachable(&self, node: u32) -> bool {
        self.idom[node as usize] != UNREACHABLE
    }

    /// The deepest node that dominates both.
    pub fn common_dominator(&self, mut a: u32, mut b: u32) -> u32 {
        while self.depth[a as usize] > self.depth[b as usize] {
            a = self.idom[a as usize];
        }
        while self.depth[b as usize] > self.depth[a as usize] {
            b = self.idom[b as usize];
        }
        while a != b {
            a = self.idom[a as usize];
            b = self.idom[b as usize];
        }
        a
    }

    /// Whether every path from the root to `b` passes through `a` (a node dominates itself).
    pub fn dominates(&self, a: u32, b: u32) -> bool {
        self.reachable(a)
            && self.reachable(b)
            && self.enter[a as usize] <= self.enter[b as usize]
            && self.exit[b as usize] <= self.exit[a as usize]
    }

    /// The dominators of `node`, from itself up to (not including) the root.
    pub fn dominators_of(&self, mut node: u32) -> Vec<u32> {
        let mut chain = Vec::new();
        while node != self.root {
            chain.push(node);
            node = self.idom[node as usize];
        }
        chain
    }
}

/// Entry and exit times of a depth-first walk of the tree (0 for nodes the root does not
/// reach), without recursion so a deep tree cannot overflow the stack.
fn spans(idom: &[u32], root: u32) -> (Vec<u32>, Vec<u32>) {
    let n = idom.len();
    let mut children = vec![Vec::new(); n];
    for (node, &parent) in idom.iter().enumerate() {
        if parent != UNREACHABLE && node as u32 != root {
            children[parent as usize].push(node as u32);
        }
    }
    let (mut enter, mut exit) = (vec![0; n], vec![0; n]);
    let mut clock = 0;
    let mut stack: Vec<(u32, usize)> = vec![(root, 0)];
    enter[root as usize] = clock;
    while let Some((node, next)) = stack.last_mut() {
        if let Some(&child) = children[*node as usize].get(*next) {
            *next += 1;
            clock += 1;
            enter[child as usize] = clock;
            stack.push((child, 0));
        } else {
            clock += 1;
            exit[*node as usize] = clock;
            stack.pop();
        }
    }
    (enter, exit)
}

fn intersect(idom: &[u32], rank: &[u32], mut a: u32, mut b: u32) -> u32 {
    while a != b {
        while rank[a as usize] > rank[b as usize] {
            a = idom[a as usize];
        }
        while rank[b as usize] > rank[a as usize] {
            b = idom[b as usize];
        }
    }
    a
}

/// The nodes the root reaches, in reverse postorder of a depth-first search.
fn reverse_postorder(graph: &RequestGraph) -> Vec<u32> {
    let n = graph.successors.len();
    let mut visited = vec![false; n];
    let mut postorder = Vec::with_capacity(n);
    // (node, index of the next successor to visit)
    let mut stack: Vec<(u32, usize)> = vec![(graph.root, 0)];
    visited[graph.root as usize] = true;
    while let Some((node, next)) = stack.last_mut() {
        let successors = &graph.successors[*node as usize];
        if let Some(&child) = successors.get(*next) {
            *next += 1;
            if !visited[child as usize] {
                visited[child as usize] = true;
                stack.push((child, 0));
            }
        } else {
            postorder.push(*node);
            stack.pop();
        }
    }
    postorder.reverse();
    postorder
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(n: usize, edges: &[(u32, u32)]) -> RequestGraph {
        let mut successors = vec![Vec::new(); n];
        let mut predecessors = vec![Vec::new(); n];
        for &(a, b) in edges {
            successors[a as usize].push(b);
            predecessors[b as usize].push(a);
        }
        RequestGraph {
            successors,
            predecessors,
            root: 0,
        }
    }

    #[test]
    fn diamond_and_chain() {
        // 0 -> 1 -> {2, 3} -> 4 -> 5; 6 unreachable.
        let g = graph(7, &[(0, 1), (1, 2), (1, 3), (2, 4), (3, 4), (4, 5)]);
        let t = DominatorTree::new(&g);
        assert_eq!(t.idom[..6], [0, 0, 1, 1, 1, 4]);
        assert!(!t.reachable(6));
        assert_eq!(t.common_dominator(2, 3), 1);
        assert_eq!(t.dominators_of(5), vec![5, 4, 1]);
        assert!(t.dominates(1, 5) && t.dominates(4, 4) && !t.dominates(2, 4));
        assert!(!t.dominates(6, 6) && !t.dominates(0, 6));
        assert_eq!(t.common_dominator_of([2, 5, 3]), Some(1));
        assert_eq!(t.common_dominator_of([5]), Some(5));
        assert_eq!(t.common_dominator_of([]), None);
    }

    #[test]
    fn loops_do_not_confuse_it() {
        // 0 -> 1 <-> 2 -> 3, and 0 -> 2.
        let g = graph(4, &[(0, 1), (1, 2), (2, 1), (2, 3), (0, 2)]);
        let t = DominatorTree::new(&g);
        assert_eq!(t.idom, vec![0, 0, 0, 2]);
    }
}
