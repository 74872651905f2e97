// Package archtest holds one test, TestImports, which keeps
// docs/architecture.md true: every package of the module may import only
// what its row of the document's table allows. It has no other code.
package archtest
