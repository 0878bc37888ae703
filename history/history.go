package history

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// DefaultMax is how many entries a History keeps in memory when
// Options.Max is zero.
const DefaultMax = 10000

// MaxEntryBytes is the longest entry written to the file. A longer one is
// still recalled in this session but not persisted; the loader skips longer
// lines, which bounds the memory a damaged or hostile file can cost per line.
const MaxEntryBytes = 64 << 10

// maxLine is the longest record line: every byte of an entry may need escaping.
const maxLine = 2 * MaxEntryBytes

// Options configures Open.
type Options struct {
	// Max is how many entries are kept in memory (the newest); 0 means DefaultMax.
	Max int
}

// History is a shell's history: the entries loaded from the file plus those
// added since, with every Add appended to the file at once. Its methods are
// safe for concurrent use.
type History struct {
	mu      sync.Mutex
	path    string
	f       *os.File // nil when memory only
	max     int
	entries []string
}

// Open opens (creating it, and its directory with mode 0700, if needed) the
// history file at path and loads its newest entries. The file is made 0600
// if it was readable or writable by others. Callers that must carry on when
// the file is unusable use OpenOrMemory instead.
func Open(path string, opts Options) (*History, error) {
	h := NewMemory(opts)
	if path == "" {
		return nil, errors.New("open history: empty path")
	}
	if err := checkDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("open history: %w", err)
	}
	f, err := openFile(path, os.O_RDWR|os.O_APPEND|os.O_CREATE)
	if err != nil {
		return nil, err
	}
	if err := prepare(f); err != nil {
		f.Close()
		return nil, err
	}
	if err := lock(f, false); err != nil {
		f.Close()
		return nil, fmt.Errorf("open history: %w", err)
	}
	h.entries, err = load(f, h.max)
	unlock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read history %s: %w", path, err)
	}
	h.path, h.f = path, f
	return h, nil
}

// prepare refuses anything but a regular file and tightens a loose mode:
// history holds remote object names and arguments, which are nobody else's.
func prepare(f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("open history: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("open history %s: not a regular file", f.Name())
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return fmt.Errorf("open history: %w", err)
		}
	}
	return nil
}

// OpenOrMemory is Open for a shell that must not fail over its history. It
// always returns a usable History; when the file cannot be opened for
// writing it returns a memory-only History (holding the file's entries if it
// can at least be read) together with the error, for the shell to print once.
func OpenOrMemory(path string, opts Options) (*History, error) {
	h, err := Open(path, opts)
	if err == nil {
		return h, nil
	}
	h = NewMemory(opts)
	if f, rerr := openFile(path, os.O_RDONLY); rerr == nil {
		if entries, lerr := load(f, h.max); lerr == nil {
			h.entries = entries
		}
		f.Close()
	}
	return h, err
}

// NewMemory returns a History that keeps entries in memory only.
func NewMemory(opts Options) *History {
	max := opts.Max
	if max <= 0 {
		max = DefaultMax
	}
	return &History{max: max}
}

// Persistent reports whether Add still writes to a file.
func (h *History) Persistent() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.f != nil
}

// Add records entry. Blank entries and secrets (see IsSecret) are dropped
// without trace, and an entry equal to the previous one is folded, whether
// the previous one is this History's or the last record another shell wrote
// to the file. The record is on disk (fsynced) when Add returns nil.
//
// If the file cannot be written, Add keeps the entry in memory, closes the
// file and returns the error once; from then on the History is memory only
// (Persistent reports false) and Add returns nil, so the shell prints the
// error a single time and carries on.
func (h *History) Add(entry string) error {
	if strings.TrimSpace(entry) == "" || IsSecret(entry) {
		return nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if n := len(h.entries); n > 0 && h.entries[n-1] == entry {
		return nil
	}
	h.entries = append(h.entries, entry)
	if len(h.entries) > h.max {
		h.entries = h.entries[len(h.entries)-h.max:]
	}
	if h.f == nil {
		return nil
	}
	if len(entry) > MaxEntryBytes {
		return fmt.Errorf("write history %s: entry of %d bytes is over the %d-byte limit, kept in memory only", h.path, len(entry), MaxEntryBytes)
	}
	if err := appendRecord(h.f, entry); err != nil {
		h.f.Close()
		h.f = nil
		return fmt.Errorf("write history: %w; history is now kept in memory only", err)
	}
	return nil
}

// Entries returns a copy of the entries in memory, oldest first.
func (h *History) Entries() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.entries...)
}

// Search returns the distinct entries starting with prefix, most recent
// first, at most limit of them (all when limit <= 0). An entry equal to
// prefix is included; callers suggesting completions may skip it.
func (h *History) Search(prefix string, limit int) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []string
	seen := make(map[string]bool)
	for i := len(h.entries) - 1; i >= 0; i-- {
		e := h.entries[i]
		if !strings.HasPrefix(e, prefix) || seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, e)
		if limit > 0 && len(out) == limit {
			break
		}
	}
	return out
}

// Close closes the file. The History stays usable in memory only.
func (h *History) Close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.f == nil {
		return nil
	}
	err := h.f.Close()
	h.f = nil
	if err != nil && !errors.Is(err, fs.ErrClosed) {
		return fmt.Errorf("close history: %w", err)
	}
	return nil
}
