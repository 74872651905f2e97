package index

import (
	"fmt"
	"runtime/debug"
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
