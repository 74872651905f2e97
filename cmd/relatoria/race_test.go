//go:build race

package main

// raceBuild is set when the tests run with the race detector, whose shadow
// memory makes memory figures meaningless.
const raceBuild = true
