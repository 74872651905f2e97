package index

import (
	"context"
	"fmt"
	"maps"
	"runtime/debug"
	"slices"

	"github.com/blevesearch/bleve/v2"
)

// PanicError is a panic recovered in a goroutine the index started (a
// shard's search, a batch's indexing): the work it stood for failed, and
// the process goes on. A panic in such a goroutine would otherwise end
// the whole server, whatever request caused it.
type PanicError struct {
	What  string // the work that panicked: "search shard 2"
	Value any    // what was passed to panic
	Stack []byte // the goroutine's stack when it panicked
}

// Error names the work and the panic's value.
func (e *PanicError) Error() string {
	return fmt.Sprintf("%s: internal error (panic: %v)", e.What, e.Value)
}

// recoverInto, deferred, turns a panic of the calling goroutine into a
// *PanicError stored in *err.
func recoverInto(err *error, format string, args ...any) {
	if v := recover(); v != nil {
		*err = &PanicError{What: fmt.Sprintf(format, args...), Value: v, Stack: debug.Stack()}
	}
}

// recoveringShard is a shard whose searches turn a panic into an error:
// bleve's index alias searches its shards in goroutines that do not
// recover.
type recoveringShard struct{ bleveIndex }

// bleveIndex names bleve.Index for embedding (its own Index method would
// clash with a field of that name).
type bleveIndex = bleve.Index

// SearchInContext searches the shard, recovering a panic.
func (r recoveringShard) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (res *bleve.SearchResult, err error) {
	defer recoverInto(&err, "search a shard")
	return r.bleveIndex.SearchInContext(ctx, req)
}

// Search searches the shard, recovering a panic.
func (r recoveringShard) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return r.SearchInContext(context.Background(), req)
}

// strictAlias is an index alias whose searches fail when a shard's failed:
// bleve's alias returns the hits of the other shards, with the errors in
// the result's status, which a caller that looks only at the error takes
// for a whole answer.
type strictAlias struct{ bleve.IndexAlias }

// SearchInContext searches every shard; the error of a shard that failed
// is the search's.
func (a strictAlias) SearchInContext(ctx context.Context, req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	res, err := a.IndexAlias.SearchInContext(ctx, req)
	if err == nil && res != nil && len(res.Status.Errors) > 0 {
		names := slices.Sorted(maps.Keys(res.Status.Errors))
		return nil, res.Status.Errors[names[0]]
	}
	return res, err
}

// Search searches every shard, as SearchInContext.
func (a strictAlias) Search(req *bleve.SearchRequest) (*bleve.SearchResult, error) {
	return a.SearchInContext(context.Background(), req)
}
