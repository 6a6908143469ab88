package mine

// Case data lives in arenas of fixed blocks rather than in a slice per case:
// no growth copies, no garbage, and memory that is counted exactly. A block
// is blockSize bytes: a 4-byte link to the case's next block (0 = none)
// followed by blockData bytes of encoded events.
const (
	blockSize  = 32
	blockData  = blockSize - 4
	slabBlocks = 1 << 15 // 1 MiB slabs
)

// arena hands out blocks; block 0 is never used, so 0 means "none".
type arena struct {
	slabs [][]byte
	next  uint32 // next free block
}

func newArena() *arena { return &arena{next: 1} }

// bytes is the memory of the blocks in use (the slabs hold up to 1 MiB more).
func (a *arena) bytes() int64 { return int64(a.next) * blockSize }

// reset frees every block for reuse, keeping the slabs.
func (a *arena) reset() { a.next = 1 }

func (a *arena) block(id uint32) []byte {
	s := a.slabs[id/slabBlocks]
	off := (id % slabBlocks) * blockSize
	return s[off : off+blockSize : off+blockSize]
}

func (a *arena) alloc() uint32 {
	id := a.next
	if int(id/slabBlocks) >= len(a.slabs) {
		a.slabs = append(a.slabs, make([]byte, slabBlocks*blockSize))
	}
	a.next++
	b := a.block(id)
	b[0], b[1], b[2], b[3] = 0, 0, 0, 0
	return id
}

func link(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

func setLink(b []byte, id uint32) {
	b[0], b[1], b[2], b[3] = byte(id), byte(id>>8), byte(id>>16), byte(id>>24)
}

// caseBuf is one case: its id and the chain of blocks holding its events
// (encoded by appendEvent, in arrival order).
type caseBuf struct {
	id         string
	head, tail uint32
	used       uint8 // bytes used in the tail block
	lastT      int64
}

// write appends p to the case's chain.
func (a *arena) write(c *caseBuf, p []byte) {
	if c.head == 0 {
		c.head = a.alloc()
		c.tail, c.used = c.head, 0
	}
	for len(p) > 0 {
		if c.used == blockData {
			id := a.alloc()
			setLink(a.block(c.tail), id)
			c.tail, c.used = id, 0
		}
		b := a.block(c.tail)
		n := copy(b[4+int(c.used):], p)
		c.used += uint8(n)
		p = p[n:]
	}
}

// read appends the case's encoded events to dst.
func (a *arena) read(c *caseBuf, dst []byte) []byte {
	for id := c.head; id != 0; {
		b := a.block(id)
		if id == c.tail {
			return append(dst, b[4:4+int(c.used)]...)
		}
		dst = append(dst, b[4:]...)
		id = link(b)
	}
	return dst
}

// caseList stores cases in fixed chunks, so growing it never copies.
type caseList struct {
	chunks [][]caseBuf
	n      int
}

const caseChunk = 4096

func (l *caseList) add(c caseBuf) uint32 {
	if l.n%caseChunk == 0 {
		l.chunks = append(l.chunks, make([]caseBuf, 0, caseChunk))
	}
	k := &l.chunks[len(l.chunks)-1]
	*k = append(*k, c)
	l.n++
	return uint32(l.n - 1)
}

func (l *caseList) at(i int) *caseBuf { return &l.chunks[i/caseChunk][i%caseChunk] }

// part is a set of cases with the arena that holds their events.
type part struct {
	cases *caseList
	arena *arena
}
