package main

var ingestCommand, queryCommand, showCommand, normalizeCommand = &command{name: "ingest"}, &command{name: "query"}, &command{name: "show"}, &command{name: "normalize"}
