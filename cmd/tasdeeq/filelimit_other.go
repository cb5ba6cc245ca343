//go:build !unix

package main

// fileLimit is unknown off Unix; TASDEEQ_MAX_CONNS is then taken as given.
func fileLimit() (uint64, bool) { return 0, false }
