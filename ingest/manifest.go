package ingest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"
)

// Manifest records what a Sync read into an index, so that a second run
// skips unchanged files, replaces changed ones and can prune documents whose
// files are gone. It is saved atomically in the index's directory, beside
// the shards (DIR/manifest.json); losing it only costs a full re-read,
// never a wrong index, because adding a document replaces it.
type Manifest struct {
	path    string
	mu      sync.RWMutex
	Entries map[string]ManifestEntry `json:"files"` // by absolute source path
}

// ManifestEntry is one file as last read.
type ManifestEntry struct {
	Size    int64     `json:"size"`
	ModTime time.Time `json:"mtime"`
	Hash    string    `json:"sha256"`
	DocID   string    `json:"doc"`
}

const manifestFile = "manifest.json"

// LoadManifest reads the manifest of the index in dir; a missing or
// unreadable manifest is an empty one.
func LoadManifest(dir string) *Manifest {
	m := &Manifest{path: filepath.Join(dir, manifestFile), Entries: map[string]ManifestEntry{}}
	data, err := os.ReadFile(m.path)
	if err != nil {
		return m
	}
	if json.Unmarshal(data, m) != nil || m.Entries == nil {
		m.Entries = map[string]ManifestEntry{}
	}
	return m
}

// Unchanged reports whether the file at path (absolute) has the size and
// modification time it had when last read.
func (m *Manifest) Unchanged(path string, size int64, mod time.Time) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	e, ok := m.Entries[path]
	return ok && e.Size == size && e.ModTime.Equal(mod) && e.Hash != ""
}

// SameHash reports whether the file at path had this content hash when last
// read.
func (m *Manifest) SameHash(path, hash string) bool {
	m.mu.RLock()
	defer m.mu.RUnlock()
	e, ok := m.Entries[path]
	return ok && e.Hash == hash
}

// Get returns the entry for path.
func (m *Manifest) Get(path string) (ManifestEntry, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	e, ok := m.Entries[path]
	return e, ok
}

// Set records the entry for path.
func (m *Manifest) Set(path string, e ManifestEntry) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.Entries[path] = e
}

// Remove forgets path.
func (m *Manifest) Remove(path string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.Entries, path)
}

// Paths returns the recorded paths.
func (m *Manifest) Paths() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.Entries))
	for p := range m.Entries {
		out = append(out, p)
	}
	return out
}

// Save writes the manifest atomically.
func (m *Manifest) Save() error {
	if m.path == "" || m.path == manifestFile {
		return errors.New("el manifiesto no tiene carpeta de índice")
	}
	m.mu.RLock()
	data, err := json.Marshal(m)
	m.mu.RUnlock()
	if err != nil {
		return err
	}
	if err := writeAtomic(m.path, data); err != nil {
		return fmt.Errorf("no se puede guardar el manifiesto: %w", err)
	}
	return nil
}

// writeAtomic writes data to a new file beside path, flushed to disk,
// then renames it over path: a crash leaves the old file or the new one.
func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
