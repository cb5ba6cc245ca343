//go:build !race

package licences_test

const raceEnabled = false
