package mine

import (
	"cmp"
	"slices"
	"strings"

	"gonum.org/v1/gonum/graph/network"
	"gonum.org/v1/gonum/graph/path"
	"gonum.org/v1/gonum/graph/simple"
)

// maxBetweenness is the most nodes betweenness is computed for (it costs
// all-pairs shortest paths); above, betweenness is left at 0.
const maxBetweenness = 2000

// Centrality parameters.
const (
	pageRankDamping = 0.85
	pageRankTol     = 1e-10
)

// centrality ranks the observed nodes of the directly-follows graph with
// gonum: PageRank weighted by edge count (a move taken more often passes on
// more rank), on the graph plus a virtual end node that each case's last
// node leads to (weighted by the cases ending there, so that ending the
// journey counts as a move and an end activity's rank does not all flow to
// a rare successor); and betweenness on shortest paths where an edge's
// length is 1/count (frequent moves are short, so the paths most cases take
// count), without the end node. Self-loops are left out: they change
// neither measure's meaning here. The end node is not listed.
func centrality(a *acc) []Centrality {
	names := a.tb.nodeNames
	g := simple.NewWeightedDirectedGraph(0, 0)
	lengths := simple.NewWeightedDirectedGraph(0, 0)
	for n, c := range a.nodeEvents {
		if c > 0 {
			g.AddNode(simple.Node(n))
			lengths.AddNode(simple.Node(n))
		}
	}
	out := []Centrality{}
	if g.Nodes().Len() == 0 {
		return out
	}
	for i := range a.edges.list {
		e := &a.edges.list[i]
		if e.from == e.to {
			continue
		}
		f, t := simple.Node(e.from), simple.Node(e.to)
		g.SetWeightedEdge(g.NewWeightedEdge(f, t, float64(e.count)))
		lengths.SetWeightedEdge(lengths.NewWeightedEdge(f, t, 1/float64(e.count)))
	}
	end := simple.Node(len(names))
	for n, c := range a.end {
		if c > 0 {
			g.SetWeightedEdge(g.NewWeightedEdge(simple.Node(n), end, float64(c)))
		}
	}
	pr := network.PageRank(g, pageRankDamping, pageRankTol)
	var bc map[int64]float64
	if lengths.Nodes().Len() <= maxBetweenness {
		bc = network.BetweennessWeighted(lengths, path.DijkstraAllPaths(lengths))
	}
	for n, c := range a.nodeEvents {
		if c > 0 {
			out = append(out, Centrality{Node: names[n], PageRank: round(pr[int64(n)], 6), Betweenness: round(bc[int64(n)], 6)})
		}
	}
	slices.SortFunc(out, func(x, y Centrality) int {
		return cmp.Or(cmp.Compare(y.PageRank, x.PageRank), cmp.Compare(y.Betweenness, x.Betweenness),
			strings.Compare(x.Node, y.Node))
	})
	return out
}
