package serve

import "bytes"

// svgPatch turns the SVG a page shows into a newer one by replacing only
// the runs of top-level elements that differ (Hunks, in order, indexed in
// the old drawing) and, when Root is set, taking the root element's
// attributes from it.
//
// An edit that changes one touchpoint's text without moving anything else
// changes a handful of the drawing's thousands of elements (the text, and
// the embedded font when it needs another glyph): the browser then lays
// out and paints those alone, instead of the whole map.
type svgPatch struct {
	Root  string `json:"root,omitempty"` // the new root start tag, when it changed
	Hunks []hunk `json:"hunks"`
}

// hunk replaces Remove elements from index At of the old drawing with the
// elements of Insert.
type hunk struct {
	At     int    `json:"at"`
	Remove int    `json:"remove"`
	Insert string `json:"insert"`
}

// diffSVG returns the patch from old to new (both as draw.SVG writes
// them), or false when the two are not drawings of that form or when most
// elements changed: sending the whole drawing is cheaper then.
func diffSVG(old, new []byte) (*svgPatch, bool) {
	oroot, okids, ok1 := splitSVG(old)
	nroot, nkids, ok2 := splitSVG(new)
	if !ok1 || !ok2 {
		return nil, false
	}
	keep := 0
	for keep < len(okids) && keep < len(nkids) && bytes.Equal(okids[keep], nkids[keep]) {
		keep++
	}
	tail := 0
	for tail < len(okids)-keep && tail < len(nkids)-keep &&
		bytes.Equal(okids[len(okids)-1-tail], nkids[len(nkids)-1-tail]) {
		tail++
	}
	p := &svgPatch{}
	if !bytes.Equal(oroot, nroot) {
		p.Root = string(nroot)
	}
	omid, nmid := okids[keep:len(okids)-tail], nkids[keep:len(nkids)-tail]
	inserted := 0
	if len(omid) == len(nmid) {
		// As many elements: replace each run that differs.
		for i := 0; i < len(nmid); {
			if bytes.Equal(omid[i], nmid[i]) {
				i++
				continue
			}
			j := i
			for j < len(nmid) && !bytes.Equal(omid[j], nmid[j]) {
				j++
			}
			p.Hunks = append(p.Hunks, hunk{At: keep + i, Remove: j - i, Insert: join(nmid[i:j])})
			inserted += j - i
			i = j
		}
	} else if len(omid) > 0 || len(nmid) > 0 {
		p.Hunks = []hunk{{At: keep, Remove: len(omid), Insert: join(nmid)}}
		inserted = len(nmid)
	}
	if 2*inserted > len(nkids) {
		return nil, false
	}
	return p, true
}

func join(kids [][]byte) string {
	var b bytes.Buffer
	for _, k := range kids {
		b.Write(k)
		b.WriteByte('\n')
	}
	return b.String()
}

// splitSVG splits a drawing into its root start tag and its top-level
// child elements. It relies on what draw.SVG writes: every "<" and ">" in
// text and attribute values is escaped, and elements do not nest below the
// root but for text in title, desc and style.
func splitSVG(svg []byte) (root []byte, kids [][]byte, ok bool) {
	i := bytes.Index(svg, []byte("<svg "))
	if i < 0 {
		return nil, nil, false
	}
	end := bytes.IndexByte(svg[i:], '>')
	if end < 0 {
		return nil, nil, false
	}
	root = svg[i : i+end+1]
	rest := svg[i+end+1:]
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		if bytes.HasPrefix(rest, []byte("</svg>")) {
			return root, kids, true
		}
		if len(rest) < 2 || rest[0] != '<' {
			return nil, nil, false
		}
		gt := bytes.IndexByte(rest, '>')
		if gt < 0 {
			return nil, nil, false
		}
		n := gt + 1
		if rest[gt-1] != '/' {
			name := rest[1:gt]
			if sp := bytes.IndexAny(name, " \t\r\n"); sp >= 0 {
				name = name[:sp]
			}
			close := append(append([]byte("</"), name...), '>')
			c := bytes.Index(rest[n:], close)
			if c < 0 {
				return nil, nil, false
			}
			n += c + len(close)
		}
		kids = append(kids, rest[:n])
		rest = rest[n:]
	}
}
