//go:build !race

package printer_test

// raceDetector is true in -race builds, whose instrumentation changes
// allocation figures.
const raceDetector = false
