//go:build race

package pickle

// raceDetector is true in -race builds, whose instrumentation changes
// allocation figures.
const raceDetector = true
